using System.Diagnostics;
using System.Globalization;

namespace Conformance.Cli.Bench;

/// <summary>min / median / max of repeated measurements (never a mean: one preempted repetition must not move the figure).</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Median">The median (mean of the middle two for an even count).</param>
/// <param name="Max">The largest value.</param>
/// <param name="Count">How many repetitions.</param>
internal readonly record struct Spread(double Min, double Median, double Max, int Count)
{
    public static Spread Of(IReadOnlyCollection<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new Spread(sorted[0], median, sorted[^1], n);
    }

    /// <summary>"median (min .. max, n=5)" with <paramref name="format"/> applied to each number.</summary>
    public string Show(Func<double, string> format) => $"{format(Median)} (min {format(Min)}, max {format(Max)}, n={Count})";

    public string Show(string format = "N0") => Show(v => v.ToString(format, CultureInfo.InvariantCulture));
}

/// <summary>
/// The bench's own harness: warm-up, then repetitions; when two things are compared, their repetitions
/// are interleaved (A, B, A, B, ...) so that both see the same load on a shared machine, and the ratio
/// is taken per pair before the spread is computed.
/// </summary>
internal static class Sampling
{
    /// <summary>Runs <paramref name="measure"/> once to warm up (JIT tiering, caches), then <paramref name="repetitions"/> times.</summary>
    public static List<double> Repeat(int repetitions, Func<double> measure)
    {
        measure();
        var values = new List<double>(repetitions);
        for (int i = 0; i < repetitions; i++)
        {
            values.Add(measure());
        }
        return values;
    }

    /// <summary>
    /// Interleaves: warm-up of both, then <paramref name="repetitions"/> pairs (A then B, alternating
    /// which goes first so that neither always runs in the other's wake).
    /// </summary>
    public static (List<double> A, List<double> B) Interleave(int repetitions, Func<double> a, Func<double> b)
    {
        a();
        b();
        var ra = new List<double>(repetitions);
        var rb = new List<double>(repetitions);
        for (int i = 0; i < repetitions; i++)
        {
            if (i % 2 == 0)
            {
                ra.Add(a());
                rb.Add(b());
            }
            else
            {
                rb.Add(b());
                ra.Add(a());
            }
        }
        return (ra, rb);
    }

    /// <summary>
    /// Runs <paramref name="round"/> until the JIT is quiet: until rounds in a row lasting <paramref name="quietFor"/> or
    /// more compiled no method (no tier-0 compilation, no tier-1 promotion: the runtime promotes in the background
    /// after a quiet 100 ms, so a quiet span must outlast that), or until <paramref name="limit"/> has passed. A rate
    /// taken before that measures the JIT: one run of the suite's SV-002 cases over exec ran at 6,000 checks/s cold,
    /// 23,000-40,000/s for its first two dozen repetitions while methods kept being promoted, and 50,000-60,000/s once
    /// quiet. Returns how many rounds ran and whether the JIT was quiet at the end.
    /// </summary>
    public static (int Rounds, bool Quiet) WarmUp(Action round, TimeSpan quietFor, TimeSpan limit)
    {
        long start = Stopwatch.GetTimestamp();
        var quiet = TimeSpan.Zero;
        int rounds = 0;
        while (quiet < quietFor && Stopwatch.GetElapsedTime(start) < limit)
        {
            long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            long begin = Stopwatch.GetTimestamp();
            round();
            rounds++;
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() == compiled ? quiet + Stopwatch.GetElapsedTime(begin) : TimeSpan.Zero;
        }
        return (rounds, quiet >= quietFor);
    }

    /// <summary>Seconds taken by <paramref name="work"/>.</summary>
    public static double Seconds(Action work)
    {
        long start = Stopwatch.GetTimestamp();
        work();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>
    /// Wall seconds and CPU seconds (the whole process: user + system) taken by <paramref name="work"/>.
    /// On a loaded shared machine, wall time of a single-threaded task is mostly waiting for a core; CPU
    /// time is the work itself.
    /// </summary>
    public static (double Wall, double Cpu) Times(Action work)
    {
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        work();
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        self.Refresh();
        return (wall, (self.TotalProcessorTime - cpu0).TotalSeconds);
    }

    /// <summary>The ratios a[i] / b[i], pair by pair.</summary>
    public static List<double> Ratios(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a.Zip(b, (x, y) => x / y).ToList();
}
