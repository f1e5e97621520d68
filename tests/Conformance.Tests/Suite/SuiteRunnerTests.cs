using Conformance.Adapters;
using Conformance.Requirements;
using Conformance.Suite;
using Conformance.Suite.Cases;

namespace Conformance.Tests.Suite;

/// <summary>
/// The runner decides applicability, turns adapter and harness failures into errors (never passes),
/// counts every verdict and streams each result as it arrives.
/// </summary>
public class SuiteRunnerTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.LoadEmbedded();
    private static readonly Judge Judge = new(new ScriptedOracle(), Catalog);
    private static readonly RunOptions Options = new(Seed: 1);

    private static ConformanceCase Case(string id, string requirement, Func<CaseContext, CaseOutcome> run) =>
        new(id, requirement, "test case", run);

    private static CaseOutcome Outcome(Verdict v) => new(v, "in", "exp", "obs", $"because {v}");

    [Fact]
    public void EachVerdict_IsCountedUnderItsOwnName_AndStreamedInOrder()
    {
        var cases = new[]
        {
            Case("SV-001/a", "SV-001", _ => Outcome(Verdict.Pass)),
            Case("SV-001/b", "SV-001", _ => Outcome(Verdict.Pass)),
            Case("SV-002/a", "SV-002", _ => Outcome(Verdict.Fail)),
            Case("SV-003/a", "SV-003", _ => Outcome(Verdict.Error)),
            Case("SV-003/b", "SV-003", _ => Outcome(Verdict.Error)),
            Case("SV-003/c", "SV-003", _ => Outcome(Verdict.Error)),
            Case("SV-004/a", "SV-004", _ => Outcome(Verdict.Unknown)),
            Case("SV-004/b", "SV-004", _ => Outcome(Verdict.Unknown)),
            Case("SV-004/c", "SV-004", _ => Outcome(Verdict.Unknown)),
            Case("SV-004/d", "SV-004", _ => Outcome(Verdict.Unknown)),
            Case("SV-005/a", "SV-005", _ => Outcome(Verdict.Pass)),
        };
        var sink = new RecordingSink();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("32be", "core", "small.table"));
        var summary = SuiteRunner.Run(runtime, null, Judge, cases, Options, sink);
        Assert.Equal(new RunSummary("fake", "32be", 2, 1, 3, 1, 4, summary.ElapsedMs), summary);
        Assert.False(summary.Clean);
        Assert.Same(summary, sink.Summary);
        Assert.Equal(["begin", .. Enumerable.Repeat("add", 11), "finish"], sink.Events);
        Assert.Equal(cases.Select(c => c.Id), sink.Results.Select(r => r.CaseId));
        var header = sink.Header!;
        Assert.Equal(("fake", "1.0", "32be", 1UL, "1/1", 11), (header.Runtime, header.RuntimeVersion, header.Arch, header.Seed, header.Shard, header.Cases));
        Assert.Equal(["core", "small.table"], header.Features);
        var failed = sink.Results[2];
        Assert.Equal(("fake", "1.0", "32be", "SV-002", "test case", Verdict.Fail, "in", "exp", "obs", "because Fail"),
            (failed.Runtime, failed.RuntimeVersion, failed.Arch, failed.Requirement, failed.Description, failed.Verdict, failed.Input, failed.Expected, failed.Observed, failed.Reason));
        Assert.All(sink.Results, r => Assert.True(r.ElapsedMs >= 0));
    }

    [Theory]
    [InlineData(0, 0, 0, 0, true)]
    [InlineData(1, 0, 0, 0, false)]
    [InlineData(0, 1, 0, 0, false)]
    [InlineData(0, 0, 1, 0, false)]
    [InlineData(0, 0, 0, 1, true)]
    public void Clean_MeansNoFailureErrorOrUnknown(int failed, int errors, int unknown, int notApplicable, bool clean)
    {
        Assert.Equal(clean, new RunSummary("r", "64le", 5, failed, errors, notApplicable, unknown, 1).Clean);
    }

    [Fact]
    public void UnclaimedFeatures_AreNotApplicable_NamingThem_AndTheCaseNeverRuns()
    {
        bool ran = false;
        var cases = new[]
        {
            Case("ZV-005/a", "ZV-005", _ => { ran = true; return Outcome(Verdict.Pass); }),
            Case("ZV-011/a", "ZV-011", _ => { ran = true; return Outcome(Verdict.Pass); }),
        };
        var sink = new RecordingSink();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core"));
        SuiteRunner.Run(runtime, null, Judge, cases, Options, sink);
        Assert.False(ran);
        Assert.All(sink.Results, r => Assert.Equal(Verdict.NotApplicable, r.Verdict));
        Assert.Equal("the runtime does not claim feature zero.on-demand", sink.Results[0].Reason);
        Assert.Equal("the runtime does not claim features zero.on-demand, threads", sink.Results[1].Reason);
        Assert.All(sink.Results, r => Assert.Equal(("", Catalog.Get(r.Requirement).Statement, ""), (r.Input, r.Expected, r.Observed)));
    }

    [Fact]
    public void RequirementNotForThisArchitecture_IsNotApplicable()
    {
        var specDir = Path.Combine(Exec.RepoPaths.Root, "spec");
        var files = Directory.GetFiles(specDir, "*.md").Order(StringComparer.Ordinal)
            .Select(f => ($"spec/{Path.GetFileName(f)}", File.ReadAllText(f)))
            .Select(f => f.Item1.EndsWith("small-value-table.md", StringComparison.Ordinal)
                ? (f.Item1, ReplaceFirstAfter(f.Item2, "### SV-001:", "- **Architectures**: all", "- **Architectures**: 64le 64be"))
                : f)
            .ToList();
        var catalog = RequirementCatalog.Parse(files);
        Assert.Equal(["64le", "64be"], catalog.Get("SV-001").Architectures);
        bool ran = false;
        var sink = new RecordingSink();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("32le", "core", "small.table"));
        SuiteRunner.Run(runtime, null, new Judge(new ScriptedOracle(), catalog), [Case("SV-001/a", "SV-001", _ => { ran = true; return Outcome(Verdict.Pass); })], Options, sink);
        Assert.False(ran);
        Assert.Equal(Verdict.NotApplicable, sink.Results[0].Verdict);
        Assert.Equal("SV-001 does not apply to 32le", sink.Results[0].Reason);
        Assert.Equal(("", catalog.Get("SV-001").Statement, ""), (sink.Results[0].Input, sink.Results[0].Expected, sink.Results[0].Observed));
    }

    [Fact]
    public void AdapterFailure_IsAnError_NamingTheAdapterAndCase()
    {
        var sink = new RecordingSink();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64be", "core", "small.table"), () => new AdapterException("died mid-batch"));
        var summary = SuiteRunner.Run(runtime, null, Judge, [Case("SV-007/a", "SV-007", c => { c.Adapter.Regions(); return Outcome(Verdict.Pass); })], Options, sink);
        var r = Assert.Single(sink.Results);
        Assert.Equal(Verdict.Error, r.Verdict);
        Assert.Equal("adapter failed: died mid-batch", r.Reason);
        Assert.Equal("test case", r.Input); // the case's description: what it does to the runtime
        Assert.Equal(Catalog.Get("SV-007").Statement, r.Expected);
        Assert.Equal("no observation: died mid-batch", r.Observed);
        Assert.Equal(1, summary.Errors);
        Assert.Equal(1, runtime.Calls);
    }

    [Fact]
    public void HarnessCrash_IsAnError_AndTheRunGoesOn()
    {
        var sink = new RecordingSink();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64be", "core", "small.table"));
        var cases = new[]
        {
            Case("SV-007/a", "SV-007", _ => throw new InvalidOperationException("bad index")),
            Case("SV-007/b", "SV-007", _ => Outcome(Verdict.Pass)),
        };
        var summary = SuiteRunner.Run(runtime, null, Judge, cases, Options, sink);
        Assert.StartsWith("harness failed: InvalidOperationException: bad index at Conformance.Tests.Suite.SuiteRunnerTests", sink.Results[0].Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Error, sink.Results[0].Verdict);
        Assert.Equal(("test case", Catalog.Get("SV-007").Statement, ""), (sink.Results[0].Input, sink.Results[0].Expected, sink.Results[0].Observed));
        Assert.Equal(Verdict.Pass, sink.Results[1].Verdict);
        Assert.Equal((1, 1), (summary.Errors, summary.Passed));
    }

    [Fact]
    public void Filters_RequirementFeatureAndShard_SelectCases()
    {
        var cases = Enumerable.Range(0, 40).Select(i => Case($"{(i % 2 == 0 ? "SV-001" : "ZV-005")}/{i}", i % 2 == 0 ? "SV-001" : "ZV-005", _ => Outcome(Verdict.Pass))).ToList();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core", "small.table"));
        List<string> Ids(RunOptions o)
        {
            var sink = new RecordingSink();
            SuiteRunner.Run(runtime, null, Judge, cases, o, sink);
            Assert.Equal(sink.Results.Count, sink.Header!.Cases);
            return sink.Results.Select(r => r.CaseId).ToList();
        }
        Assert.Equal(40, Ids(Options).Count);
        Assert.All(Ids(Options with { Requirements = new HashSet<string> { "SV-001" } }), id => Assert.StartsWith("SV-001/", id, StringComparison.Ordinal));
        Assert.Equal(20, Ids(Options with { Requirements = new HashSet<string> { "SV-001" } }).Count);
        Assert.All(Ids(Options with { Features = new HashSet<string> { "zero.on-demand" } }), id => Assert.StartsWith("ZV-005/", id, StringComparison.Ordinal));
        Assert.Equal(20, Ids(Options with { Features = new HashSet<string> { "zero.on-demand" } }).Count);
        var shards = Enumerable.Range(1, 3).Select(k => Ids(Options with { ShardIndex = k, ShardCount = 3 })).ToList();
        Assert.All(shards, s => Assert.NotEmpty(s));
        Assert.Equal(cases.Select(c => c.Id).Order(StringComparer.Ordinal), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.Equal("2/3", RunHeaderOf(Options with { ShardIndex = 2, ShardCount = 3 }).Shard);

        RunHeader RunHeaderOf(RunOptions o)
        {
            var sink = new RecordingSink();
            SuiteRunner.Run(runtime, null, Judge, cases, o, sink);
            return sink.Header!;
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    public void OneShard_HoldsEveryCase_WhateverTheIndex(int index, int count)
    {
        Assert.True(SuiteRunner.InShard("anything", index, count));
        Assert.True(SuiteRunner.InShard("anything else", index, count));
    }

    [Fact]
    public void Shards_AreAStableHashOfTheId()
    {
        for (int i = 0; i < 200; i++)
        {
            string id = $"ZV-004/size/{i}";
            int k = (int)(CaseInputs.StableHash(id) % 5UL) + 1;
            Assert.Equal(Enumerable.Range(1, 5).Select(s => s == k), Enumerable.Range(1, 5).Select(s => SuiteRunner.InShard(id, s, 5)));
        }
    }

    [Fact]
    public void FanOut_SendsEveryEventToEverySinkInOrder()
    {
        var a = new RecordingSink();
        var b = new RecordingSink();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core", "small.table"));
        SuiteRunner.Run(runtime, null, Judge, [Case("SV-001/a", "SV-001", _ => Outcome(Verdict.Pass))], Options, new FanOutSink(a, b));
        Assert.Equal(["begin", "add", "finish"], a.Events);
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.Results, b.Results);
    }

    [Fact]
    public void DuplicateCaseIds_AreAHarnessBug()
    {
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core", "small.table"));
        var twice = new[] { Case("SV-001/a", "SV-001", _ => Outcome(Verdict.Pass)), Case("SV-001/a", "SV-001", _ => Outcome(Verdict.Fail)) };
        var e = Assert.Throws<InvalidOperationException>(() => SuiteRunner.Run(runtime, null, Judge, twice, Options, new RecordingSink()));
        Assert.Equal("harness: case ID SV-001/a is generated twice", e.Message);
    }

    [Fact]
    public void TheSuitesCases_HaveUniqueIds()
    {
        var all = SuiteRunner.Cases(new Arch(64, true), new CaseInputs([], 1), Options);
        Assert.NotEmpty(all);
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TheSuitesCases_AreEveryFamilyInOrder()
    {
        var arch = new Arch(32, false);
        var inputs = new CaseInputs([], 7);
        var options = Options with { Sequences = 2, SequenceLength = 5 };
        List<string> small = [.. SmallValueCases.All(inputs).Select(c => c.Id)];
        List<string> zero = [.. ZeroValueCases.All(arch, inputs).Select(c => c.Id)];
        List<string> sequences = [.. SequenceCases.All(inputs, 2, 5).Select(c => c.Id)];
        Assert.All(new[] { small, zero, sequences }, family => Assert.NotEmpty(family));
        List<string> everyState = [.. StateWatch.Invariants.Select(id => $"{id}/every-state")];
        Assert.Equal([.. small, .. zero, .. sequences, .. everyState], SuiteRunner.Cases(arch, inputs, options).Select(c => c.Id));
    }

    [Fact]
    public void Cases_NullOptions_Throws()
    {
        var e = Assert.Throws<ArgumentNullException>(() => SuiteRunner.Cases(new Arch(64, false), new CaseInputs([], 1), null!));
        Assert.Equal("options", e.ParamName);
    }

    [Theory]
    [InlineData("adapter")]
    [InlineData("options")]
    public void RunTheSuite_NullArgument_IsRefusedBeforeTheRuntimeIsAsked(string nullArgument)
    {
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core", "small.table"));
        var sink = new RecordingSink();
        var e = Assert.Throws<ArgumentNullException>(() => SuiteRunner.Run(
            nullArgument == "adapter" ? null! : runtime, null, Judge, new CaseInputs([], 1), nullArgument == "options" ? null! : Options, sink));
        Assert.Equal(nullArgument, e.ParamName);
        Assert.Equal(0, runtime.InfoReads);
        Assert.Empty(sink.Events);
    }

    [Theory]
    [InlineData("adapter")]
    [InlineData("judge")]
    [InlineData("allCases")]
    [InlineData("options")]
    [InlineData("sink")]
    public void RunCases_NullArgument_IsRefusedBeforeAnythingRuns(string nullArgument)
    {
        bool ran = false;
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core", "small.table"));
        var sink = new RecordingSink();
        ConformanceCase[] cases = [Case("SV-001/a", "SV-001", _ => { ran = true; return Outcome(Verdict.Pass); })];
        var e = Assert.Throws<ArgumentNullException>(() => SuiteRunner.Run(
            nullArgument == "adapter" ? null! : runtime,
            null,
            nullArgument == "judge" ? null! : Judge,
            nullArgument == "allCases" ? null! : cases,
            nullArgument == "options" ? null! : Options,
            nullArgument == "sink" ? null! : sink));
        Assert.Equal(nullArgument, e.ParamName);
        Assert.False(ran);
        Assert.Equal(0, runtime.InfoReads);
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void ElapsedMs_IsTheCasesOwnTime_NotTheTimeSinceTheRunBegan()
    {
        const int SlowMs = 50;
        static CaseOutcome Slow()
        {
            var own = System.Diagnostics.Stopwatch.StartNew();
            while (own.ElapsedMilliseconds < SlowMs)
            {
                Thread.Sleep(5);
            }
            return Outcome(Verdict.Pass);
        }
        var cases = new[]
        {
            Case("SV-001/a", "SV-001", _ => Slow()),
            Case("SV-001/b", "SV-001", _ => Slow()),
            Case("SV-001/c", "SV-001", _ => Outcome(Verdict.Pass)),
        };
        var sink = new RecordingSink();
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare("64le", "core", "small.table"));
        var summary = SuiteRunner.Run(runtime, null, Judge, cases, Options, sink);
        Assert.All(sink.Results.Take(2), r => Assert.True(r.ElapsedMs >= SlowMs, $"{r.CaseId}: {r.ElapsedMs} ms"));
        // The cases run one after another inside the run, so their own times cannot add up to more than the run's.
        double sum = sink.Results.Sum(r => r.ElapsedMs);
        Assert.True(sum <= summary.ElapsedMs + 1e-6, $"cases {sum} ms, run {summary.ElapsedMs} ms");
    }

    private static string ReplaceFirstAfter(string text, string anchor, string what, string with)
    {
        int at = text.IndexOf(anchor, StringComparison.Ordinal);
        int hit = text.IndexOf(what, at, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, hit), with, text.AsSpan(hit + what.Length));
    }
}
