using Conformance.Adapters;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>
/// Operations sent ahead (Pipeline): each case takes exactly the answers to its own requests, nothing is asked twice,
/// the state watch waits while the runtime is ahead of the cases, and what cannot be exact is a harness fault.
/// </summary>
public sealed class PipelineTests
{
    private static readonly Judge Judge = new(new ScriptedOracle()
        .Define("AR-002.width", ["w", "kind"], _ => 8)
        .Define("ZV-015.ok", ["a", "alen", "b", "blen"], x => x[0] + x[1] <= x[2] || x[2] + x[3] <= x[0] ? 1UL : 0UL)
        .Define("ZV-009.ok", ["nonzerobytes"], x => x[0] == 0 ? 1UL : 0UL),
        RequirementCatalog.LoadEmbedded());

    private static Operation.Convert Convert(ulong bits) => new(ValueKind.Uint64, bits);

    [Fact]
    public void AnswersSentAhead_AreTakenByTheirCases_InOrder_NothingAskedTwice()
    {
        var runtime = new BoxingRuntime();
        var watch = new StateWatch(Judge, runtime.Info, 1);
        using var observed = watch.Watch(runtime, _ => 8);
        observed.SendAhead([(0, Convert(1)), (1, Convert(2)), (1, Convert(3))]);
        Assert.Equal(3, runtime.Objects);
        Assert.True(observed.Ahead);
        Assert.Equal(0x5000UL, observed.Convert(ValueKind.Uint64, 1).Data);
        observed.Owner = 1;
        Assert.Equal(0x5008UL, observed.Convert(ValueKind.Uint64, 2).Data);
        Assert.True(observed.Ahead);
        Assert.Equal(0x5010UL, observed.Convert(ValueKind.Uint64, 3).Data);
        Assert.False(observed.Ahead);
        Assert.Equal(3, runtime.Objects); // every answer came from the exchange
        Assert.Equal(0x5018UL, observed.Convert(ValueKind.Uint64, 4).Data); // nothing ahead: asked now
        Assert.Equal(4, runtime.Objects);
    }

    /// <summary>
    /// While the runtime is ahead the watch does not look (it would judge a later state as the running case's); once the
    /// cases have caught up it judges the state with every operation of the window in its history. An overlap made
    /// inside a window is found there, named after the window's last case.
    /// </summary>
    [Fact]
    public void TheWatch_WaitsUntilTheCasesCatchUp_AndJudgesTheWindowWithItsHistory()
    {
        var runtime = new BoxingRuntime { Reuse = true }; // the first two objects share an address
        var watch = new StateWatch(Judge, runtime.Info, 1);
        using var observed = watch.Watch(runtime, _ => 8);
        observed.SendAhead([(0, Convert(10)), (1, Convert(11))]);
        watch.CurrentCase = "first";
        observed.Convert(ValueKind.Uint64, 10);
        watch.Check(observed, full: false);
        Assert.Equal(Verdict.Pass, watch.Outcome("ZV-015").Verdict);
        Assert.Contains("(0 checks)", watch.Outcome("ZV-015").Input, StringComparison.Ordinal);
        observed.Owner = 1;
        watch.CurrentCase = "second";
        observed.Convert(ValueKind.Uint64, 11);
        watch.Check(observed, full: false);
        var outcome = watch.Outcome("ZV-015");
        Assert.Equal(Verdict.Fail, outcome.Verdict);
        Assert.Contains("the state after case second", outcome.Input, StringComparison.Ordinal);
        Assert.Contains("Convert(Uint64, 0xa); Convert(Uint64, 0xb)", outcome.Input, StringComparison.Ordinal);
    }

    /// <summary>A case that asks other than it planned while the runtime is ahead would observe a later state: a harness fault.</summary>
    [Fact]
    public void AskingOtherThanPlanned_WhileAhead_IsAHarnessFault()
    {
        var runtime = new BoxingRuntime();
        using var observed = new StateWatch(Judge, runtime.Info, 1).Watch(runtime, _ => 8);
        observed.SendAhead([(0, Convert(1)), (1, Convert(2))]);
        var e = Assert.Throws<InvalidOperationException>(() => observed.Convert(ValueKind.Uint64, 7));
        Assert.Equal("harness: case #0 asked convert(Uint64, 0x7) while 2 state-changing operation(s) sent ahead were unasked, the next convert(Uint64, 0x1) for case #0", e.Message);
        Assert.Equal(2, runtime.Objects);
        observed.Settle(_ => { }); // what the runner does after every case: the rest is taken in order
        observed.Owner = 1;
        observed.Settle(_ => { });
        Assert.False(observed.HasSentAhead);
    }

    /// <summary>Read-only requests sent ahead put nothing ahead: a case that asks otherwise is simply answered now.</summary>
    [Fact]
    public void OnlyReadOnlyRequestsAhead_AnotherRequestIsAskedNow()
    {
        var runtime = new BoxingRuntime();
        using var observed = new StateWatch(Judge, runtime.Info, 1).Watch(runtime, _ => 8);
        observed.SendAhead([(0, new Operation.Regions()), (0, new Operation.Read(0x1000, 4))]);
        Assert.False(observed.Ahead);
        Assert.Equal(0x5000UL, observed.Convert(ValueKind.Uint64, 1).Data);
        Assert.False(observed.HasSentAhead);
    }

    /// <summary>A request the runtime never executed (an earlier one of its exchange failed first) is sent again when asked.</summary>
    [Fact]
    public void ARequestNeverExecuted_IsAskedAgain()
    {
        var runtime = new FailingBatch(new BoxingRuntime());
        using var observed = new StateWatch(Judge, runtime.Info, 1).Watch(runtime, _ => 8);
        observed.SendAhead([(0, Convert(1)), (1, Convert(2)), (2, Convert(3))]);
        var e = Assert.Throws<AdapterException>(() => observed.Convert(ValueKind.Uint64, 1));
        Assert.Contains("crash", e.Message, StringComparison.Ordinal);
        observed.Owner = 1;
        Assert.Equal(0x5000UL, observed.Convert(ValueKind.Uint64, 2).Data); // asked now, of the runtime
        Assert.False(observed.HasSentAhead);
        Assert.Equal(1, runtime.Inner.Objects);
    }

    /// <summary>
    /// A case that stops before asking everything it planned: what was sent ahead for it was executed all the same, so
    /// it is recorded as an operation (in the history, its object judged), and the next case takes its own answers.
    /// </summary>
    [Fact]
    public void WhatACaseDidNotAsk_IsSettledAsAnOperation()
    {
        var runtime = new BoxingRuntime { Reuse = true };
        var watch = new StateWatch(Judge, runtime.Info, 1);
        using var observed = watch.Watch(runtime, _ => 8);
        observed.SendAhead([(0, Convert(1)), (0, Convert(2)), (1, Convert(3))]);
        observed.Convert(ValueKind.Uint64, 1);
        observed.Settle(watch.OutOfWord);
        Assert.Contains("(sent ahead for case #0, not asked:)", observed.Operations);
        Assert.Contains("Convert(Uint64, 0x2)", observed.Operations);
        observed.Owner = 1;
        Assert.Equal(0x5008UL, observed.Convert(ValueKind.Uint64, 3).Data);
        watch.Check(observed, full: false);
        Assert.Equal(Verdict.Fail, watch.Outcome("ZV-015").Verdict); // the unasked object overlapped the first
    }

    private static ConformanceCase Planned(string id, string requirement, ulong[] plan, int asks) =>
        new(id, requirement, "converts as planned", ctx =>
        {
            ctx.Adapter.Regions();
            foreach (var bits in plan.Take(asks))
            {
                ctx.Adapter.Convert(ValueKind.Uint64, bits);
            }
            return CaseOutcome.Passed("in", "exp", "obs");
        })
        { Plan = (_, _) => [new Operation.Regions(), .. plan.Select(Convert)] };

    /// <summary>
    /// Through the runner: consecutive planned cases that run are sent ahead in one exchange (a case that does not apply
    /// is left out, an unplanned one ends the window), a case that stopped early has its unasked request settled so the
    /// next case takes its own answers, every case passes as case by case, and the state is judged once per window
    /// (the every-state count); without the pipeline nothing is sent ahead and each changing case is judged.
    /// </summary>
    [Theory]
    [InlineData(true, 3, 5)]
    [InlineData(false, 5, 4)]
    public void TheRunner_SendsPlannedCasesAhead_OnlyWhenAskedTo(bool pipeline, int checks, int objects)
    {
        using var runtime = new RecordingBatch(new BoxingRuntime());
        ConformanceCase[] cases =
        [
            Planned("a", "ZV-015", [1], asks: 1),
            Planned("b", "ZV-015", [2, 3], asks: 1), // stops before its second conversion
            Planned("na", "ZV-014", [9], asks: 1), // ZV-014 needs zero.on-demand, which the runtime does not claim
            Planned("c", "ZV-015", [4], asks: 1),
            new("d", "ZV-015", "converts unplanned", ctx => CaseOutcome.Passed("in", "exp", $"{ctx.Adapter.Convert(ValueKind.Uint64, 5).Data}")),
            new("ZV-015/every-state", "ZV-015", "every state", ctx => ctx.State!.Outcome("ZV-015"), EveryShard: true),
        ];
        var sink = new RecordingSink();
        var options = pipeline ? new RunOptions(1) : new RunOptions(1) { Pipeline = false };
        SuiteRunner.Run(runtime, null, Judge, cases, options, sink);
        Verdict[] want = [Verdict.Pass, Verdict.Pass, Verdict.NotApplicable, Verdict.Pass, Verdict.Pass, Verdict.Pass];
        Assert.True(want.SequenceEqual(sink.Results.Select(r => r.Verdict)), string.Join("\n", sink.Results.Select(r => $"{r.CaseId} {r.Verdict} {r.Reason}")));
        Assert.Equal($"every state of the run ({checks} checks)", sink.Results[^1].Input);
        Assert.Equal(objects, runtime.Inner.Objects);
        Assert.Equal(pipeline
            ? ["regions", "convert(Uint64, 0x1); regions; convert(Uint64, 0x2); convert(Uint64, 0x3); regions; convert(Uint64, 0x4)"]
            : [], runtime.Exchanges);
    }

    /// <summary>A plan that throws (a harness fault) sends nothing more ahead: every case runs as it goes, and the run completes.</summary>
    [Fact]
    public void APlanThatFails_SendsNothingAhead_AndTheRunCompletes()
    {
        using var runtime = new RecordingBatch(new BoxingRuntime());
        ConformanceCase[] cases =
        [
            Planned("a", "ZV-015", [1], asks: 1) with { Plan = (_, _) => throw new InvalidOperationException("plan broken") },
            Planned("b", "ZV-015", [2], asks: 1),
        ];
        var sink = new RecordingSink();
        SuiteRunner.Run(runtime, null, Judge, cases, new RunOptions(1), sink);
        Assert.Equal([Verdict.Pass, Verdict.Pass], sink.Results.Select(r => r.Verdict));
        Assert.Equal(["regions", "regions", "convert(Uint64, 0x2)"], runtime.Exchanges); // a's map was sent; b started its own window
        Assert.Equal(2, runtime.Inner.Objects);
    }

    /// <summary>A runtime that records each exchange of operations sent ahead and answers it one call after another.</summary>
    private sealed class RecordingBatch(BoxingRuntime inner) : Forwarding(inner), IBatchingAdapter
    {
        public List<string> Exchanges { get; } = [];

        public IReadOnlyList<Answer> RunAll(IReadOnlyList<Operation> operations)
        {
            Exchanges.Add(string.Join("; ", operations));
            return Batching.OneByOne(Inner, operations);
        }
    }

    /// <summary>A runtime whose exchange dies at its first request: that request carries the crash, the rest never ran.</summary>
    private sealed class FailingBatch(BoxingRuntime inner) : Forwarding(inner), IBatchingAdapter
    {
        public IReadOnlyList<Answer> RunAll(IReadOnlyList<Operation> operations) =>
            [Answer.Threw(new AdapterException("adapter fault [crash]: died", null)), .. operations.Skip(1).Select(_ => Answer.Unrun)];
    }

    /// <summary>Forwards every member to a <see cref="BoxingRuntime"/>.</summary>
    private abstract class Forwarding(BoxingRuntime inner) : IRuntimeAdapter
    {
        public BoxingRuntime Inner => inner;

        public RuntimeInfo Info => inner.Info;

        public RegionMap Regions() => inner.Regions();

        public byte[] Read(ulong address, int length) => inner.Read(address, length);

        public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element) => inner.CreateType(kind, length, element);

        public IReadOnlyList<CreatedType> CompilerTypes() => inner.CompilerTypes();

        public ulong ZeroPointer(TypeRef type) => inner.ZeroPointer(type);

        public MapCreation MakeMap(TypeRef element) => inner.MakeMap(element);

        public Lookup LookupMissing(MapRef map, ulong key) => inner.LookupMissing(map, key);

        public void Assign(MapRef map, ulong key, byte fill) => inner.Assign(map, key, fill);

        public Pointed Convert(ValueKind kind, ulong bits) => inner.Convert(kind, bits);

        public Pointed OneByteString(byte value) => inner.OneByteString(value);

        public Pointed EmptyString() => inner.EmptyString();

        public Pointed NilSlice() => inner.NilSlice();

        public Pointed EmptySlice() => inner.EmptySlice();

        public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads) => inner.RaceFirstUse(types, threads);

        public void Dispose() => inner.Dispose();
    }
}
