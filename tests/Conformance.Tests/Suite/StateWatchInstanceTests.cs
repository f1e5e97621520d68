using Conformance.Adapters;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>
/// The state watch judges one runtime instance at a time: when the adapter replaces the runtime behind the same
/// object (an exec adapter restarting a crashed process), objects of the old instance are not judged against the new
/// one's. Found in the real-runtime matrix: gccgo-12 on ppc64 crashed once (an adapter error), the restarted
/// process boxed a value at the address the dead one had used, and ZV-015 reported the two as overlapping.
/// </summary>
public sealed class StateWatchInstanceTests
{
    private static readonly Judge Judge = new(new ScriptedOracle()
        .Define("ZV-015.ok", ["a", "alen", "b", "blen"], x => x[0] + x[1] <= x[2] || x[2] + x[3] <= x[0] ? 1UL : 0UL)
        .Define("ZV-009.ok", ["nonzerobytes"], x => x[0] == 0 ? 1UL : 0UL),
        RequirementCatalog.LoadEmbedded());

    [Theory]
    [InlineData(true, Verdict.Pass)]
    [InlineData(false, Verdict.Fail)]
    public void ObjectsOfAReplacedRuntime_AreNotJudgedAgainstTheNewOnes(bool replaced, Verdict expected)
    {
        var runtime = new BoxingRuntime();
        var watch = new StateWatch(Judge, runtime.Info, 1);
        using var observed = watch.Watch(runtime, _ => 8);
        observed.Convert(ValueKind.Uint64, 0x1234); // boxed at 0x5000
        watch.Check(observed, full: false);
        if (replaced)
        {
            runtime.Instance = 2; // a restarted process: its heap starts where the dead one's did
            runtime.Next = 0x5000;
        }
        else
        {
            runtime.Next = 0x5000; // the same instance handing out the same address twice: a real overlap
        }
        observed.Convert(ValueKind.Uint64, 0x5678);
        watch.Check(observed, full: false);
        var outcome = watch.Outcome("ZV-015");
        Assert.True(expected == outcome.Verdict, $"{outcome.Verdict}: {outcome.Input} | {outcome.Observed}");
        if (replaced)
        {
            Assert.Equal(2, observed.Instance);
        }
    }

    /// <summary>
    /// An adapter that fails while the watch reads a state (a crash in its regions request) leaves that state unjudged:
    /// every every-state case is then an error naming the case after which it happened and the fault, never a pass;
    /// a failure found on a state that was judged is still reported as the failure. Before, the runner swallowed the
    /// fault and the next case met a restarted runtime with nothing said.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AStateTheAdapterFailsToShow_IsUndecidedNeverPassed(bool overlapFirst)
    {
        var runtime = new BoxingRuntime();
        var watch = new StateWatch(Judge, runtime.Info, 1);
        using var observed = watch.Watch(runtime, _ => 8);
        watch.CurrentCase = "SV-003/uint64/0x1234";
        observed.Convert(ValueKind.Uint64, 0x1234);
        if (overlapFirst)
        {
            runtime.Next = 0x5000;
            observed.Convert(ValueKind.Uint64, 0x1234);
        }
        watch.Check(observed, full: false);
        watch.CurrentCase = "SV-003/uint64/0x5678";
        observed.Convert(ValueKind.Uint64, 0x5678);
        runtime.Dead = true;
        watch.Check(observed, full: false);
        var overlap = watch.Outcome("ZV-015");
        var zero = watch.Outcome("ZV-009");
        Assert.Equal(Verdict.Error, zero.Verdict);
        Assert.Contains("after case SV-003/uint64/0x5678", zero.Reason, StringComparison.Ordinal);
        Assert.Contains("adapter fault [crash]", zero.Reason, StringComparison.Ordinal);
        Assert.Equal("ZV-009 holds in every state", zero.Expected);
        Assert.Equal(overlapFirst ? Verdict.Fail : Verdict.Error, overlap.Verdict);
    }
}
