using Conformance.Requirements;
using Conformance.Suite;

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
}
