using Conformance.Adapters;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>
/// What the runner does around the cases: the state watch after every case that changed the runtime and once, in
/// full, before the every-state cases (which run last); fresh instances watched too; an address beyond the declared
/// word filed under AR-001; a fault on memory a requirement says is readable a failure of that requirement; a harness
/// crash located in our own code.
/// </summary>
public sealed class SuiteRunnerStateTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.LoadEmbedded();

    private static readonly Judge Judge = new(new ScriptedOracle()
        .Define("AR-002.width", ["w", "kind"], _ => 8)
        .Define("ZV-015.ok", ["a", "alen", "b", "blen"], x => x[0] + x[1] <= x[2] || x[2] + x[3] <= x[0] ? 1UL : 0UL)
        .Define("ZV-009.ok", ["nonzerobytes"], x => x[0] == 0 ? 1UL : 0UL)
        .Define("AR-001.ok", ["w", "v"], _ => 0), Catalog);

    private static readonly RunOptions Options = new(Seed: 1);

    private static ConformanceCase EveryState(string id) =>
        new($"{id}/every-state", id, "every state", ctx => ctx.State!.Outcome(id), EveryShard: true);

    private static ConformanceCase Converting(string id, ulong bits) =>
        new(id, "ZV-015", "converts", ctx =>
        {
            ctx.Adapter.Convert(ValueKind.Uint64, bits);
            return CaseOutcome.Passed("in", "exp", "obs");
        });

    /// <summary>
    /// Two state-changing cases, each followed by a check, then one full check before the every-state cases, which run
    /// last whatever their place in the list: 3 checks, whose count the every-state verdict reports.
    /// </summary>
    [Fact]
    public void TheStateIsJudgedAfterEveryChangingCase_AndOnceInFullBeforeTheEveryStateCases()
    {
        var sink = new RecordingSink();
        using var runtime = new BoxingRuntime("64le");
        ConformanceCase[] cases = [EveryState("ZV-015"), Converting("ZV-015/a", 0x1234), EveryState("ZV-009"), Converting("ZV-015/b", 0x5678)];
        var summary = SuiteRunner.Run(runtime, null, Judge, cases, Options, sink);
        Assert.Equal(["ZV-015/a", "ZV-015/b", "ZV-015/every-state", "ZV-009/every-state"], sink.Results.Select(r => r.CaseId));
        Assert.True(summary.Clean, string.Join("\n", sink.Results.Select(r => $"{r.CaseId} {r.Verdict} {r.Reason}")));
        Assert.Equal("every state of the run (3 checks)", sink.Results[2].Input);
        Assert.Equal("every state of the run (3 checks)", sink.Results[3].Input);
        Assert.Equal(2, runtime.Objects); // each conversion's object judged against the others (ZV-015) at the width AR-002 gives
    }

    /// <summary>
    /// An invariant broken by a case is charged to that case (the check right after it), not to the closing check:
    /// the overlap made by the second conversion names the second case.
    /// </summary>
    [Fact]
    public void AFailureIsChargedToTheCaseAfterWhichItWasSeen()
    {
        var sink = new RecordingSink();
        using var runtime = new BoxingRuntime("64le") { Reuse = true };
        SuiteRunner.Run(runtime, null, Judge, [Converting("ZV-015/a", 1), Converting("ZV-015/b", 2), Converting("ZV-015/c", 3), EveryState("ZV-015")], Options, sink);
        var verdict = sink.Results[^1];
        Assert.Equal(Verdict.Fail, verdict.Verdict);
        Assert.StartsWith("the state after case ZV-015/b", verdict.Input, StringComparison.Ordinal);
    }

    /// <summary>A case asking for a fresh instance gets one only when the runner was given a way to make them, and it is watched.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FreshInstances_AreMadeOnlyWhenTheRuntimeCanBeRestarted_AndAreWatched(bool restartable)
    {
        var sink = new RecordingSink();
        using var runtime = new BoxingRuntime("64le");
        var check = new ConformanceCase("ZV-015/fresh", "ZV-015", "fresh", ctx =>
        {
            if (ctx.NewAdapter is null)
            {
                return CaseOutcome.Passed("no fresh instance", "", "");
            }
            using var fresh = ctx.NewAdapter();
            return fresh is ObservedRuntime ? CaseOutcome.Passed("a watched fresh instance", "", "") : new CaseOutcome(Verdict.Fail, "", "", "", "not watched");
        });
        SuiteRunner.Run(runtime, restartable ? () => new BoxingRuntime("64le") : null, Judge, [check], Options, sink);
        Assert.Equal((Verdict.Pass, restartable ? "a watched fresh instance" : "no fresh instance"), (sink.Results[0].Verdict, sink.Results[0].Input));
    }

    /// <summary>
    /// A data pointer beyond the declared 32-bit word is AR-001's failure wherever it shows: an AR-001 case fails, a case
    /// of another requirement is undecided and links to AR-001, and AR-001's every-state case fails naming the case.
    /// </summary>
    [Fact]
    public void AnAddressBeyondTheWord_IsFiledUnderAR001()
    {
        var sink = new RecordingSink();
        using var runtime = new BoxingRuntime("32le") { Next = 0x1_0000_0000 };
        var ar001 = new ConformanceCase("AR-001/convert", "AR-001", "converts past the word", ctx => { ctx.Adapter.Convert(ValueKind.Uint64, 1); return CaseOutcome.Passed("", "", ""); });
        SuiteRunner.Run(runtime, null, Judge, [ar001, Converting("ZV-015/a", 2), EveryState("AR-001")], Options, sink);
        var (own, other, every) = (sink.Results[0], sink.Results[1], sink.Results[2]);
        Assert.Equal(Verdict.Fail, own.Verdict);
        Assert.Equal(("converts past the word", "every address and size fits the declared word"), (own.Input, own.Expected));
        Assert.StartsWith("AR-001.ok does not hold for the data pointer of Convert(Uint64, 0x1)", own.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Error, other.Verdict);
        Assert.StartsWith("undecided: the runtime broke AR-001 (the data pointer of Convert(Uint64, 0x2) 0x100000008 does not fit the declared 32-bit word); filed under AR-001/every-state", other.Reason, StringComparison.Ordinal);
        Assert.Equal(Catalog.Get("ZV-015").Statement, other.Expected);
        Assert.Equal(Verdict.Fail, every.Verdict);
        Assert.Equal("after case AR-001/convert", every.Input);
    }

    /// <summary>A fault reading memory the case's requirement says is readable is that requirement's failure, with the fault.</summary>
    [Fact]
    public void AFaultOnMemoryTheRequirementSaysIsReadable_IsItsFailure()
    {
        var sink = new RecordingSink();
        using var runtime = new BoxingRuntime("64be");
        var read = new ConformanceCase("SV-001/slot", "SV-001", "reads the table", ctx => { ctx.Adapter.Read(0xdead0000, 8); return CaseOutcome.Passed("", "", ""); });
        SuiteRunner.Run(runtime, null, Judge, [read], Options, sink);
        var r = sink.Results[0];
        Assert.Equal((Verdict.Fail, "reads the table", Catalog.Get("SV-001").Statement), (r.Verdict, r.Input, r.Expected));
        Assert.Equal("SV-001: memory the requirement says is readable faulted", r.Reason);
        Assert.Contains("SIGSEGV", r.Observed, StringComparison.Ordinal);
    }

    /// <summary>A harness crash thrown inside the framework is located at the first frame of ours, not at the framework's.</summary>
    [Fact]
    public void AHarnessCrashInsideTheFramework_IsLocatedInOurCode()
    {
        var sink = new RecordingSink();
        using var runtime = new BoxingRuntime("64le");
        var crash = new ConformanceCase("SV-001/crash", "SV-001", "crashes", _ => CaseOutcome.Passed(new List<string>().First(), "", ""));
        SuiteRunner.Run(runtime, null, Judge, [crash], Options, sink);
        Assert.Matches(@"^harness failed: InvalidOperationException: Sequence contains no elements at Conformance\.Tests\.Suite\.SuiteRunnerStateTests", sink.Results[0].Reason);
    }

    /// <summary>A case belongs to a feature filter when any of its requirement's features is selected.</summary>
    [Fact]
    public void AFeatureFilter_SelectsARequirementByAnyOfItsFeatures()
    {
        var requirement = Catalog.Active.First(r => r.Features.Count >= 2);
        var sink = new RecordingSink();
        using var runtime = new BoxingRuntime("64le", [.. requirement.Features]);
        var c = new ConformanceCase($"{requirement.Id}/x", requirement.Id, "x", _ => CaseOutcome.Passed("", "", ""));
        SuiteRunner.Run(runtime, null, Judge, [c], Options with { Features = new HashSet<string> { requirement.Features[^1] } }, sink);
        Assert.Equal([$"{requirement.Id}/x"], sink.Results.Select(r => r.CaseId));
    }
}
