using System.Globalization;

namespace Conformance.Cli.Bench;

/// <summary>One figure of the bench: what was measured, against which target, and how loaded the machine was.</summary>
/// <param name="Number">1..6, as docs/performance.md numbers them.</param>
/// <param name="Title">Short name.</param>
/// <param name="Result">The headline, e.g. "1,234,567 observations/s (min ..., max ..., n=5)".</param>
/// <param name="Target">The target, in words.</param>
/// <param name="Met">True met, false missed, null not measured (then <paramref name="Result"/> says why).</param>
/// <param name="Load">/proc/loadavg before and after the figure.</param>
/// <param name="Details">Further lines (breakdowns, extrapolations, caveats).</param>
/// <param name="Values">The raw numbers, for the JSON file and later comparison.</param>
internal sealed record Figure(int Number, string Title, string Result, string Target, bool? Met, string Load,
    IReadOnlyList<string> Details, IReadOnlyDictionary<string, double> Values)
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "MISSED",
        null => Result.StartsWith("not measured", StringComparison.Ordinal) ? "not measured" : "recorded",
    };

    public static Figure NotMeasured(int number, string title, string target, string reason, string load) =>
        new(number, title, $"not measured: {reason}", target, null, load, [], new Dictionary<string, double>());
}

/// <summary>The machine and tool versions the figures were taken on.</summary>
internal sealed record Machine(string Date, int Cores, string Cpu, string Memory, string Dotnet, string Z3, string Go, string LoadAtStart)
{
    public static Machine Describe(string z3, string go) => new(
        DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        Environment.ProcessorCount,
        CpuModel(),
        MemTotal(),
        $".NET {Environment.Version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}), {(IsRelease ? "Release" : "Debug")} build, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC",
        z3,
        go,
        Load.Now());

    /// <summary>Whether this assembly was compiled with optimisations (Release); timings of a Debug build mean little.</summary>
    public static bool IsRelease { get; } = !(typeof(Machine).Assembly
        .GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
        .OfType<System.Diagnostics.DebuggableAttribute>()
        .FirstOrDefault()?.IsJITOptimizerDisabled ?? false);

    private static string CpuModel() => ReadField("/proc/cpuinfo", "model name") ?? "unknown";

    private static string MemTotal()
    {
        string? kb = ReadField("/proc/meminfo", "MemTotal");
        return kb is not null && long.TryParse(kb.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out long k)
            ? string.Create(CultureInfo.InvariantCulture, $"{k / 1024.0 / 1024.0:0.0} GiB")
            : "unknown";
    }

    private static string? ReadField(string file, string name)
    {
        try
        {
            return File.ReadLines(file)
                .Where(l => l.StartsWith(name, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>The machine's load, from /proc/loadavg (1, 5 and 15-minute averages of runnable tasks).</summary>
internal static class Load
{
    public static string Now()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>Runs <paramref name="measure"/> and stamps the figure with the load before and after it.</summary>
    public static Figure Around(Func<string, Figure> measure)
    {
        string before = Now();
        var figure = measure(before);
        return figure with { Load = $"{before} -> {Now()}" };
    }
}
