using System.Diagnostics;
using System.Globalization;

namespace Conformance.Cli.Bench;

/// <summary>
/// Figure 6: wall time from starting `dotnet Conformance.Cli.dll run` (the README's main command, this
/// build) as a child process to its first result line, and to its exit.
/// </summary>
internal static class StartupFigure
{
    public const string Target = "recorded (no target): first result line and whole run";

    public static Figure Measure(Budget budget, string load)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Conformance.Cli.dll");
        if (!File.Exists(dll))
        {
            return Figure.NotMeasured(6, "startup", Target, $"{dll} not found", load);
        }
        var firstLine = new List<double>();
        var firstResult = new List<double>();
        var whole = new List<double>();
        int exit = 0;
        // The whole run takes minutes (proofs, four architectures, the zoo): it is timed once; the start-up
        // up to the first result line is timed in every run, the earlier ones stopped right after it.
        int runs = Math.Max(1, Math.Min(3, budget.Repetitions));
        for (int i = 0; i < runs; i++)
        {
            bool complete = i == runs - 1;
            var (line, result, total, code) = RunOnce(dll, budget.StartupArgs, stopAtFirstResult: !complete);
            firstLine.Add(line);
            firstResult.Add(result);
            if (complete)
            {
                whole.Add(total);
                exit = code;
            }
        }
        string command = $"dotnet {Path.GetFileName(dll)} {string.Join(' ', budget.StartupArgs)}";
        var details = new List<string>
        {
            $"command: {command} (stdout redirected: plain lines, no live progress); exit status {exit} (of the complete run; the earlier runs were stopped at their first result line)",
            $"first output line (the seed): {Spread.Of(firstLine).Show(Ms)}",
            "a result line is the first per-runtime summary (\"<runtime> <arch>: N passed, ...\"): passing cases are not printed one by one",
        };
        var values = new Dictionary<string, double>
        {
            ["first_line_s_median"] = Spread.Of(firstLine).Median,
            ["first_result_s_median"] = Spread.Of(firstResult).Median,
            ["whole_run_s_median"] = Spread.Of(whole).Median,
        };
        return new Figure(6, "startup", $"first result line after {Spread.Of(firstResult).Show(Ms)}; whole run {Spread.Of(whole).Show(Sec)}",
            Target, null, load, details, values);
    }

    private static string Ms(double s) => (s * 1000).ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string Sec(double s) => s.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static (double FirstLine, double FirstResult, double Whole, int Exit) RunOnce(string dll, IReadOnlyList<string> args, bool stopAtFirstResult)
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
        double firstLine = double.NaN, firstResult = double.NaN;
        while (p.StandardOutput.ReadLine() is { } line)
        {
            if (double.IsNaN(firstLine))
            {
                firstLine = clock.Elapsed.TotalSeconds;
            }
            if (double.IsNaN(firstResult) && line.Contains(" passed, ", StringComparison.Ordinal) && line.Contains(" failed, ", StringComparison.Ordinal))
            {
                firstResult = clock.Elapsed.TotalSeconds;
                if (stopAtFirstResult)
                {
                    p.Kill(entireProcessTree: true); // the child this figure started, and nothing else
                    p.WaitForExit();
                    return (firstLine, firstResult, double.NaN, 0);
                }
            }
        }
        p.WaitForExit();
        double whole = clock.Elapsed.TotalSeconds;
        return (firstLine, double.IsNaN(firstResult) ? whole : firstResult, whole, p.ExitCode);
    }
}
