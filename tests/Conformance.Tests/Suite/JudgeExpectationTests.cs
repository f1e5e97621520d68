using Conformance.Oracle;
using Conformance.Requirements;
using Conformance.Suite;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Tests.Suite;

/// <summary>
/// Concrete expected values (<c>&lt;ID&gt;.expect.&lt;param&gt;</c> model functions): the judge evaluates each expect
/// function whose parameters are all among the predicate's, on the observation's own arguments, and names the value a
/// correct runtime would have produced; <see cref="Judge.Holds"/> is the same predicate without the report.
/// </summary>
public class JudgeExpectationTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.LoadEmbedded();

    private static Judge Make() => new(new ScriptedOracle()
        .Define("SV-002.ok", ["v", "ptr"], a => a[1] == 0x1000 + (8 * a[0]) ? 1UL : 0UL)
        .Define("SV-002.expect.ptr", ["v"], a => 0x1000 + (8 * a[0]))
        .Define("SV-002.expect.v", ["v", "missing"], a => 99) // needs a parameter the predicate lacks: never shown
        .Define("SV-001.ok", ["x"], a => a[0] == 1 ? 1UL : 0UL)
        .Define("XX-999.ok", ["x", "y"], a => a[0])
        .Define("XX-999.expect.x", ["x"], _ => 1)
        .Define("XX-999.expect.y", ["x", "y"], a => a[1] + 1)
        .Define("SV-003.ok", Enumerable.Range(0, 17).Select(i => $"a{i}").ToArray(), _ => 1)
        .Define("SV-003.expect.a0", Enumerable.Range(0, 17).Select(i => $"a{i}").ToArray(), _ => 5), Catalog);

    [Fact]
    [Requirement("SV-002")]
    public void Failure_NamesTheValueACorrectRuntimeGives()
    {
        var o = Make().Check("SV-002.ok", "uint16(5)", "", new Arg("v", 5), new Arg("ptr", 0x2000));
        Assert.Equal(Verdict.Fail, o.Verdict);
        Assert.Equal("ptr=4136 (SV-002.ok): " + Catalog.Get("SV-002").Statement, o.Expected);
    }

    [Fact]
    [Requirement("SV-002")]
    public void Pass_NamesItToo_AndAnExpectFunctionNeedingAnUnknownParameterIsLeftOut()
    {
        var o = Make().Check("SV-002.ok", "uint16(2)", "obs", new Arg("v", 2), new Arg("ptr", 0x1010));
        Assert.Equal(Verdict.Pass, o.Verdict);
        Assert.Equal("ptr=4112 (SV-002.ok): " + Catalog.Get("SV-002").Statement, o.Expected);
        Assert.DoesNotContain("v=", o.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void NoExpectFunction_SaysThePredicateHolds_AndAnUnknownIdHasNoStatement()
    {
        var judge = Make();
        Assert.Equal("SV-001.ok holds: " + Catalog.Get("SV-001").Statement, judge.Check("SV-001.ok", "i", "o", new Arg("x", 0)).Expected);
        Assert.Equal("x=1, y=8 (XX-999.ok)", judge.Check("XX-999.ok", "i", "o", new Arg("x", 0), new Arg("y", 7)).Expected);
    }

    [Fact]
    public void ExpectFunctionOfMoreThanSixteenParameters_IsLeftOut()
    {
        var args = Enumerable.Range(0, 17).Select(i => new Arg($"a{i}", (ulong)i)).ToArray();
        Assert.Equal("SV-003.ok holds: " + Catalog.Get("SV-003").Statement, Make().Check("SV-003.ok", "i", "o", args).Expected);
    }

    [Theory]
    [InlineData(3UL, 0x1018UL, true)]
    [InlineData(3UL, 0x1019UL, false)]
    [InlineData(0UL, 0x1000UL, true)]
    public void Holds_IsThePredicate_WithoutAReport(ulong v, ulong address, bool holds)
    {
        var judge = Make();
        Assert.Equal(holds, judge.Holds("SV-002.ok", new Arg("v", v), new Arg("ptr", address)));
        Assert.Equal(holds ? Verdict.Pass : Verdict.Fail, judge.Check("SV-002.ok", "i", "o", new Arg("v", v), new Arg("ptr", address)).Verdict);
    }

    [Fact]
    public void Holds_ChecksTheSignatureLikeCheck()
    {
        var judge = Make();
        Assert.ThrowsAny<Exception>(() => judge.Holds("SV-002.ok", new Arg("ptr", 1), new Arg("v", 1)));
        Assert.True(judge.Holds("SV-003.ok", [.. Enumerable.Range(0, 17).Select(i => new Arg($"a{i}", 1))]));
    }

    /// <summary>
    /// Where a requirement allows any value from a bound up, <c>&lt;ID&gt;.atleast.&lt;param&gt;</c> names the bound
    /// (<c>rsize&gt;=</c>), after the exact values, each only when its parameters are the predicate's.
    /// </summary>
    [Fact]
    [Requirement("ZV-016")]
    public void AtLeast_NamesTheBound()
    {
        var judge = new Judge(new ScriptedOracle()
            .Define("ZV-016.ok", ["ptr", "size", "rbase", "rsize"], a => a[3] >= a[0] - a[2] + a[1] ? 1UL : 0UL)
            .Define("ZV-016.atleast.rsize", ["ptr", "rbase", "size"], a => a[0] - a[1] + a[2])
            .Define("ZV-016.expect.rsize", ["size"], a => a[0] * 2)
            .Define("ZV-016.atleast.size", ["size", "missing"], _ => 1), Catalog);
        var o = judge.Check("ZV-016.ok", "lookup", "", new Arg("ptr", 0x1010), new Arg("size", 0x100), new Arg("rbase", 0x1000), new Arg("rsize", 0x20));
        Assert.Equal(Verdict.Fail, o.Verdict);
        Assert.Equal("rsize=512, rsize>=272 (ZV-016.ok): " + Catalog.Get("ZV-016").Statement, o.Expected);
    }

    /// <summary>
    /// The models' bounds are the predicates' own: for a pointer inside a zero region with nothing non-zero, ZV-016.ok
    /// holds exactly when rsize reaches ZV-016.atleast.rsize; for a lookup handed the compiler zero's start, ZV-012.ok
    /// holds exactly when czsize reaches ZV-012.atleast.czsize (types over 1024 bytes, which the static zero cannot serve).
    /// </summary>
    [Fact]
    [Requirement("ZV-012", "ZV-016")]
    public void ModelBounds_AreTight()
    {
        var oracle = ModelOracle.LoadEmbedded();
        var small = Gen.Choose(0, 1 << 20).Select(i => (ulong)i);
        var arb = Arb.From(small.Zip(small).Zip(small.Zip(small)).Select(t => (Ptr: 0x10000 + t.Item1.Item1, Size: t.Item1.Item2, Rsize: t.Item2.Item1, Back: t.Item2.Item2)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true), Prop.ForAll(arb, x =>
        {
            ulong rbase = x.Ptr - Math.Min(x.Back, 0x10000);
            ulong rsize = Math.Max(x.Rsize, x.Ptr - rbase + 1);
            bool ok = oracle.Evaluate("ZV-016.ok", [0, x.Ptr, x.Size, rbase, rsize, 0]) == 1;
            ulong bound = oracle.Evaluate("ZV-016.atleast.rsize", [x.Ptr, rbase, x.Size]);
            Assert.True(ok == (rsize >= bound), $"ZV-016: ptr {x.Ptr:x}, size {x.Size}, region {rbase:x}+{rsize}: ok {ok}, bound {bound}");
            ulong size = 1025 + x.Size;
            bool czok = oracle.Evaluate("ZV-012.ok", [size, 0, 0x5000, 0x5000, x.Rsize, 0x9000]) == 1;
            Assert.True(czok == (x.Rsize >= oracle.Evaluate("ZV-012.atleast.czsize", [size])), $"ZV-012: size {size}, czsize {x.Rsize}: ok {czok}");
        }));
    }

    /// <summary>
    /// The relational predicates name what a correct runtime shows too, from the embedded models: the racing thread's
    /// pointer and readiness (ZV-011), the kept pointer and the older buffer still zero (ZV-008), a buffer still valid
    /// (ZV-007), the overflow throw with Go's message (ZV-006); and the expected values satisfy the predicate.
    /// </summary>
    [Fact]
    [Requirement("ZV-006", "ZV-007", "ZV-008", "ZV-011")]
    public void RelationalPredicates_NameTheExpectedObservation()
    {
        var oracle = ModelOracle.LoadEmbedded();
        var judge = new Judge(oracle, Catalog);
        string Expected(string predicate, params Arg[] args)
        {
            var o = judge.Check(predicate, "i", "o", args);
            Assert.Equal(Verdict.Fail, o.Verdict);
            return o.Expected[..o.Expected.IndexOf(':', StringComparison.Ordinal)];
        }
        Assert.Equal("readyp=1, q=20480, readyq=1 (ZV-011.ok)", Expected("ZV-011.ok", new("p", 0x5000), new("readyp", 1), new("q", 0x6000), new("readyq", 0)));
        Assert.Equal("after=20480, oldzero=1 (ZV-008.ok)", Expected("ZV-008.ok", new("before", 0x5000), new("after", 0x6000), new("oldzero", 0)));
        Assert.Equal("stillvalid=1 (ZV-007.ok)", Expected("ZV-007.ok", new("buf", 0x5008), new("stillvalid", 0)));
        Assert.Equal("threw=1, msgok=1 (ZV-006.ok)", Expected("ZV-006.ok", new("w", 32), new("size", 0x80000001), new("threw", 1), new("msgok", 0), new("zero", 0)));
        Assert.Equal("threw=0, msgok=0 (ZV-006.ok)", Expected("ZV-006.ok", new("w", 32), new("size", 0x80000000), new("threw", 1), new("msgok", 1), new("zero", 0)));

        var pointers = Gen.Choose(1, int.MaxValue).Select(i => (ulong)i * 64);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(pointers), p =>
        {
            Assert.True(oracle.Evaluate("ZV-011.ok", [p, 1, oracle.Evaluate("ZV-011.expect.q", [p]), 1]) == 1, $"ZV-011 at p={p:x}");
            Assert.True(oracle.Evaluate("ZV-008.ok", [p, oracle.Evaluate("ZV-008.expect.after", [p]), oracle.Evaluate("ZV-008.expect.oldzero", [])]) == 1, $"ZV-008 at {p:x}");
            Assert.True(oracle.Evaluate("ZV-007.ok", [p, oracle.Evaluate("ZV-007.expect.stillvalid", [])]) == 1, $"ZV-007 at {p:x}");
            foreach (ulong w in new ulong[] { 32, 64 })
            {
                ulong size = 1025 + (p % (w == 32 ? 0xFFFFFBFEUL : ulong.MaxValue - 1024));
                Assert.True(oracle.Evaluate("ZV-006.ok", [w, size, oracle.Evaluate("ZV-006.expect.threw", [w, size]), oracle.Evaluate("ZV-006.expect.msgok", [w, size]), 0]) == 1, $"ZV-006 w={w} size={size:x}");
            }
        }));
    }
}
