using System.Globalization;
using Conformance.Cli.Wiring;
using Conformance.Models;
using Conformance.Oracle;
using Conformance.Requirements;
using Conformance.Smt;
using Conformance.Suite;
using Reference;

namespace Conformance.Cli.Bench;

/// <summary>
/// Figure 5: does the suite's time grow linearly with the number of cases? Runs 10^3 .. 10^6 random
/// operation-sequence cases through SuiteRunner against one reference runtime (64le; state accumulates
/// in it, as in a real run) with a sink that discards, and fits log(time) = k log(cases) + c.
/// </summary>
internal static class ScalingFigure
{
    public const string Target = "linear within 1.2x: fitted exponent <= 1.2";
    private const double TargetExponent = 1.2;

    // The five requirements a sequence case judges (SequenceCases): each sequence yields one case per ID.
    private static readonly string[] SequenceRequirements = ["SV-007", "ZV-003", "ZV-009", "ZV-015", "ZV-016"];
    private const int SequenceLength = 10;

    public static Figure Measure(IReadOnlyList<ModelSource> sources, Budget budget, string load)
    {
        var oracle = ModelOracle.Load(sources);
        if (oracle.Predicates.Count == 0)
        {
            return Figure.NotMeasured(5, "scaling", Target, "no requirement predicates in this build's models (pass --models DIR)", load);
        }
        var judge = new Judge(oracle, RequirementCatalog.LoadEmbedded());

        // Only requirements the models can judge: a case whose predicate is missing errors at once and
        // would make the suite look fast.
        var judged = SequenceRequirements.Where(r => oracle.Defines(r + ".ok")).ToHashSet(StringComparer.Ordinal);
        var skipped = SequenceRequirements.Where(r => !judged.Contains(r)).ToList();
        if (judged.Count == 0)
        {
            return Figure.NotMeasured(5, "scaling", Target, "the models define none of the sequence cases' predicates", load);
        }
        CaseInputs inputs;
        using (var solver = new Z3NativeSolver())
        {
            inputs = new CaseInputs(BoundaryVectors.Generate(ModelCatalog.Load(sources), solver), 1);
        }
        var points = new List<(double Cases, double Seconds, double Rate)>();
        var details = new List<string>();
        var values = new Dictionary<string, double>();

        // Warm-up: JIT and the oracle, on a small run that is not counted.
        RunOnce(judge, inputs, judged, 100);
        int maxExponent = budget.ScalingMaxExponent + (budget.Exhaustive ? 1 : 0);
        for (int e = budget.ScalingMinExponent; e <= maxExponent; e++)
        {
            int target = (int)Math.Pow(10, e);
            var (cases, seconds, notPassed) = RunOnce(judge, inputs, judged, target);
            points.Add((cases, seconds, cases / seconds));
            details.Add(string.Create(CultureInfo.InvariantCulture,
                $"10^{e}: {cases:N0} cases in {seconds:0.000} s = {cases / seconds:N0} cases/s{(notPassed == 0 ? ", all passed" : $", {notPassed:N0} did NOT pass")} (load {Load.Now()})"));
            values[$"cases_1e{e}_s"] = seconds;
        }
        double k = Slope(points.Select(p => Math.Log(p.Cases)).ToList(), points.Select(p => Math.Log(p.Seconds)).ToList());
        values["exponent"] = k;
        details.Add($"cases: {SequenceLength}-op random sequences (SequenceCases, seed 1), one case per sequence and requirement ({string.Join(", ", judged)}{(skipped.Count == 0 ? "" : $"; not {string.Join(", ", skipped)}: the models define no predicate for them yet")}), plus the few fixed cases of those requirements; one repetition per size (the largest dominate the fit; see the load stamps)");

        // Where the time goes: cases per second of each requirement's cases alone.
        var per = judged.Select(r =>
        {
            var (n, sec, _) = RunOnce(judge, inputs, new HashSet<string>([r], StringComparer.Ordinal), 2000);
            return $"{r} {n / sec:N0}/s";
        });
        details.Add($"breakdown, about 2000 cases of one requirement each: {string.Join(", ", per)}");
        return new Figure(5, "scaling", string.Create(CultureInfo.InvariantCulture,
            $"fitted exponent {k:0.000} over 10^{budget.ScalingMinExponent}..10^{maxExponent} cases ({points[^1].Rate:N0} cases/s at the largest)"),
            Target, k <= TargetExponent, load, details, values);
    }

    private static (int Cases, double Seconds, int NotPassed) RunOnce(Judge judge, CaseInputs inputs, HashSet<string> requirements, int cases)
    {
        var adapter = new ReferenceAdapter(new ReferenceRuntime(Architecture.Le64));
        var options = new RunOptions(1, Requirements: requirements, Sequences: Math.Max(1, cases / requirements.Count), SequenceLength: SequenceLength);
        var sink = new Discard();
        RunSummary? summary = null;
        double seconds = Sampling.Seconds(() => summary = SuiteRunner.Run(adapter, null, judge, inputs, options, sink));
        return (sink.Count, seconds, sink.Count - summary!.Passed);
    }

    /// <summary>Least-squares slope of y on x.</summary>
    internal static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        double sxx = x.Sum(a => (a - mx) * (a - mx));
        return sxy / sxx;
    }

    private sealed class Discard : IResultSink
    {
        public int Count { get; private set; }

        public void Begin(RunHeader header) { }

        public void Add(CaseResult result) => Count++;

        public void Finish(RunSummary summary) { }
    }
}
