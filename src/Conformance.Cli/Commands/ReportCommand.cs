using System.CommandLine;
using Conformance.Reports;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Cli.Commands;

/// <summary>`report merge A.jsonl B.jsonl.gz ... --html out.html [--junit out.xml]`: one report from many runs (shards, runtimes, architectures).</summary>
internal static class ReportCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("results") { Description = "JSON-lines results files written by run --json (plain, or gzipped with a .gz name)", Arity = ArgumentArity.OneOrMore };
        var html = new Option<FileInfo?>("--html") { Description = "write the merged HTML matrix here" };
        var junit = new Option<FileInfo?>("--junit") { Description = "write merged JUnit XML here" };
        var merge = new Command("merge", "Merge results files (shards, runtimes) into one matrix.") { files, html, junit };
        merge.SetAction(parse =>
        {
            var inputs = parse.GetValue(files) ?? [];
            if (parse.GetValue(html) is null && parse.GetValue(junit) is null)
            {
                throw new UsageException("report merge: give --html FILE and/or --junit FILE");
            }
            var all = new List<CaseResult>();
            foreach (var f in inputs)
            {
                try
                {
                    all.AddRange(JsonLinesSink.Read(f.FullName, out _));
                }
                catch (ReportFormatException e)
                {
                    stderr.WriteLine($"error: {e.Message}");
                    return Program.Usage;
                }
            }
            var catalog = RequirementCatalog.LoadEmbedded();
            if (parse.GetValue(html) is { } h)
            {
                File.WriteAllText(h.FullName, HtmlReport.Render(all, catalog, $"Conformance results ({inputs.Length} {(inputs.Length == 1 ? "file" : "files")} merged)"));
                // On stderr: stdout is the merged matrix, which docs/results/matrix.txt keeps.
                stderr.WriteLine($"wrote {h} ({new FileInfo(h.FullName).Length / 1024.0:0} KiB)");
            }
            if (parse.GetValue(junit) is { } j)
            {
                JUnitReport.Write(j.FullName, all);
            }
            var runs = all.Select(r => $"{r.Runtime} {r.RuntimeVersion} {r.Arch}").Distinct().Count();
            stdout.WriteLine($"merged {all.Count} results of {runs} runtime/architecture runs from {inputs.Length} files");
            Matrix.Print(stdout, all, catalog);
            return Program.Ok;
        });
        var report = new Command("report", "Work with results files.") { merge };
        return report;
    }
}
