using System.CommandLine;
using System.Globalization;
using Conformance.Adapters;
using Conformance.Adapters.Exec;
using Conformance.Reports;
using Conformance.Requirements;
using Conformance.Suite;
using Conformance.Suite.Cases;
using Conformance.Cli.Wiring;

namespace Conformance.Cli.Commands;

/// <summary>
/// `run`: the conformance run. With no options it runs the proofs, the reference on all four
/// architectures, the zoo of broken runtimes, and prints the per-requirement matrix.
/// </summary>
internal static class RunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var adapter = new Option<string[]>("--adapter") { Description = "reference | reference:<arch> | exec:<program> [args...] (repeatable; default reference)", AllowMultipleArgumentsPerToken = false };
        var arch = new Option<string>("--arch") { Description = "all | comma-separated list of 32le,32be,64le,64be (filters the reference's architectures)", DefaultValueFactory = _ => "all" };
        var feature = new Option<string[]>("--feature") { Description = "only requirements of these features (repeatable)" };
        var requirement = new Option<string[]>("--requirement") { Description = "only cases of these requirement IDs (repeatable)" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of random sizes, values and sequences (printed by every run; replays it)" };
        var shard = new Option<string>("--shard") { Description = "K/N: run the K-th of N deterministic partitions", DefaultValueFactory = _ => "1/1" };
        var json = new Option<FileInfo?>("--json") { Description = "JSON lines, written as results arrive" };
        var junit = new Option<FileInfo?>("--junit") { Description = "JUnit XML" };
        var html = new Option<FileInfo?>("--html") { Description = "one self-contained HTML matrix" };
        var noProve = new Option<bool>("--no-prove") { Description = "skip the model proofs that precede a reference run" };
        var noZoo = new Option<bool>("--no-zoo") { Description = "skip the zoo of deliberately broken runtimes" };
        var exec = new ExecAdapterOptions("", []); // the exec limits' defaults, declared there
        var requestTimeout = new Option<double?>("--request-timeout") { Description = $"exec adapters: seconds to wait for one reply before the adapter counts as hung (default {exec.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)})" };
        var runTimeout = new Option<double?>("--run-timeout") { Description = $"exec adapters: seconds one adapter may take in all, restarts included (default {exec.RunTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)})" };
        var maxRestarts = new Option<int?>("--max-restarts") { Description = $"exec adapters: how often a failed adapter process is replaced (default {exec.MaxRestarts})" };
        var noReadAhead = new Option<bool>("--no-read-ahead") { Description = "exec adapters: one request per round trip (by default a request that may change the state carries the read-only requests that followed it before; same answers, fewer round trips)" };
        var noPipeline = new Option<bool>("--no-pipeline") { Description = $"every case asks as it goes, and the state is judged after each case that may have changed it (by default cases whose requests are known beforehand are sent ahead, up to {Pipeline.MaxCases} at a time: the same requests and verdicts in fewer round trips; the state is judged once per such window)" };
        var raceTrials = new Option<int?>("--race-trials") { Description = $"the race case (ZV-011): at most this many trials, each on a fresh runtime where one can be had (1..1000, default {RunOptions.DefaultRaceTrials}; README, \"Races\")" };
        var raceBudget = new Option<double?>("--race-budget") { Description = $"the race case: seconds after which no further trial starts (default {RunOptions.DefaultRaceBudgetSeconds.ToString(CultureInfo.InvariantCulture)})" };
        var dryRun = new Option<bool>("--dry-run") { Description = "check every option as a run would (and that each exec adapter's program and each report's folder exist), print what would run, start nothing" };
        var cmd = new Command("run", "Run the conformance suite against runtimes.")
        {
            adapter, arch, feature, requirement, seed, shard, json, junit, html, noProve, noZoo, requestTimeout, runTimeout, maxRestarts, noReadAhead, noPipeline, raceTrials, raceBudget, dryRun,
        };
        cmd.SetAction(parse =>
        {
            var catalog = RequirementCatalog.LoadEmbedded();
            var archs = ParseArchs(parse.GetValue(arch) ?? "all");
            var requirements = Validate(parse.GetValue(requirement), id => catalog.Find(id) is { Withdrawn: false }, "--requirement", "is not an active requirement ID in spec/");
            var features = Validate(parse.GetValue(feature), f => catalog.Features.Contains(f), "--feature", "is not a feature of spec/features.md");
            var (k, n) = ParseShard(parse.GetValue(shard) ?? "1/1");
            ulong runSeed = parse.GetValue(seed) ?? (ulong)DateTime.UtcNow.Ticks;
            var specs = parse.GetValue(adapter) is { Length: > 0 } a ? a : ["reference"];
            var limits = ExecLimits(parse.GetValue(requestTimeout), parse.GetValue(runTimeout), parse.GetValue(maxRestarts), parse.GetValue(noReadAhead));
            var targets = specs.SelectMany(s => AdapterSpec.Resolve(s, archs, limits)).ToList();
            var options = RaceOptions(new RunOptions(runSeed, requirements, features, k, n) { Pipeline = !parse.GetValue(noPipeline) }, parse.GetValue(raceTrials), parse.GetValue(raceBudget));
            if (parse.GetValue(dryRun))
            {
                return DryRun.Check(specs, targets.Select(t => t.Name).ToList(), options, [parse.GetValue(json), parse.GetValue(junit), parse.GetValue(html)],
                    prove: !parse.GetValue(noProve) && specs.All(AdapterSpec.IsReference), zoo: !parse.GetValue(noZoo) && specs.All(AdapterSpec.IsReference), stdout);
            }
            return Execute(targets, options, catalog, parse.GetValue(json), parse.GetValue(junit), parse.GetValue(html),
                prove: !parse.GetValue(noProve) && specs.All(AdapterSpec.IsReference),
                zoo: !parse.GetValue(noZoo) && specs.All(AdapterSpec.IsReference),
                stdout, stderr);
        });
        return cmd;
    }

    private static int Execute(IReadOnlyList<AdapterTarget> targets, RunOptions options, RequirementCatalog catalog,
        FileInfo? json, FileInfo? junit, FileInfo? html, bool prove, bool zoo, TextWriter stdout, TextWriter stderr)
    {
        int exit = Program.Ok;
        stdout.WriteLine($"seed {options.Seed} (replay with --seed {options.Seed}); shard {options.ShardIndex}/{options.ShardCount}");
        // The compiled oracle and the solver's boundary vectors do not depend on the proofs: made meanwhile.
        var ready = Task.Run(() => (Judge: new Judge(OracleWiring.Create(), catalog), Inputs: Inputs.Create(options.Seed)));
        if (prove)
        {
            stdout.WriteLine("proofs:");
            exit = Math.Max(exit, Proofs.Run(stdout));
        }
        var (judge, inputs) = ready.GetAwaiter().GetResult();
        var collected = new List<CaseResult>();
        var coverage = new List<string>();
        var collector = new ListSink(collected);
        using var jsonSink = json is null ? null : new JsonLinesSink(json.FullName);
        var console = new ConsoleSink(stdout);
        console.Around(() =>
        {
        foreach (var target in targets)
        {
            IResultSink sink = jsonSink is null ? new FanOutSink(collector, console) : new FanOutSink(jsonSink, collector, console);
            IRuntimeAdapter runtime;
            try
            {
                runtime = target.Start();
            }
            catch (AdapterException e)
            {
                // The report stays complete: a header, an error for every case, the summary (JSON lines, JUnit, HTML).
                stderr.WriteLine($"error: could not start {target.Name}: {e.Message}");
                SuiteRunner.RunUnstarted(target.Name, e.Data["arch"] as Arch?, e.Message, judge, inputs, options, sink);
                exit = Program.Failed;
                continue;
            }
            using (target.Owned)
            using (runtime)
            {
                var summary = SuiteRunner.Run(runtime, target.Restartable ? target.NewInstance ?? target.Start : null, judge, inputs, options, sink);
                if (collected.Any(r => r.Runtime == summary.Runtime && r.Arch == summary.Arch && r.Verdict != Verdict.NotApplicable && r.CaseId.Contains("/sequence/", StringComparison.Ordinal)))
                {
                    coverage.Add($"{target.Name} {summary.Arch}: {SequenceReport.Coverage(inputs, options, runtime.Info)}");
                }
                if (runtime is ExecAdapter exec)
                {
                    var (requests, batches, early) = exec.Traffic;
                    stderr.WriteLine($"{target.Name}: {requests} requests in {batches} round trips; {early} answers read ahead");
                }
                if (!summary.Clean)
                {
                    exit = Program.Failed;
                }
            }
        }
        });
        Matrix.Print(stdout, collected, catalog);
        if (coverage.Count > 0)
        {
            stdout.WriteLine($"random sequences ({options.Sequences} of {options.SequenceLength} ops) reach, per runtime:");
            coverage.ForEach(line => stdout.WriteLine("  " + line));
        }
        if (zoo)
        {
            var score = Zoo.Score(judge, inputs, options, stdout);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zoo: caught {score.Caught} of {score.Total} broken runtimes"));
            if (score.Caught != score.Total)
            {
                exit = Program.Failed;
            }
        }
        if (junit is not null)
        {
            JUnitReport.Write(junit.FullName, collected);
        }
        if (html is not null)
        {
            File.WriteAllText(html.FullName, HtmlReport.Render(collected, catalog, "Conformance results"));
        }
        int failed = collected.Count(r => r.Verdict is Verdict.Fail or Verdict.Error or Verdict.Unknown);
        stdout.WriteLine($"{collected.Count} cases: {collected.Count(r => r.Verdict == Verdict.Pass)} passed, {failed} failed or errored, {collected.Count(r => r.Verdict == Verdict.NotApplicable)} not applicable");
        return exit;
    }

    /// <summary><paramref name="options"/> with the race case's trials and budget, each checked (a usage error names the option).</summary>
    internal static RunOptions RaceOptions(RunOptions options, int? trials, double? budgetSeconds) => options with
    {
        RaceTrials = trials switch
        {
            null => options.RaceTrials,
            >= 1 and <= 1000 => trials.Value,
            _ => throw new UsageException($"--race-trials {trials}: expected 1..1000"),
        },
        RaceBudgetSeconds = budgetSeconds switch
        {
            null => options.RaceBudgetSeconds,
            > 0 and <= 1e5 => budgetSeconds.Value,
            _ => throw new UsageException($"--race-budget {budgetSeconds.Value.ToString(CultureInfo.InvariantCulture)}: expected a number of seconds above 0 (at most 10^5)"),
        },
    };

    /// <summary>The exec limits from the command line (docs/protocol.md, Faults); each must be positive (restarts: 0 or more).</summary>
    internal static Func<ExecAdapterOptions, ExecAdapterOptions> ExecLimits(double? requestSeconds, double? runSeconds, int? restarts, bool noReadAhead = false)
    {
        static TimeSpan? Seconds(double? value, string option) => value switch
        {
            null => null,
            > 0 and <= 1e7 => TimeSpan.FromSeconds(value.Value),
            _ => throw new UsageException($"{option} {value.Value.ToString(CultureInfo.InvariantCulture)}: expected a number of seconds above 0 (at most 10^7)"),
        };
        var request = Seconds(requestSeconds, "--request-timeout");
        var run = Seconds(runSeconds, "--run-timeout");
        if (restarts is < 0 or > 1000)
        {
            throw new UsageException($"--max-restarts {restarts}: expected 0..1000");
        }
        return o => o with
        {
            RequestTimeout = request ?? o.RequestTimeout,
            RunTimeout = run ?? o.RunTimeout,
            MaxRestarts = restarts ?? o.MaxRestarts,
            ReadAhead = o.ReadAhead && !noReadAhead,
        };
    }

    private static HashSet<string>? Validate(string[]? values, Func<string, bool> ok, string option, string problem)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }
        foreach (var v in values.Where(v => !ok(v)))
        {
            throw new UsageException($"{option} {v}: {v} {problem}");
        }
        return values.ToHashSet(StringComparer.Ordinal);
    }

    internal static IReadOnlyList<Arch> ParseArchs(string text)
    {
        if (text == "all")
        {
            return Arch.All;
        }
        var list = new List<Arch>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Arch.TryParse(part, out var a))
            {
                throw new UsageException($"--arch {text}: '{part}' is not an architecture (use all or 32le, 32be, 64le, 64be)");
            }
            list.Add(a);
        }
        return list.Count == 0 ? throw new UsageException($"--arch {text}: no architecture named") : list;
    }

    internal static (int K, int N) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 1 && k <= n)
        {
            return (k, n);
        }
        throw new UsageException($"--shard {text}: expected K/N with 1 <= K <= N, e.g. 2/4");
    }
}
