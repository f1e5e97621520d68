using Conformance.Adapters;
using Conformance.Cli.Wiring;
using Conformance.Requirements;
using Conformance.Suite;

namespace Cli.Tests;

/// <summary>
/// The whole zoo both ways: every broken variant, on the first architecture where its bug shows, judged on its own
/// requirement in process and served over the exec protocol (`serve zoo:...`), must give the same verdict in every
/// case and fail that requirement (an error, where a variant's runtime dies, must be an error both ways). A difference is the protocol or the client deciding a verdict
/// the runtime did not earn (the AR-001 variant once gave 0 failures and 169 errors over exec: the client called
/// its out-of-word address a protocol contradiction).
/// </summary>
public sealed class ZooOverExecTests
{
    private static readonly Lazy<Judge> SharedJudge = new(() => new Judge(OracleWiring.Create(), RequirementCatalog.LoadEmbedded()));

    /// <summary>
    /// How many variants run at once. Each one's time goes mostly to starting a `dotnet` process and to round trips
    /// between two processes that each wait on the other, so on two cores four at a time keep both busy. Variants are
    /// independent (each run has its own runtime, in process and in its own server process); the judge is shared, as
    /// <see cref="Zoo.Score"/> shares it between its threads.
    /// </summary>
    private const int VariantsAtOnce = 4;

    [Fact]
    public void EveryVariant_SameVerdictsInProcessAndOverExec_FailingItsOwnRequirement()
    {
        var problems = new List<string>[Zoo.Variants.Count];
        Parallel.For(0, Zoo.Variants.Count, new ParallelOptions { MaxDegreeOfParallelism = VariantsAtOnce }, i => problems[i] = Check(Zoo.Variants[i]));
        var all = problems.SelectMany(p => p).ToList();
        Assert.True(all.Count == 0, string.Join("\n", all));
    }

    /// <summary>One variant both ways: what differs, and whether over exec it fails its own requirement.</summary>
    private static List<string> Check(ZooVariant v)
    {
        var problems = new List<string>();
        string arch = v.Archs[0];
        var options = new RunOptions(11) with { Requirements = new HashSet<string>([v.Requirement], StringComparer.Ordinal) };
        var inProcess = Verdicts($"zoo:{v.Name}:{arch}", options);
        if (!inProcess.ContainsValue(Verdict.Fail))
        {
            // Some bugs show only in the state other cases of the feature leave (conversion-writes-table: the table is
            // judged after every conversion of AR-003 and SV-002): then the whole feature runs, both ways.
            options = new RunOptions(11) with { Features = SharedJudge.Value.Catalog.Get(v.Requirement).Features.ToHashSet(StringComparer.Ordinal) };
            inProcess = Verdicts($"zoo:{v.Name}:{arch}", options);
        }
        var overExec = Verdicts($"exec:dotnet {CliHarness.CliDll} serve zoo:{v.Name}:{arch}", options);
        var differ = inProcess.Where(kv => !overExec.TryGetValue(kv.Key, out var e) || e != kv.Value)
            .Select(kv => $"{kv.Key}: in process {kv.Value}, over exec {(overExec.TryGetValue(kv.Key, out var e) ? e : "missing")}")
            .Concat(overExec.Keys.Where(k => !inProcess.ContainsKey(k)).Select(k => $"{k}: only over exec")).Take(3).ToList();
        if (differ.Count > 0)
        {
            problems.Add($"{v.Name} {arch}: {string.Join("; ", differ)}");
        }
        if (!overExec.Any(kv => kv.Value == Verdict.Fail && kv.Key.StartsWith(v.Requirement + "/", StringComparison.Ordinal)))
        {
            problems.Add($"{v.Name} {arch} over exec: no {v.Requirement} failure ({overExec.Values.Count(x => x == Verdict.Fail)} failures, {overExec.Values.Count(x => x == Verdict.Error)} errors)");
        }
        return problems;
    }

    /// <summary>
    /// A fault reading memory a requirement says stays readable is that requirement's failure, with the fault as the
    /// observation, not an error, in process and end to end over the exec protocol (issue 18): old-buffer-freed frees
    /// the older buffer at every growth, so every read and scan of it faults.
    /// </summary>
    [Fact]
    public void AFaultOnMustBeReadableMemory_IsAFailureOfTheRequirementThatSaysSo_BothWays()
    {
        var options = new RunOptions(11) with { Requirements = new HashSet<string>(["ZV-007", "ZV-008", "ZV-009"], StringComparer.Ordinal) };
        foreach (var spec in new[] { "zoo:old-buffer-freed:32le", $"exec:dotnet {CliHarness.CliDll} serve zoo:old-buffer-freed:32le" })
        {
            var results = Run(spec, options);
            Assert.DoesNotContain(results, r => r.Verdict == Verdict.Error);
            foreach (var id in new[] { "ZV-007", "ZV-008", "ZV-009" })
            {
                var faulted = results.Where(r => r.Requirement == id && r.Verdict == Verdict.Fail && r.Reason == $"{id}: memory the requirement says is readable faulted").ToList();
                Assert.True(faulted.Count > 0, $"{spec}: no {id} failure for a fault; {id}: {string.Join("; ", results.Where(r => r.Requirement == id && r.Verdict != Verdict.Pass).Select(r => $"{r.CaseId} {r.Verdict} {r.Reason}"))}");
                Assert.All(faulted, r => Assert.Contains("was freed", r.Observed, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Every result of one run.</summary>
    private static List<CaseResult> Run(string spec, RunOptions options)
    {
        var target = AdapterSpec.Resolve(spec, Arch.All, o => o).Single();
        var results = new List<CaseResult>();
        try
        {
            using var runtime = target.Start();
            SuiteRunner.Run(runtime, target.NewInstance ?? target.Start, SharedJudge.Value, Inputs.Create(11), options, new ListSink(results));
        }
        finally
        {
            target.Owned?.Dispose();
        }
        return results;
    }

    /// <summary>The verdict of every case of one run, by case ID.</summary>
    private static Dictionary<string, Verdict> Verdicts(string spec, RunOptions options) =>
        Run(spec, options).ToDictionary(r => r.CaseId, r => r.Verdict, StringComparer.Ordinal);
}
