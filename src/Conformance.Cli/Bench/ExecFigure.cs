using System.Diagnostics;
using System.Globalization;
using System.Text;
using Conformance.Adapters;
using Conformance.Adapters.Exec;

namespace Conformance.Cli.Bench;

/// <summary>
/// Figure 3: checks per second through the exec protocol against the Go adapter (go1.19), batched
/// (ExecAdapter.Submit of many requests) and unbatched (one request per Submit), against the adapter's
/// own raw rate in the same run: the adapter binary answering a pre-written file of the same requests,
/// stdout to /dev/null. Raw, batched and unbatched repetitions are interleaved. On amd64 also through the
/// runner: the suite's SV-002 cases (a region map and a conversion each, judged; the state watch around them) run
/// by SuiteRunner, the rate the target is about, against what the adapter alone answers of the same checks: the
/// runner's own request stream, recorded once (its stdin through tee) and answered from that file.
/// </summary>
internal static class ExecFigure
{
    public const string Target = "checks through the runner >= 50% of the adapter's rate answering the same requests alone (go1.19 amd64)";
    private const double TargetShare = 0.5;
    private const string Runtime = "go1.19";

    public static Figure Measure(BenchEnvironment env, Budget budget, string load)
    {
        if (env.RepoRoot is null)
        {
            return Figure.NotMeasured(3, "exec throughput", Target, "adapters/go not found above the current directory", load);
        }
        if (!env.GoVersion.StartsWith("go version", StringComparison.Ordinal))
        {
            return Figure.NotMeasured(3, "exec throughput", Target, "Go is not installed (go version failed)", load);
        }
        var details = new List<string>();
        var values = new Dictionary<string, double>();
        var native = Arch(env.RepoRoot, "amd64", null, budget, details, values);
        if (native.Problem is not null)
        {
            return Figure.NotMeasured(3, "exec throughput", Target, native.Problem, load) with { Details = details };
        }
        if (budget.ExecForeign)
        {
            foreach (var (arch, qemu) in new[] { ("386", (string?)null), ("s390x", "qemu-s390x-static") })
            {
                var r = Arch(env.RepoRoot, arch, qemu, budget with { ExecRequests = budget.ExecRequests / 2, ExecUnbatched = budget.ExecUnbatched / 2 }, details, values);
                if (r.Problem is not null)
                {
                    details.Add($"{Runtime} {arch}: not measured: {r.Problem}");
                }
            }
        }
        else
        {
            details.Add($"{Runtime} 386, s390x: not measured ({budget.Name} budget)");
        }
        details.Add("a check = one convert(uint16, v) request answered through the C# client (ExecAdapter), v cycling 0..299 (table hits and heap allocations); raw = the adapter binary reading the same kind of requests from a file (4 batches long; a hello-only run subtracted), stdout to /dev/null; the adapter's CPU comes from the shell's times builtin, the client's from this process");
        return new Figure(3, "exec throughput",
            $"{Runtime} amd64 through the runner {native.Runner.Show()} checks/s = {native.RunnerShare.Show(Percent)} of the adapter alone on the same requests ({native.RawRunner.Show()} checks/s; {native.RunnerShareOfConverts.Show(Percent)} of raw conversions, {native.Raw.Show()}/s); client batched {native.Batched.Show()}/s ({native.Share.Show(Percent)}), unbatched {native.Unbatched.Show()}/s",
            Target, native.RunnerShare.Median >= TargetShare, load, details, values);
    }

    private sealed record ArchResult(Spread Raw, Spread Batched, Spread Unbatched, Spread Share, string? Problem)
    {
        public Spread Runner { get; init; } = new(0, 0, 0, 0);

        /// <summary>The runner's first run, before any warm-up (checks/s).</summary>
        public double Cold { get; init; }

        public Spread RunnerShare { get; init; } = new(0, 0, 0, 0);

        /// <summary>The adapter alone answering the runner's own requests, in the runner's checks per second.</summary>
        public Spread RawRunner { get; init; } = new(0, 0, 0, 0);

        public Spread RunnerShareOfConverts { get; init; } = new(0, 0, 0, 0);
    }

    private static ArchResult Arch(string root, string arch, string? qemu, Budget budget, List<string> details, Dictionary<string, double> values)
    {
        var none = new Spread(0, 0, 0, 0);
        string binary = Path.Combine(root, "adapters", "go", "bin", $"{Runtime}-{arch}", "goadapter");
        if (!File.Exists(binary))
        {
            // Build it once, outside any timing (run.sh would build on first start, inside the first repetition).
            var build = BenchEnvironment.Capture(Path.Combine(root, "adapters", "go", "build.sh"), Runtime, arch);
            if (!File.Exists(binary))
            {
                return new ArchResult(none, none, none, none, $"could not build the Go adapter for {arch} (adapters/go/build.sh {Runtime} {arch}){(build is null ? "" : ": " + build)}");
            }
        }
        // 386 runs natively where the kernel runs 32-bit x86 programs, otherwise under qemu-i386-static with
        // preemption by signal off, as adapters/go/run.sh starts it.
        string[] env = [];
        if (arch == "386" && !Succeeds(binary, "-exec-check"))
        {
            (qemu, env) = ("qemu-i386-static", ["GODEBUG=asyncpreemptoff=1"]);
        }
        if (qemu is not null && BenchEnvironment.Capture(qemu, "--version") is null)
        {
            return new ArchResult(none, none, none, none, $"{qemu} is not installed");
        }
        string program = qemu is null ? binary : "/usr/bin/env";
        string[] args = qemu is null ? [] : [.. env, qemu, binary];
        string requestsFile = Path.Combine(Path.GetTempPath(), $"bench-exec-{Environment.ProcessId}-{arch}.jsonl");
        string helloFile = requestsFile + ".hello";
        string runnerFile = requestsFile + ".runner";
        // The raw file is 4 batches long: a run of it takes long enough that process start-up jitter
        // (measured apart with a hello-only file and subtracted) does not dominate.
        int rawRequests = 4 * budget.ExecRequests;
        File.WriteAllText(requestsFile, RequestLines(rawRequests));
        File.WriteAllText(helloFile, RequestLines(0));
        try
        {
            using var adapter = ExecAdapter.Start(new ExecAdapterOptions(program, args));
            var batch = Enumerable.Range(0, budget.ExecRequests).Select(i => new ConvertRequest(ValueKind.Uint16, (ulong)(i % 300))).ToList();
            string? problem = null;
            double Batched()
            {
                double s = Sampling.Seconds(() =>
                {
                    var replies = adapter.Submit(batch);
                    problem ??= replies.FirstOrDefault(r => r.Fault is not null)?.Fault?.Message;
                });
                return batch.Count / s;
            }
            double Unbatched()
            {
                double s = Sampling.Seconds(() =>
                {
                    for (int i = 0; i < budget.ExecUnbatched; i++)
                    {
                        var replies = adapter.Submit([batch[i]]);
                        problem ??= replies[0].Fault?.Message;
                    }
                });
                return budget.ExecUnbatched / s;
            }
            // Through the runner: the SV-002 cases (every integer kind, every value below 256: one conversion each).
            var judge = new Suite.Judge(Wiring.OracleWiring.Create(), Requirements.RequirementCatalog.LoadEmbedded());
            var inputs = Wiring.Inputs.Create(1);
            var runnerOptions = new Suite.RunOptions(1, new HashSet<string>(["SV-002"], StringComparer.Ordinal));
            double Runner()
            {
                Suite.RunSummary? summary = null;
                double s = Sampling.Seconds(() => summary = Suite.SuiteRunner.Run(adapter, null, judge, inputs, runnerOptions, NoSink.Instance));
                problem ??= summary!.Clean ? null : $"the runner's SV-002 run was not clean: {summary}";
                return (summary!.Passed + summary.Failed) / s;
            }
            // The runner's request stream as the adapter received it (hello included), recorded once through tee, and
            // how many checks (judged cases) it carried: what "the adapter alone" answers of the same checks.
            int runnerChecks = 0;
            double RawRunner() => runnerChecks / Math.Max(RunFromFile(program, args, runnerFile) - RunFromFile(program, args, helloFile), 1e-6);
            double Raw()
            {
                double all = RunFromFile(program, args, requestsFile);
                double hello = RunFromFile(program, args, helloFile);
                return rawRequests / Math.Max(all - hello, 1e-6);
            }

            var raw = new List<double>();
            var batched = new List<double>();
            var unbatched = new List<double>();
            var runner = new List<double>();
            var rawRunner = new List<double>();
            bool viaRunner = qemu is null && arch == "amd64";
            Raw();
            Batched();
            Unbatched();
            double cold = 0; // the runner's first run (after one batched and one unbatched pass): mostly tier-0 code, as in a one-off run
            if (viaRunner)
            {
                cold = Runner();
                using (var teed = ExecAdapter.Start(new ExecAdapterOptions("/bin/sh", ["-c", "tee \"$0\" | exec \"$1\"", runnerFile, binary])))
                {
                    var recorded = Suite.SuiteRunner.Run(teed, null, judge, inputs, runnerOptions, NoSink.Instance);
                    runnerChecks = recorded.Passed + recorded.Failed;
                    problem ??= recorded.Clean ? null : $"the recorded SV-002 run was not clean: {recorded}";
                }
                RawRunner();
            }
            // The client's code is warmed until the JIT is quiet (the rate of a first run is mostly tier-0 code: kept
            // apart as the cold rate); Raw runs are other processes and need no warm-up.
            var (warmRounds, warm) = Sampling.WarmUp(() =>
            {
                Batched();
                Unbatched();
                if (viaRunner)
                {
                    Runner();
                }
            }, TimeSpan.FromMilliseconds(500), budget.WarmUpLimit);
            details.Add(string.Create(CultureInfo.InvariantCulture, $"{Runtime} {arch}: warm-up {warmRounds} rounds, the JIT {(warm ? "quiet (nothing compiled for 500 ms of rounds)" : $"still compiling after {budget.WarmUpLimit.TotalSeconds:0} s")}"));
            for (int i = 0; i < budget.Repetitions; i++)
            {
                raw.Add(Raw());
                batched.Add(Batched());
                unbatched.Add(Unbatched());
                if (viaRunner)
                {
                    runner.Add(Runner());
                    rawRunner.Add(RawRunner());
                }
            }
            if (problem is not null)
            {
                return new ArchResult(none, none, none, none, $"the adapter answered with an error: {problem}");
            }
            if (qemu is null && arch == "amd64")
            {
                // Breakdown: the batched rate by batch size. A client whose cost per reply grows with the
                // batch shows it here as a rate that falls as batches grow.
                var sweep = new List<string>();
                foreach (int size in new[] { 250, 1000, budget.ExecRequests }.Where(n => n <= batch.Count).Distinct())
                {
                    var part = batch.Take(size).ToList();
                    var perRequestCpu = new List<double>();
                    var rates = Sampling.Repeat(budget.Repetitions, () =>
                    {
                        var (wall, cpu) = Sampling.Times(() => adapter.Submit(part));
                        perRequestCpu.Add(cpu / size * 1e6);
                        return size / wall;
                    });
                    sweep.Add(string.Create(CultureInfo.InvariantCulture, $"{size}: {Spread.Of(rates).Median:N0}/s, client CPU {Spread.Of(perRequestCpu).Median:0.0} us/request"));
                    values[$"{arch}_client_cpu_us_per_request_batch{size}"] = Spread.Of(perRequestCpu).Median;
                    values[$"{arch}_batched_per_s_batch{size}"] = Spread.Of(rates).Median;
                }
                details.Add($"{Runtime} {arch} batched rate by batch size (median): {string.Join(", ", sweep)}");

                // Where the time goes: CPU per request of the client (this process) and of the adapter,
                // batched, against the adapter's CPU per request answering the file.
                var (_, rawCpu) = RunFromFileTimed(program, args, requestsFile);
                var (_, helloCpu) = RunFromFileTimed(program, args, helloFile);
                double adapter0 = ProcessCpu(adapter.ProcessId);
                var (wall, clientCpu) = Sampling.Times(() => adapter.Submit(batch));
                double adapterCpu = ProcessCpu(adapter.ProcessId) - adapter0;
                double us(double seconds) => seconds / batch.Count * 1e6;
                double usRaw(double seconds) => seconds / rawRequests * 1e6;
                details.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Runtime} {arch} CPU per request (one batch of {batch.Count}; 10 ms clock ticks): client {us(clientCpu):0.0} us, adapter {us(adapterCpu):0.0} us, wall {us(wall):0.0} us; raw adapter {usRaw(Math.Max(0, rawCpu - helloCpu)):0.0} us"));
                values[$"{arch}_client_cpu_us_per_request"] = us(clientCpu);
                values[$"{arch}_adapter_cpu_us_per_request_batched"] = us(adapterCpu);
                values[$"{arch}_adapter_cpu_us_per_request_raw"] = usRaw(Math.Max(0, rawCpu - helloCpu));
                double cpuShare = usRaw(Math.Max(0, rawCpu - helloCpu)) / us(clientCpu + adapterCpu);
                values[$"{arch}_batched_share_of_raw_by_cpu"] = cpuShare;
                details.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Runtime} {arch} batched share of raw by CPU (raw adapter CPU / (client + adapter CPU), what the share would be with both processes CPU-bound on one core): {cpuShare * 100:0}%"));
            }
            var result = new ArchResult(Spread.Of(raw), Spread.Of(batched), Spread.Of(unbatched), Spread.Of(Sampling.Ratios(batched, raw)), null);
            if (viaRunner)
            {
                result = result with
                {
                    Runner = Spread.Of(runner), Cold = cold, RawRunner = Spread.Of(rawRunner), RunnerShare = Spread.Of(Sampling.Ratios(runner, rawRunner)),
                    RunnerShareOfConverts = Spread.Of(Sampling.Ratios(runner, raw)),
                };
                var (requests, trips, early) = adapter.Traffic;
                details.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Runtime} {arch} through the runner (SuiteRunner, the SV-002 cases, read-ahead on): {result.Runner.Show()} checks/s = {result.RunnerShare.Show(Percent)} of the adapter answering the runner's own {File.ReadLines(runnerFile).Count() - 1:N0} requests for {runnerChecks:N0} checks from a file ({result.RawRunner.Show()} checks/s), {result.RunnerShareOfConverts.Show(Percent)} of raw conversions; the runner's first run, cold (mostly tier-0 code, as in a one-off run of the suite): {result.Cold:N0} checks/s; the adapter's whole session: {requests:N0} requests in {trips:N0} round trips, {early:N0} answers read ahead"));
                values[$"{arch}_runner_per_s"] = result.Runner.Median;
                values[$"{arch}_runner_cold_per_s"] = result.Cold;
                values[$"{arch}_runner_raw_same_requests_per_s"] = result.RawRunner.Median;
                values[$"{arch}_runner_share_of_raw"] = result.RunnerShare.Median;
                values[$"{arch}_runner_share_of_raw_conversions"] = result.RunnerShareOfConverts.Median;
            }
            details.Add($"{Runtime} {arch}{(qemu is null ? "" : " under " + qemu)}: raw {result.Raw.Show()}/s, batched {result.Batched.Show()}/s ({result.Share.Show(Percent)} of raw), unbatched {result.Unbatched.Show()}/s ({budget.ExecRequests} requests per batch, {budget.ExecUnbatched} unbatched) (load {Load.Now()})");
            values[$"{arch}_raw_per_s"] = result.Raw.Median;
            values[$"{arch}_batched_per_s"] = result.Batched.Median;
            values[$"{arch}_unbatched_per_s"] = result.Unbatched.Median;
            values[$"{arch}_batched_share_of_raw"] = result.Share.Median;
            return result;
        }
        catch (AdapterException e)
        {
            return new ArchResult(none, none, none, none, e.Message);
        }
        finally
        {
            File.Delete(requestsFile);
            File.Delete(helloFile);
            File.Delete(runnerFile);
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>hello, then <paramref name="count"/> convert requests, exactly as the client writes them.</summary>
    private static string RequestLines(int count)
    {
        var sb = new StringBuilder("{\"id\":1,\"op\":\"hello\",\"protocols\":[1]}\n");
        for (int i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i + 2},\"op\":\"convert\",\"kind\":\"uint16\",\"bits\":\"0x{i % 300:x}\"}}\n");
        }
        return sb.ToString();
    }

    /// <summary>Whether the program runs and exits 0 (false also when the kernel cannot start it).</summary>
    private static bool Succeeds(string program, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // exec format error: the kernel cannot run it
        }
    }

    /// <summary>Seconds for the adapter to answer a file of requests, stdout discarded.</summary>
    private static double RunFromFile(string program, IReadOnlyList<string> args, string file) => RunFromFileTimed(program, args, file).Wall;

    /// <summary>Wall seconds, and the adapter's CPU seconds (from the shell's times builtin: children's user + system).</summary>
    private static (double Wall, double Cpu) RunFromFileTimed(string program, IReadOnlyList<string> args, string file)
    {
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("\"$0\" \"$@\" < \"$BENCH_REQUESTS\" > /dev/null || exit $?; times >&2");
        psi.ArgumentList.Add(program);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["BENCH_REQUESTS"] = file;
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} < requests exited {p.ExitCode}");
        }
        // times: "0m0.01s 0m0.00s" (shell) then "0m0.12s 0m0.03s" (children).
        var last = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        double cpu = last.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(ShellSeconds);
        return (wall, cpu);
    }

    private static double ShellSeconds(string text)
    {
        int m = text.IndexOf('m', StringComparison.Ordinal);
        return m > 0 && text.EndsWith('s')
            && double.TryParse(text[..m], NumberStyles.Float, CultureInfo.InvariantCulture, out double min)
            && double.TryParse(text[(m + 1)..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double sec)
            ? (min * 60) + sec
            : 0;
    }

    /// <summary>CPU seconds (user + system) a live process has used, from /proc/pid/stat; NaN when unreadable.</summary>
    private static double ProcessCpu(int? pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime), counted from "state" as field 3.
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}

/// <summary>A sink that keeps nothing (the bench counts the summary).</summary>
internal sealed class NoSink : Suite.IResultSink
{
    public static NoSink Instance { get; } = new();

    public void Begin(Suite.RunHeader header) { }

    public void Add(Suite.CaseResult result) { }

    public void Finish(Suite.RunSummary summary) { }
}
