using Conformance.Adapters;

namespace Conformance.Suite;

/// <summary>
/// Sends the requests of consecutive cases ahead, in one exchange where the runtime can batch (the exec client: one
/// round trip instead of one per case). Only cases that declare their requests (<see cref="ConformanceCase.Plan"/>:
/// the operations the case makes, in order, known from the region map before any of them is answered) are sent
/// ahead, so the runtime receives exactly the requests, in exactly the order, it would receive case by case: each
/// case takes the answers to its own requests and is judged on them as before.
/// </summary>
/// <remarks>
/// What changes is when the state watch looks: while a state-changing request sent ahead is unasked the runtime's
/// state is later than the running case's, so the watch judges the state once the cases have caught up, after the
/// window's last case, with every operation of the window in its history (<see cref="StateWatch.Check"/>). A case
/// that asks other than it planned while the runtime is ahead is a harness fault (an error verdict naming it); a
/// request sent ahead that its case did not ask (it stopped early) was executed all the same and is recorded like
/// any other (<see cref="ObservedRuntime.Settle"/>). A failure in the middle of a window is its own request's
/// answer; requests after it were never executed and are sent again when their cases ask.
/// </remarks>
internal static class Pipeline
{
    /// <summary>The most cases one window holds (each case's requests are a few lines each way).</summary>
    public const int MaxCases = 256;

    /// <summary>
    /// Before case <paramref name="index"/> runs: when nothing is sent ahead and the case plans its requests, sends
    /// its first request (the region map every plan starts with), and then, planned from that map, its other
    /// requests and those of the planned cases after it (up to <see cref="MaxCases"/>; a case that does not run is
    /// skipped, a case that runs unplanned ends the window).
    /// </summary>
    public static void Before(ObservedRuntime rt, CaseContext ctx, IReadOnlyList<ConformanceCase> cases, int index, Func<ConformanceCase, bool> runs)
    {
        rt.Owner = index;
        if (rt.HasSentAhead || cases[index].Plan is null || !runs(cases[index]))
        {
            return;
        }
        try
        {
            rt.SendAhead([(index, new Operation.Regions())]);
            if (!rt.TryPeekAhead(out RegionMap map))
            {
                return; // the case takes the failure itself
            }
            var ops = new List<(int, Operation)>();
            for (int j = index; j < cases.Count && j < index + MaxCases; j++)
            {
                var c = cases[j];
                if (!runs(c))
                {
                    continue;
                }
                if (c.Plan is not { } plan || c.EveryShard)
                {
                    break;
                }
                var planned = plan(ctx, map);
                if (planned.Count == 0 || planned[0] is not Operation.Regions)
                {
                    throw new InvalidOperationException($"harness: the plan of case {c.Id} does not start with the region map");
                }
                ops.AddRange(planned.Skip(j == index ? 1 : 0).Select(op => (j, op)));
            }
            rt.SendAhead(ops);
        }
        catch (AdapterException)
        {
            // No exchange could be made (no process to start): the case asks for itself and meets the same failure.
        }
#pragma warning disable CA1031 // a plan that fails is the harness's fault: nothing more is sent ahead, and each case asks as it goes
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            // Planning failed before anything but the first case's region map was sent: that case takes it as asked.
        }
    }
}
