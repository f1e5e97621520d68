using Conformance.Cli.Wiring;
using System.CommandLine;
using System.Text.Json;
using Conformance.Suite;
using Conformance.Trace;

namespace Conformance.Cli.Commands;

/// <summary>
/// `trace [--json FILE] [--root DIR]`: the ID matrix; exit 1 when anything is orphaned either way.
/// `trace --bugs`: the catalogue of known bugs, one tab-separated line each (name, requirement, where realised,
/// description), for scripts that need an entry's requirement or description (adapters/go/zoo/make.sh); needs no clone.
/// </summary>
internal static class TraceCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<FileInfo?>("--json") { Description = "also write the matrix as JSON to FILE" };
        var root = new Option<DirectoryInfo?>("--root") { Description = "the working tree (default: the folder holding Conformance.sln, searched upward)" };
        var bugs = new Option<bool>("--bugs") { Description = "print the catalogue of known bugs instead, one line each: name, requirement, where realised, description (tab-separated)" };
        var cmd = new Command("trace", "Print requirement ID -> model obligations, reference code, cases, tests, broken variants (links read from compiled code, not comments); fail on orphans.") { json, root, bugs };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(bugs))
            {
                if (parse.GetValue(json) is not null || parse.GetValue(root) is not null)
                {
                    throw new UsageException("--bugs prints the catalogue alone: it takes neither --json nor --root");
                }
                foreach (var bug in Requirements.KnownBugs.All)
                {
                    stdout.WriteLine($"{bug.Name}\t{bug.Requirement}\t{bug.RealisedIn.ToString().Replace(" ", "", StringComparison.Ordinal)}\t{bug.Description}");
                }
                return Program.Ok;
            }
            var dir = parse.GetValue(root)?.FullName ?? Repo.FindRoot();
            var report = Traceability.Check(dir, Inputs.ForTrace(), TraceWiring.Links(dir));
            stdout.WriteLine($"{"requirement",-12}{"obligations",12}{"reference",10}{"cases",8}{"tests",7}{"broken",8}");
            foreach (var row in report.Rows)
            {
                stdout.WriteLine($"{row.Id,-12}{row.Obligations.Count,12}{row.ReferenceSites.Count,10}{row.Cases,8}{row.Tests.Count,7}{row.Broken.Count,8}");
            }
            if (parse.GetValue(json) is { } file)
            {
                File.WriteAllText(file.FullName, JsonSerializer.Serialize(report, Indented));
            }
            if (report.Clean)
            {
                stdout.WriteLine($"traceability: {report.Rows.Count} requirements, every one linked both ways");
                return Program.Ok;
            }
            stderr.WriteLine($"traceability: {report.Orphans.Count} orphan(s):");
            foreach (var o in report.Orphans)
            {
                stderr.WriteLine($"  {o}");
            }
            return Program.Failed;
        });
        return cmd;
    }
}

/// <summary>Finds the working tree.</summary>
internal static class Repo
{
    public static string FindRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Conformance.sln")))
            {
                return d.FullName;
            }
        }
        throw new UsageException($"trace checks a clone of the suite (spec/, models/, src/Reference, tests/), which an installed tool does not carry: no Conformance.sln in {Directory.GetCurrentDirectory()} or above it; run it inside a clone or pass --root DIR");
    }
}
