using System.Globalization;
using System.Runtime.CompilerServices;
using Conformance.Models;
using Conformance.Oracle;
using Conformance.Smt;

namespace Conformance.Cli.Bench;

/// <summary>
/// Figure 1: proof against enumeration. Z3 proves the growth-and-overflow obligations (ZV-005, ZV-006 of
/// models/zero-growth.smt2: every size, every reachable prior buffer state, 32- and 64-bit); C# checks the
/// same property by brute force over every 32-bit size from one fresh state. Both are timed back to back.
/// </summary>
internal static class ProofFigure
{
    public const string Target = "proof >= 200x faster than enumerating all 2^32 32-bit sizes";
    private const double TargetRatio = 200;
    private const string ModelFile = "zero-growth.smt2";
    private const ulong Sizes32 = 1UL << 32;

    // The enumeration is sampled in this many evenly spaced blocks: the cost of a size grows with its
    // log2 (one doubling per bit), so a prefix would under-estimate and evenly spaced blocks do not.
    private const int Blocks = 256;

    public static Figure Measure(IReadOnlyList<ModelSource> models, Budget budget, string load)
    {
        if (!models.Any(m => m.Name == ModelFile))
        {
            return Figure.NotMeasured(1, "proof vs enumeration", Target, $"models/{ModelFile} is not in this build's models (pass --models DIR)", load);
        }
        // The prover's own obligations (ModelCatalog), those of the growth-and-overflow file.
        var obligations = ModelCatalog.Load(models).Obligations
            .Where(o => o.Source.StartsWith(ModelFile + ":", StringComparison.Ordinal) && o.Requirements.Any(r => r is "ZV-005" or "ZV-006"))
            .ToList();
        if (obligations.Count == 0)
        {
            return Figure.NotMeasured(1, "proof vs enumeration", Target, $"models/{ModelFile} has no ZV-005/ZV-006 obligation", load);
        }

        // Identical scripts are one theorem: byte order is not a parameter of growth, so the 32le/32be
        // (and 64le/64be) obligations are the same query. Measured apart: what a prover that skips
        // repeated queries would take.
        var distinct = obligations.DistinctBy(o => o.Script).ToList();

        // Sanity first: the brute force must agree with the spec (0 violations), or its speed means nothing.
        var (sampled, violations) = EnumerateSample(32, budget.EnumerationSample);
        if (violations != 0)
        {
            return new Figure(1, "proof vs enumeration", $"enumeration found {violations} violations in {sampled} sizes: the check is wrong", Target, false, load, [], new Dictionary<string, double>());
        }

        string? failure = null;
        var proofCpu = new List<double>();
        var enumerationCpu = new List<double>();
        double ProofSeconds()
        {
            var (wall, cpu) = Sampling.Times(() => failure ??= Prove(obligations));
            proofCpu.Add(cpu);
            return wall;
        }
        double EnumerationSecondsFor2To32()
        {
            var (wall, cpu) = Sampling.Times(() => EnumerateSample(32, budget.EnumerationSample));
            double scale = (double)Sizes32 / budget.EnumerationSample;
            enumerationCpu.Add(cpu * scale);
            return wall * scale;
        }

        var (proof, enumeration) = Sampling.Interleave(budget.Repetitions, ProofSeconds, EnumerationSecondsFor2To32);
        if (failure is not null)
        {
            return new Figure(1, "proof vs enumeration", $"proof failed: {failure}", Target, false, load, [], new Dictionary<string, double>());
        }
        // Warm-up entries are the first of each CPU list: drop them, as Interleave drops their wall times.
        proofCpu.RemoveAt(0);
        enumerationCpu.RemoveAt(0);
        var ratios = Spread.Of(Sampling.Ratios(enumeration, proof));
        var cpuRatios = Spread.Of(Sampling.Ratios(enumerationCpu, proofCpu));
        // The two variants, interleaved with each other; compared with the enumeration by CPU time (the
        // enumeration's CPU time is steady; wall times of non-interleaved runs are not comparable here).
        var distinctCpu = new List<double>();
        var preludeOnceCpu = new List<double>();
        var (distinctProof, preludeOnce) = Sampling.Interleave(budget.Repetitions,
            () => { var (w, c) = Sampling.Times(() => failure ??= Prove(distinct)); distinctCpu.Add(c); return w; },
            () => { var (w, c) = Sampling.Times(() => failure ??= ProvePreludeOnce(distinct)); preludeOnceCpu.Add(c); return w; });
        distinctCpu.RemoveAt(0);
        preludeOnceCpu.RemoveAt(0);
        double enumerationCpuMedian = Spread.Of(enumerationCpu).Median;
        var breakdown = new Dictionary<string, double>();
        Prove(obligations, breakdown);
        var details = new List<string>
        {
            $"proof: the prover (ModelCatalog + Prover, one Z3 context, each obligation's full script as `prove` sends it) on the {obligations.Count} ZV-005/ZV-006 obligations of {ModelFile} ({string.Join(", ", obligations.Select(o => o.Name).Distinct())} on {string.Join(", ", obligations.Select(o => o.Arch).Distinct())}), all unsat: wall {Spread.Of(proof).Show(Ms)}, CPU {Spread.Of(proofCpu).Show(Ms)}",
            "proof breakdown (one more run): " + string.Join(", ", breakdown.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {Ms(kv.Value)}")),
            $"enumeration, 2^32 sizes from a fresh buffer: wall {Spread.Of(enumeration).Show(Sec)}, CPU {Spread.Of(enumerationCpu).Show(Sec)}; extrapolated linearly from {budget.EnumerationSample:N0} sizes in {Blocks} evenly spaced blocks per repetition",
            $"ratio by CPU time (the work, whatever the load): {cpuRatios.Show(X)}",
            $"only the {distinct.Count} distinct scripts (le and be texts are identical): CPU {Spread.Of(distinctCpu).Show(Ms)}, {enumerationCpuMedian / Spread.Of(distinctCpu).Median:N0}x the enumeration's median CPU (wall {Spread.Of(distinctProof).Show(Ms)})",
            $"...and with the shared definitions sent once per context instead of once per obligation: CPU {Spread.Of(preludeOnceCpu).Show(Ms)}, {enumerationCpuMedian / Spread.Of(preludeOnceCpu).Median:N0}x (wall {Spread.Of(preludeOnce).Show(Ms)}); both variants are what the prover could do, not what `prove` does today",
        };
        var values = new Dictionary<string, double>
        {
            ["proof_wall_s_median"] = Spread.Of(proof).Median,
            ["proof_cpu_s_median"] = Spread.Of(proofCpu).Median,
            ["proof_distinct_cpu_s_median"] = Spread.Of(distinctCpu).Median,
            ["proof_distinct_prelude_once_cpu_s_median"] = Spread.Of(preludeOnceCpu).Median,
            ["enumeration_2to32_wall_s_median"] = Spread.Of(enumeration).Median,
            ["enumeration_2to32_cpu_s_median"] = Spread.Of(enumerationCpu).Median,
            ["ratio_wall_median"] = ratios.Median,
            ["ratio_wall_min"] = ratios.Min,
            ["ratio_cpu_median"] = cpuRatios.Median,
        };
        if (budget.Exhaustive)
        {
            long bad = 0;
            var (full, fullCpu) = Sampling.Times(() => bad = Enumerate(32, 0, Sizes32));
            details.Add($"exhaustive run: all 2^32 sizes in {full:0.0} s wall, {fullCpu:0.0} s CPU, {bad} violations (measured, not extrapolated; {full / Spread.Of(proof).Median:N0}x the median proof by wall time)");
            values["enumeration_2to32_wall_s_exhaustive"] = full;
            values["enumeration_2to32_cpu_s_exhaustive"] = fullCpu;
        }

        // 64-bit: the same loop over a sample of 64-bit sizes (up to 52 doublings each), times 2^64.
        double perSize64 = Sampling.Seconds(() => EnumerateSample(64, budget.EnumerationSample)) / budget.EnumerationSample;
        double years = perSize64 * Math.Pow(2, 64) / (365.25 * 24 * 3600);
        details.Add(string.Create(CultureInfo.InvariantCulture,
            $"64-bit sizes: {perSize64 * 1e9:0.0} ns per size (sampled) x 2^64 sizes = {years:0.0e0} years on one core, from one prior state only; the proof covers all of them and every prior state"));
        values["enumeration_2to64_years"] = years;

        return new Figure(1, "proof vs enumeration",
            $"proof {ratios.Show(X)} faster by wall time (interleaved pairs); {cpuRatios.Median:N0}x by CPU time",
            Target, ratios.Median >= TargetRatio, load, details, values);
    }

    private static string X(double ratio) => ratio.ToString("N0", CultureInfo.InvariantCulture) + "x";

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Sec(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>Proves every obligation as `prove` does; returns null when all are proved, else what went wrong.</summary>
    private static string? Prove(IReadOnlyList<Obligation> obligations, Dictionary<string, double>? breakdown = null)
    {
        using var solver = new Z3NativeSolver();
        var prover = new Prover(solver, 60_000);
        foreach (var o in obligations)
        {
            var r = prover.Prove(o);
            breakdown?.Add($"{o.Name}@{o.Arch}", r.Milliseconds / 1000);
            if (r.Verdict != ProofVerdict.Proved)
            {
                return $"{o.Name} on {o.Arch}: {r.Describe()}";
            }
        }
        return null;
    }

    /// <summary>
    /// The same proofs with the definitions every script starts with (their common prefix, up to a line
    /// break) evaluated once in the context, and each obligation's remaining text checked in its own scope.
    /// </summary>
    private static string? ProvePreludeOnce(List<Obligation> obligations)
    {
        string first = obligations[0].Script;
        int common = obligations.Aggregate(first.Length, (n, o) =>
        {
            int i = 0;
            while (i < n && i < o.Script.Length && o.Script[i] == first[i])
            {
                i++;
            }
            return i;
        });
        int cut = first.LastIndexOf('\n', Math.Max(0, common - 1)) + 1;
        using var solver = new Z3NativeSolver();
        string loaded = solver.Run(first[..cut]);
        if (loaded.Contains("(error", StringComparison.Ordinal))
        {
            return $"shared definitions: {loaded.Trim()}";
        }
        foreach (var o in obligations)
        {
            var outcome = solver.CheckSat(o.Script[cut..], [], 60_000);
            if (outcome is not SolverOutcome.Unsat)
            {
                return $"{o.Name} on {o.Arch} (definitions sent once): {outcome}";
            }
        }
        return null;
    }

    /// <summary>Enumerates <paramref name="sample"/> sizes of a <paramref name="wordBits"/>-bit word in evenly spaced blocks.</summary>
    internal static (ulong Sizes, long Violations) EnumerateSample(int wordBits, ulong sample)
    {
        ulong space = wordBits == 32 ? Sizes32 : ulong.MaxValue;
        ulong block = Math.Max(1, sample / Blocks);
        ulong stride = space / Blocks;
        long bad = 0;
        ulong done = 0;
        for (ulong b = 0; b < Blocks; b++)
        {
            ulong from = b * stride;
            bad += Enumerate(wordBits, from, from + block);
            done += block;
        }
        return (done, bad);
    }

    /// <summary>
    /// The brute force: for every size in [from, to), runs the seed's mapzero growth from a fresh buffer
    /// (size 0) and checks ZV-005/ZV-006: a type of more than 1024 bytes either throws, exactly when
    /// size &gt; 2^(w-1), or gets a power of two &gt;= 4096, &gt;= size and &lt; 2*max(size, 4096).
    /// Returns the number of sizes that violate it (0 for a correct algorithm).
    /// </summary>
    /// <remarks>
    /// A tight loop on purpose (no exceptions, no allocation, no delegate): the fastest honest
    /// enumeration, so the ratio is the proof's advantage over the best brute force, not over a slow one.
    /// Unchecked: the wrap of the doubling at the word is the behaviour under test.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Enumerate(int wordBits, ulong from, ulong to)
    {
        ulong mask = wordBits == 32 ? 0xFFFF_FFFFUL : ulong.MaxValue;
        ulong half = 1UL << (wordBits - 1);
        long bad = 0;
        unchecked
        {
            for (ulong size = Math.Max(from, 1025); size < to; size++)
            {
                ulong s = 4096; // zerobuf.size == 0: start at 4 KiB
                bool threw = false;
                while (s < size)
                {
                    s = (s << 1) & mask; // zerobuf.size *= 2, in a w-bit word
                    if (s == 0)
                    {
                        threw = true; // throw("map element too large")
                        break;
                    }
                }
                bool ok = threw
                    ? size > half
                    : size <= half && (s & (s - 1)) == 0 && s >= 4096 && s >= size && (s >> 1) < Math.Max(size, 4096UL);
                if (!ok)
                {
                    bad++;
                }
            }
        }
        return bad;
    }

}
