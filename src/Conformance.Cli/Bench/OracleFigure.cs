using System.Diagnostics;
using System.Globalization;
using Conformance.Oracle;
using Reference;

namespace Conformance.Cli.Bench;

/// <summary>
/// Figure 2: how many observations per second the oracle judges on one thread (a compiled predicate of
/// the models, through the batch API), interleaved with the reference runtime's raw rate of interface
/// conversions, so that the ratio says how much judging costs next to the thing judged.
/// </summary>
internal static class OracleFigure
{
    public const string Target = ">= 1,000,000 observations/s judged on one core";
    private const double TargetRate = 1_000_000;

    // The growth predicate: the most arithmetic of the models' predicates (implication, pow2, shifts).
    private const string Headline = "ZV-005.ok";

    public static Figure Measure(IReadOnlyList<ModelSource> sources, Budget budget, string load)
    {
        var oracle = ModelOracle.Load(sources);
        var predicates = oracle.Predicates.Where(p => p.Result.IsBool).ToList();
        if (predicates.Count == 0)
        {
            return Figure.NotMeasured(2, "oracle speed", Target, "no requirement predicates in this build's models (pass --models DIR)", load);
        }
        var handle = oracle.Resolve(predicates.Any(p => p.Name == Headline) ? Headline : predicates[0].Name);

        var runtime = new ReferenceRuntime(Architecture.Le64);
        var (judged, converted) = Sampling.Interleave(budget.Repetitions,
            () => OracleThroughput.Measure(handle, budget.OracleSlice),
            () => ConversionsPerSecond(runtime, budget.OracleSlice));
        var rate = Spread.Of(judged);
        var ratios = Spread.Of(Sampling.Ratios(judged, converted));

        // Every predicate once, shorter: the slowest one bounds what a run can judge.
        var each = predicates.Select(p => (p.Name, Rate: OracleThroughput.Measure(oracle.Resolve(p.Name), budget.OracleSlice / 3)))
            .OrderBy(x => x.Rate).ToList();
        var details = new List<string>
        {
            $"reference runtime, ConvertToInterface(uint16, v < 256) (table hits, nothing allocated), interleaved: {Spread.Of(converted).Show()} calls/s",
            $"oracle / reference: {ratios.Show("0.00")} (judging one observation costs 1/{ratios.Median:0.00} of making it)",
            $"every predicate ({each.Count}), one repetition each: slowest {each[0].Name} {each[0].Rate:N0}/s, fastest {each[^1].Name} {each[^1].Rate:N0}/s",
        };
        var values = new Dictionary<string, double>
        {
            ["judged_per_s_median"] = rate.Median,
            ["judged_per_s_min"] = rate.Min,
            ["reference_converts_per_s_median"] = Spread.Of(converted).Median,
            ["oracle_over_reference_median"] = ratios.Median,
            ["slowest_predicate_per_s"] = each[0].Rate,
        };
        return new Figure(2, "oracle speed", $"{handle.Info.Name}: {rate.Show()} observations/s judged (one thread, batches of 4096)",
            Target, rate.Median >= TargetRate, load, details, values);
    }

    /// <summary>Calls ConvertToInterface in a loop for <paramref name="slice"/>; calls per second.</summary>
    private static double ConversionsPerSecond(ReferenceRuntime runtime, TimeSpan slice)
    {
        var clock = Stopwatch.StartNew();
        long calls = 0;
        ulong sink = 0;
        while (clock.Elapsed < slice || calls == 0)
        {
            for (ulong v = 0; v < 256; v++)
            {
                sink ^= runtime.ConvertToInterface(ValueKind.Uint16, v);
            }
            calls += 256;
        }
        double rate = calls / clock.Elapsed.TotalSeconds;
        return sink == ulong.MaxValue ? rate + 1 : rate; // keeps the calls alive
    }

    internal static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
