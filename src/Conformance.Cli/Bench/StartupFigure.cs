using System.Diagnostics;
using System.Globalization;

namespace Conformance.Cli.Bench;

/// <summary>
/// Figure 6: wall time from starting `dotnet Conformance.Cli.dll run` (the README's main command, this
/// build) as a child process to its first result line, and to its exit. Target (issue 15): the whole
/// main job (proofs, the reference on four architectures, the zoo) in at most 30 s after the build, on
/// this 2-core machine idle; judged only when the figure runs the main job itself (`run`).
/// </summary>
internal static class StartupFigure
{
    public const string Target = "whole main job (`run`) <= 30 s after the build (Release, idle); first result line recorded";

    /// <summary>The main job's time target, seconds.</summary>
    public const double WholeRunTarget = 30;

    public static Figure Measure(Budget budget, string load)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Conformance.Cli.dll");
        if (!File.Exists(dll))
        {
            return Figure.NotMeasured(6, "startup", Target, $"{dll} not found", load);
        }
        // The whole run takes minutes (proofs, four architectures, the zoo): it is timed once, in the last
        // run; the earlier runs are stopped right after their first per-runtime summary.
        var timings = new List<Timing>();
        int runs = Math.Max(1, Math.Min(3, budget.Repetitions));
        for (int i = 0; i < runs; i++)
        {
            timings.Add(RunOnce(dll, budget.StartupArgs, stopAtSummary: i < runs - 1, WholeRunLimit));
        }
        var last = timings[^1];
        Spread Of(Func<Timing, double> pick) => Spread.Of(timings.Select(pick).Where(double.IsFinite).DefaultIfEmpty(double.NaN).ToList());
        string command = $"dotnet {Path.GetFileName(dll)} {string.Join(' ', budget.StartupArgs)}";
        var details = new List<string>
        {
            $"command: {command} (stdout redirected: plain lines, no live progress); exit status {last.Exit} of the complete run; {runs - 1} earlier run(s) stopped at their first per-runtime summary",
            $"first output line (the seed): {Of(t => t.FirstLine).Show(Ms)}",
            $"first obligation verdict (the first line after \"proofs:\"; none with --no-prove): {Of(t => t.FirstProof).Show(Ms)}",
            $"first per-runtime summary (\"<runtime> <arch>: N passed, ...\"; passing cases are not printed one by one): {Of(t => t.FirstSummary).Show(Sec)}",
        };
        var values = new Dictionary<string, double>
        {
            ["first_line_s_median"] = Of(t => t.FirstLine).Median,
            ["first_proof_s_median"] = Of(t => t.FirstProof).Median,
            ["first_summary_s_median"] = Of(t => t.FirstSummary).Median,
            ["whole_run_s"] = last.Whole,
        };
        var first = Of(t => double.IsFinite(t.FirstProof) ? t.FirstProof : t.FirstSummary);
        return new Figure(6, "startup", $"first result line after {first.Show(Ms)}; whole run {(double.IsNaN(last.Whole) ? $"did not finish within {WholeRunLimit.TotalMinutes:0} min (stopped)" : last.Whole.ToString("0.0", CultureInfo.InvariantCulture) + " s (n=1)")}",
            Target, MetTarget(budget.StartupArgs, last), load, details, values);
    }

    // Judged only for the main job itself (the smoke budget runs a sliver of it) and only a run that ended well.
    private static bool? MetTarget(IReadOnlyList<string> args, Timing last) =>
        args is ["run"] ? last.Exit == 0 && last.Whole <= WholeRunTarget : null;

    // A run that has not finished after this is stopped and reported as such (a zoo variant that spins
    // must not hang the bench).
    private static readonly TimeSpan WholeRunLimit = TimeSpan.FromMinutes(10);

    private static string Ms(double s) => (s * 1000).ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string Sec(double s) => s.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private sealed record Timing(double FirstLine, double FirstProof, double FirstSummary, double Whole, int Exit);

    private static Timing RunOnce(string dll, IReadOnlyList<string> args, bool stopAtSummary, TimeSpan limit)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        bool stopped = false;
        using var deadline = new Timer(_ =>
        {
            stopped = true;
            p.Kill(entireProcessTree: true); // the child this figure started, and nothing else
        }, null, limit, Timeout.InfiniteTimeSpan);
        double firstLine = double.NaN, firstProof = double.NaN, firstSummary = double.NaN;
        bool afterProofsHeader = false;
        while (p.StandardOutput.ReadLine() is { } line)
        {
            double now = clock.Elapsed.TotalSeconds;
            if (double.IsNaN(firstLine))
            {
                firstLine = now;
            }
            if (afterProofsHeader && double.IsNaN(firstProof))
            {
                firstProof = now;
            }
            afterProofsHeader = line == "proofs:";
            if (double.IsNaN(firstSummary) && line.Contains(" passed, ", StringComparison.Ordinal) && line.Contains(" failed, ", StringComparison.Ordinal))
            {
                firstSummary = now;
                if (stopAtSummary)
                {
                    p.Kill(entireProcessTree: true); // the child this figure started, and nothing else
                    p.WaitForExit();
                    return new Timing(firstLine, firstProof, firstSummary, double.NaN, 0);
                }
            }
        }
        p.WaitForExit();
        return stopped
            ? new Timing(firstLine, firstProof, firstSummary, double.NaN, -1)
            : new Timing(firstLine, firstProof, firstSummary, clock.Elapsed.TotalSeconds, p.ExitCode);
    }
}
