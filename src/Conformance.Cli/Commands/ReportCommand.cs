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
            var incomplete = new List<string>();
            // Runs of one suite repeat each other's texts (case ids, inputs, expectations, most observations): each kept once.
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            string Once(string text) => texts.TryGetValue(text, out var kept) ? kept : texts[text] = text;
            foreach (var f in inputs)
            {
                try
                {
                    var file = JsonLinesSink.Load(f.FullName);
                    all.AddRange(file.Results.Select(r => r with
                    {
                        Runtime = Once(r.Runtime), RuntimeVersion = Once(r.RuntimeVersion), Arch = Once(r.Arch), CaseId = Once(r.CaseId), Requirement = Once(r.Requirement),
                        Description = Once(r.Description), Input = Once(r.Input), Expected = Once(r.Expected), Observed = Once(r.Observed), Reason = Once(r.Reason),
                    }));
                    if (file.Incomplete is { } why)
                    {
                        // Merged all the same (no result is lost), and said: the page must not pass for a whole run.
                        incomplete.Add(f.Name);
                        stderr.WriteLine($"error: {f.FullName} is incomplete: {why}; its {file.Results.Count} complete results are merged");
                    }
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
                File.WriteAllText(h.FullName, HtmlReport.Render(all, catalog, $"Conformance results ({inputs.Length} {(inputs.Length == 1 ? "file" : "files")} merged" +
                    (incomplete.Count == 0 ? ")" : $"; INCOMPLETE, cut off: {string.Join(", ", incomplete)})")));
                // On stderr: stdout is the merged matrix, which docs/results/matrix.txt keeps.
                stderr.WriteLine($"wrote {h} ({new FileInfo(h.FullName).Length / 1024.0:0} KiB)");
            }
            if (parse.GetValue(junit) is { } j)
            {
                JUnitReport.Write(j.FullName, all);
            }
            var runs = all.Select(r => $"{r.Runtime} {r.RuntimeVersion} {r.Arch}").Distinct().Count();
            stdout.WriteLine($"merged {all.Count} results of {runs} runtime/architecture runs from {inputs.Length} files" +
                (incomplete.Count == 0 ? "" : $" ({incomplete.Count} incomplete: {string.Join(", ", incomplete)})"));
            Matrix.Print(stdout, all, catalog);
            // The verdicts were judged by each run's own exit code; a merge fails only on what it could not read whole.
            return incomplete.Count == 0 ? Program.Ok : Program.Usage;
        });
        var report = new Command("report", "Work with results files.") { merge };
        return report;
    }
}
