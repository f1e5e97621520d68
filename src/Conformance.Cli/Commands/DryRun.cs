using System.Globalization;
using Conformance.Suite;

namespace Conformance.Cli.Commands;

/// <summary>
/// `run --dry-run`: what a run would do, checked as far as it can be without starting anything, so that a CI
/// workflow (.github/workflows/go-matrix.yml, checked by .ci/workflow-check) cannot name a run that would
/// fail on its arguments. The options have already been parsed and validated exactly as for a real run.
/// </summary>
internal static class DryRun
{
    public static int Check(IReadOnlyList<string> specs, IReadOnlyList<string> targets, RunOptions options, IReadOnlyList<FileInfo?> reports,
        bool prove, bool zoo, TextWriter stdout)
    {
        foreach (var spec in specs.Where(s => s.StartsWith("exec:", StringComparison.Ordinal)))
        {
            // The documented form: exec:<program> [args...], split on whitespace, no shell.
            string program = spec["exec:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            if (Resolve(program) is null)
            {
                throw new UsageException($"--adapter {spec}: the program '{program}' does not exist or is not executable{(program.Contains('/', StringComparison.Ordinal) ? $" (relative to {Directory.GetCurrentDirectory()})" : " (searched in PATH)")}");
            }
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dry run: would run {string.Join(", ", targets)}; shard {options.ShardIndex}/{options.ShardCount}, seed {options.Seed}; proofs {(prove ? "first" : "skipped")}, zoo {(zoo ? "after" : "skipped")}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dry run: the race case: at most {options.RaceTrials} trial(s), a {options.RaceBudgetSeconds}-second budget"));
        if (options.Requirements is { } r)
        {
            stdout.WriteLine($"dry run: requirements {string.Join(' ', r.Order(StringComparer.Ordinal))}");
        }
        if (options.Features is { } f)
        {
            stdout.WriteLine($"dry run: features {string.Join(' ', f.Order(StringComparer.Ordinal))}");
        }
        foreach (var report in reports.OfType<FileInfo>())
        {
            stdout.WriteLine($"dry run: would write {report}");
        }
        stdout.WriteLine("dry run: nothing started");
        return Program.Ok;
    }

    /// <summary>The program's full path when it exists and is executable (a path, or a name found in PATH); else null.</summary>
    internal static string? Resolve(string program)
    {
        static bool Executable(string path) =>
            File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
        if (program.Contains('/', StringComparison.Ordinal) || Path.IsPathRooted(program))
        {
            string full = Path.GetFullPath(program);
            return Executable(full) ? full : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (Executable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
