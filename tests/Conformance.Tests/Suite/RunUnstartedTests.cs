using Conformance.Adapters;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>
/// A runtime that cannot start still gets a complete report: a header, one error per case (or per requirement
/// when not even its architecture is known), each naming the fault and the requirement's statement, and a
/// summary counting them all as errors. Filters and shards select as a run would.
/// </summary>
public class RunUnstartedTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.LoadEmbedded();
    private static readonly Judge Judge = new(new ScriptedOracle(), Catalog);

    [Fact]
    public void ArchitectureKnown_EveryCaseOfTheRunIsAnError_InOrder()
    {
        var options = new RunOptions(7);
        var inputs = new CaseInputs([], 7);
        var arch = new Arch(32, true);
        var sink = new RecordingSink();
        var summary = SuiteRunner.RunUnstarted("broken", arch, "adapter fault [start]: no such file", Judge, inputs, options, sink);
        var expected = SuiteRunner.Cases(arch, inputs, options);
        Assert.Equal(["begin", .. Enumerable.Repeat("add", expected.Count), "finish"], sink.Events);
        Assert.Equal(expected.Select(c => c.Id), sink.Results.Select(r => r.CaseId));
        Assert.Equal(new RunHeader("broken", "unknown", "32be", [], 7, "1/1", sink.Header!.Started, expected.Count), sink.Header);
        Assert.All(sink.Results, r =>
        {
            Assert.Equal(Verdict.Error, r.Verdict);
            Assert.Equal(("broken", "unknown", "32be"), (r.Runtime, r.RuntimeVersion, r.Arch));
            Assert.Equal("adapter could not start: adapter fault [start]: no such file", r.Reason);
            Assert.Equal(Catalog.Get(r.Requirement).Statement, r.Expected);
            Assert.Equal(r.CaseId, r.Input);
            Assert.Equal("", r.Observed);
        });
        Assert.Equal(new RunSummary("broken", "32be", 0, 0, expected.Count, 0, 0, 0), summary);
        Assert.Equal(summary, sink.Summary);
        Assert.False(summary.Clean);
    }

    [Fact]
    public void ArchitectureUnknown_OneErrorPerRequirementInForce()
    {
        var sink = new RecordingSink();
        var summary = SuiteRunner.RunUnstarted("mute", null, "hang", Judge, new CaseInputs([], 1), new RunOptions(1), sink);
        var active = Catalog.Active.ToList();
        Assert.Equal(active.Select(r => $"{r.Id}/not-started"), sink.Results.Select(r => r.CaseId));
        Assert.Equal(active.Select(r => r.Id), sink.Results.Select(r => r.Requirement));
        Assert.All(sink.Results, r => Assert.Equal($"{r.Requirement}: the runtime could not be started", r.Description));
        Assert.All(sink.Results, r => Assert.Equal("unknown", r.Arch));
        Assert.Equal("unknown", sink.Header!.Arch);
        Assert.Equal(active.Count, sink.Header.Cases);
        Assert.Equal(new RunSummary("mute", "unknown", 0, 0, active.Count, 0, 0, 0), summary);
    }

    [Fact]
    public void Filters_SelectAsARunWould()
    {
        var byRequirement = new RecordingSink();
        SuiteRunner.RunUnstarted("x", null, "f", Judge, new CaseInputs([], 1), new RunOptions(1, Requirements: new HashSet<string> { "ZV-017", "SV-001" }), byRequirement);
        Assert.Equal(["SV-001/not-started", "ZV-017/not-started"], byRequirement.Results.Select(r => r.CaseId));

        var byFeature = new RecordingSink();
        SuiteRunner.RunUnstarted("x", null, "f", Judge, new CaseInputs([], 1), new RunOptions(1, Features: new HashSet<string> { "zero.absent-large" }), byFeature);
        Assert.Equal(Catalog.Active.Where(r => r.Features.Contains("zero.absent-large")).Select(r => r.Id), byFeature.Results.Select(r => r.Requirement));
        Assert.NotEmpty(byFeature.Results);

        // A requirement of several features (ZV-011: zero.on-demand and threads) is selected by any one of them.
        var oneOfTwo = new RecordingSink();
        SuiteRunner.RunUnstarted("x", null, "f", Judge, new CaseInputs([], 1), new RunOptions(1, Features: new HashSet<string> { "threads" }), oneOfTwo);
        Assert.Contains("ZV-011", oneOfTwo.Results.Select(r => r.Requirement));

        var arch = new Arch(64, false);
        var inputs = new CaseInputs([], 3);
        var shards = Enumerable.Range(1, 3).Select(k =>
        {
            var sink = new RecordingSink();
            SuiteRunner.RunUnstarted("x", arch, "f", Judge, inputs, new RunOptions(3, ShardIndex: k, ShardCount: 3), sink);
            Assert.Equal($"{k}/3", sink.Header!.Shard);
            return sink.Results.Select(r => r.CaseId).ToList();
        }).ToList();
        var whole = SuiteRunner.Cases(arch, inputs, new RunOptions(3)).Select(c => c.Id).Where(id => !id.Contains("/every-state", StringComparison.Ordinal));
        Assert.Equal(whole.Order(StringComparer.Ordinal), shards.SelectMany(s => s).Where(id => !id.Contains("/every-state", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(shards, s => Assert.NotEmpty(s));
    }

    /// <summary>Every shard has its own every-state case per state invariant, named after the shard; an unsharded run's carry no suffix.</summary>
    [Theory]
    [InlineData(1, 1, "")]
    [InlineData(2, 3, "/shard-2-of-3")]
    public void EveryStateCases_OnePerInvariantAndShard(int index, int count, string suffix)
    {
        var cases = SuiteRunner.Cases(new Arch(64, false), new CaseInputs([], 1), new RunOptions(1, ShardIndex: index, ShardCount: count));
        var everyState = cases.Where(c => c.EveryShard).ToList();
        Assert.Equal(StateWatch.Invariants.Select(id => $"{id}/every-state{suffix}"), everyState.Select(c => c.Id));
        Assert.Equal(StateWatch.Invariants, everyState.Select(c => c.Requirement));
        Assert.All(everyState, c => Assert.Equal($"{c.Requirement} holds in every state the run visited", c.Description));
        Assert.DoesNotContain(cases, c => !c.EveryShard && c.Id.Contains("/every-state", StringComparison.Ordinal));
        // Run outside a run (no state watch), such a case is an error saying so, never a pass.
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core"));
        var outcome = everyState[0].Run(new CaseContext(runtime, Judge, 1));
        Assert.Equal(Verdict.Error, outcome.Verdict);
        Assert.Equal("harness: no state watch", outcome.Reason);
        Assert.Equal(("", "", ""), (outcome.Input, outcome.Expected, outcome.Observed));
        // Inside a run, the same case reports the watch's verdict: a watch that judged nothing yet says so and passes.
        var watched = everyState[0].Run(new CaseContext(runtime, Judge, 1, null, new StateWatch(Judge, runtime.Info, 1)));
        Assert.Equal(Verdict.Pass, watched.Verdict);
        Assert.Equal(("every state of the run (0 checks)", $"{everyState[0].Requirement} holds in every state"), (watched.Input, watched.Expected));
    }

    [Fact]
    public void NullArguments_AreRefused()
    {
        var inputs = new CaseInputs([], 1);
        Assert.Throws<ArgumentNullException>(() => SuiteRunner.RunUnstarted("x", null, "f", null!, inputs, new RunOptions(1), new RecordingSink()));
        Assert.Throws<ArgumentNullException>(() => SuiteRunner.RunUnstarted("x", null, "f", Judge, inputs, null!, new RecordingSink()));
        Assert.Throws<ArgumentNullException>(() => SuiteRunner.RunUnstarted("x", null, "f", Judge, inputs, new RunOptions(1), null!));
    }
}
