using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>The judge turns an observation into a verdict only through the oracle, and says why.</summary>
public class JudgeTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.LoadEmbedded();

    private static (Judge Judge, ScriptedOracle Oracle) Make()
    {
        var oracle = new ScriptedOracle()
            .Define("SV-002.ok", ["v", "ptr"], a => a[1] == 0x1000 + (8 * a[0]) ? 1UL : 0UL)
            .Define("SV-002.any", ["x"], a => a[0])
            .Define("nodot", ["x"], _ => 1)
            .Define("XX-999.ok", ["x"], _ => 1)
            .Define("SV-002.wide", Enumerable.Range(0, 17).Select(i => $"a{i}").ToArray(), a => a.Sum(x => (long)x) == 136 ? 1UL : 0UL);
        return (new Judge(oracle, Catalog), oracle);
    }

    [Fact]
    [Requirement("SV-002")]
    public void Holds_Passes_WithTheStatementAndEveryArgument()
    {
        var (judge, _) = Make();
        var o = judge.Check("SV-002.ok", "uint16(5)", "pointer 0x1028", new Arg("v", 5), new Arg("ptr", 0x1028));
        Assert.Equal(Verdict.Pass, o.Verdict);
        Assert.Equal("uint16(5)", o.Input);
        Assert.Equal("SV-002.ok holds: " + Catalog.Get("SV-002").Statement, o.Expected);
        Assert.Equal("pointer 0x1028 [v=5, ptr=4136]", o.Observed);
        Assert.Equal("as required", o.Reason);
    }

    [Fact]
    [Requirement("SV-002")]
    public void DoesNotHold_Fails_NamingThePredicateAndArguments()
    {
        var (judge, _) = Make();
        var o = judge.Check("SV-002.ok", "uint16(5)", "", new Arg("v", 5), new Arg("ptr", 0x12345));
        Assert.Equal(Verdict.Fail, o.Verdict);
        Assert.Equal("v=5, ptr=0x12345", o.Observed);
        Assert.Equal("SV-002.ok does not hold for v=5, ptr=0x12345", o.Reason);
        Assert.StartsWith("SV-002.ok holds: ", o.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1UL, Verdict.Pass)]
    [InlineData(2UL, Verdict.Pass)]
    [InlineData(0UL, Verdict.Fail)]
    public void AnyNonZeroOracleValue_IsTrue(ulong value, Verdict expected)
    {
        var (judge, _) = Make();
        Assert.Equal(expected, judge.Check("SV-002.any", "i", "o", new Arg("x", value)).Verdict);
    }

    [Theory]
    [InlineData("ptr", "v")]
    [InlineData("v", "pointer")]
    public void ArgumentsInAnotherOrderOrUnderOtherNames_AreAHarnessBug(string first, string second)
    {
        var (judge, oracle) = Make();
        var e = Assert.Throws<InvalidOperationException>(() => judge.Check("SV-002.ok", "i", "o", new Arg(first, 5), new Arg(second, 0x1028)));
        Assert.Equal($"harness: SV-002.ok takes (v, ptr) but the case passed ({first}, {second})", e.Message);
        Assert.Equal(0, oracle.Evaluations);
    }

    [Fact]
    public void TooFewArguments_AreAHarnessBug()
    {
        var (judge, _) = Make();
        var e = Assert.Throws<InvalidOperationException>(() => judge.Check("SV-002.ok", "i", "o", new Arg("v", 5)));
        Assert.Contains("but the case passed (v)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeventeenArguments_AreJudgedLikeFew()
    {
        var (judge, _) = Make();
        var args = Enumerable.Range(0, 17).Select(i => new Arg($"a{i}", (ulong)i)).ToArray();
        Assert.Equal(Verdict.Pass, judge.Check("SV-002.wide", "i", "o", args).Verdict);
        args[16] = new Arg("a16", 17);
        Assert.Equal(Verdict.Fail, judge.Check("SV-002.wide", "i", "o", args).Verdict);
    }

    [Fact]
    public void Signature_IsCheckedOncePerPredicate()
    {
        var (judge, oracle) = Make();
        judge.Check("SV-002.ok", "i", "o", new Arg("v", 5), new Arg("ptr", 0x1028));
        judge.Check("SV-002.ok", "i", "o", new Arg("v", 6), new Arg("ptr", 0x1030));
        Assert.Equal(1, oracle.ParameterLookups);
        judge.Check("SV-002.any", "i", "o", new Arg("x", 1));
        Assert.Equal(2, oracle.ParameterLookups);
        Assert.Equal(3, oracle.Evaluations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    public void UpTo16Arguments_ReachTheOracleWithoutAHeapAllocation(int arity)
    {
        var (judge, oracle, args) = Positional(arity);
        Assert.Equal(Verdict.Pass, judge.Check("SV-002.n", "i", "o", args).Verdict); // the first check also looks up the signature
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(Verdict.Pass, judge.Check("SV-002.n", "i", "o", args).Verdict);
        Assert.Equal(before, oracle.AllocatedAtLastEvaluation);
    }

    /// <summary><see cref="Judge.Holds"/>, the hot path of every-state checks, copies up to 16 arguments on the stack too, more to the heap.</summary>
    [Theory]
    [InlineData(16, false)]
    [InlineData(17, true)]
    public void Holds_CopiesUpTo16ArgumentsOnTheStack(int arity, bool heap)
    {
        var (judge, oracle, args) = Positional(arity);
        Assert.True(judge.Holds("SV-002.n", args)); // the first call also looks up the signature
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(judge.Holds("SV-002.n", args));
        long allocated = oracle.AllocatedAtLastEvaluation - before;
        Assert.True(heap ? allocated >= arity * sizeof(ulong) : allocated == 0, $"{arity} arguments: {allocated} bytes on the heap");
    }

    [Fact]
    public void MoreThan16Arguments_AreCopiedToTheHeapNotTheStack()
    {
        var (judge, oracle, args) = Positional(17);
        Assert.Equal(Verdict.Pass, judge.Check("SV-002.n", "i", "o", args).Verdict);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(Verdict.Pass, judge.Check("SV-002.n", "i", "o", args).Verdict);
        Assert.True(oracle.AllocatedAtLastEvaluation - before >= 17 * sizeof(ulong), $"{oracle.AllocatedAtLastEvaluation - before} bytes");
    }

    // A predicate "SV-002.n" of parameters a0..a(n-1) that holds when argument i is i, and those arguments.
    private static (Judge Judge, ScriptedOracle Oracle, Arg[] Args) Positional(int arity)
    {
        var oracle = new ScriptedOracle()
            .Define("SV-002.n", [.. Enumerable.Range(0, arity).Select(i => $"a{i}")], a => a.Select((x, i) => x == (ulong)i).All(b => b) ? 1UL : 0UL);
        return (new Judge(oracle, Catalog), oracle, [.. Enumerable.Range(0, arity).Select(i => new Arg($"a{i}", (ulong)i))]);
    }

    [Theory]
    [InlineData("nodot", "nodot holds")]
    [InlineData("XX-999.ok", "XX-999.ok holds")]
    public void PredicateOfNoKnownRequirement_ExpectsThePredicateItself(string predicate, string expected)
    {
        var (judge, _) = Make();
        Assert.Equal(expected, judge.Check(predicate, "i", "o", new Arg("x", 1)).Expected);
    }

    [Fact]
    public void All_FirstFailureDecides()
    {
        var pass = CaseOutcome.Passed("i", "e", "p");
        var fail1 = new CaseOutcome(Verdict.Fail, "i", "e", "o1", "first");
        var fail2 = new CaseOutcome(Verdict.Fail, "i", "e", "o2", "second");
        Assert.Same(fail1, Judge.All([pass, fail1, fail2]));
        var error = new CaseOutcome(Verdict.Error, "i", "e", "", "adapter");
        Assert.Same(error, Judge.All([pass, error, fail1]));
    }

    [Fact]
    public void All_OnePass_IsThatPass()
    {
        var pass = CaseOutcome.Passed("i", "e", "p");
        Assert.Equal(pass, Judge.All([pass]));
    }

    [Fact]
    public void All_SeveralPasses_CountsThemAndKeepsTheLast()
    {
        var o = Judge.All([CaseOutcome.Passed("i", "e", "a"), CaseOutcome.Passed("i", "e", "b"), CaseOutcome.Passed("i2", "e2", "c")]);
        Assert.Equal(Verdict.Pass, o.Verdict);
        Assert.Equal("i2", o.Input);
        Assert.Equal("3 observations, all as required; last: c", o.Observed);
    }

    [Fact]
    public void All_NoObservation_IsAnErrorNeverAPass()
    {
        var o = Judge.All([]);
        Assert.Equal(new CaseOutcome(Verdict.Error, "", "", "", "harness: the case made no observation"), o);
    }

    [Fact]
    public void All_NullOutcomes_Throws()
    {
        var e = Assert.Throws<ArgumentNullException>(() => Judge.All(null!));
        Assert.Equal("outcomes", e.ParamName);
    }

    [Fact]
    [Requirement("ZV-009")]
    public void Missing_FailsWithTheRequirementStatement()
    {
        var (judge, _) = Make();
        var o = judge.Missing("ZV-009", "regions", "no static zero region");
        Assert.Equal(Verdict.Fail, o.Verdict);
        Assert.Equal(Catalog.Get("ZV-009").Statement, o.Expected);
        Assert.Equal("no static zero region", o.Observed);
        Assert.Equal("no static zero region", o.Reason);
        Assert.Equal("XX-999", judge.Missing("XX-999", "i", "w").Expected);
    }

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(0xFFFFUL, "65535")]
    [InlineData(0x10000UL, "0x10000")]
    [InlineData(ulong.MaxValue, "0xffffffffffffffff")]
    public void Show_DecimalBelow2To16_HexFrom(ulong value, string shown)
    {
        Assert.Equal(shown, Judge.Show(value));
        Assert.Equal("n=" + shown, new Arg("n", value).ToString());
    }

    [Fact]
    public void Evaluate_AsksTheOracle()
    {
        var (judge, oracle) = Make();
        Assert.Equal(7UL, judge.Evaluate("SV-002.any", 7));
        Assert.Equal(1, oracle.Evaluations);
        Assert.Same(oracle, judge.Oracle);
        Assert.Same(Catalog, judge.Catalog);
    }
}
