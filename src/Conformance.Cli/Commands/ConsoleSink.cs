using System.Globalization;
using Conformance.Requirements;
using Conformance.Suite;
using Spectre.Console;

namespace Conformance.Cli.Commands;

/// <summary>
/// Console output of a run: live progress (Spectre.Console) on a terminal, quiet plain lines when
/// redirected. Every failure prints requirement, architecture, input, expected, observed and reason.
/// </summary>
internal sealed class ConsoleSink(TextWriter stdout) : IResultSink
{
    private readonly bool live = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    private ProgressTask? task;
    private ProgressContext? progress;
    private int done;

    /// <summary>Runs <paramref name="work"/> inside a live progress display when on a terminal.</summary>
    public void Around(Action work)
    {
        if (!live)
        {
            work();
            return;
        }
        AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                progress = ctx;
                work();
            });
    }

    public void Begin(RunHeader header)
    {
        done = 0;
        string title = $"{header.Runtime} {header.RuntimeVersion} {header.Arch}: {header.Cases} cases";
        if (progress is not null)
        {
            task = progress.AddTask(Markup.Escape(title), maxValue: Math.Max(header.Cases, 1));
        }
        else
        {
            stdout.WriteLine($"run {title} (features: {string.Join(" ", header.Features)})");
        }
    }

    public void Add(CaseResult result)
    {
        done++;
        task?.Increment(1);
        if (result.Verdict is Verdict.Fail or Verdict.Error or Verdict.Unknown)
        {
            string text = Describe(result);
            if (progress is not null)
            {
                AnsiConsole.MarkupLine("[red]" + Markup.Escape(text) + "[/]");
            }
            else
            {
                stdout.WriteLine(text);
            }
        }
    }

    public void Finish(RunSummary summary)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{summary.Runtime} {summary.Arch}: {summary.Passed} passed, {summary.Failed} failed, {summary.Errors} errors, {summary.NotApplicable} not applicable, {summary.Unknown} unknown in {summary.ElapsedMs / 1000:0.0} s");
        if (progress is not null)
        {
            task?.Description(Markup.Escape(line));
        }
        else
        {
            stdout.WriteLine(line);
        }
    }

    /// <summary>The failure block every report shares.</summary>
    public static string Describe(CaseResult r) =>
        $"{r.Verdict.ToString().ToUpperInvariant()} {r.Requirement} on {r.Runtime} {r.Arch}: {r.CaseId}\n" +
        $"  input:    {r.Input}\n  expected: {r.Expected}\n  observed: {r.Observed}\n  reason:   {r.Reason}";
}

/// <summary>The per-requirement matrix: requirement x (runtime, architecture).</summary>
internal static class Matrix
{
    public static void Print(TextWriter stdout, IReadOnlyList<CaseResult> results, RequirementCatalog catalog)
    {
        var columns = results.Select(r => (r.Runtime, r.Arch)).Distinct().ToList();
        if (columns.Count == 0)
        {
            return;
        }
        var cells = results.ToLookup(r => (r.Requirement, r.Runtime, r.Arch));
        stdout.WriteLine();
        stdout.Write($"{"requirement",-12}");
        foreach (var c in columns)
        {
            stdout.Write($"{(columns.Select(x => x.Runtime).Distinct().Count() > 1 ? c.Runtime + " " : "") + c.Arch,16}");
        }
        stdout.WriteLine();
        foreach (var req in catalog.Active)
        {
            stdout.Write($"{req.Id,-12}");
            foreach (var c in columns)
            {
                var list = cells[(req.Id, c.Runtime, c.Arch)].ToList();
                int fail = list.Count(r => r.Verdict == Verdict.Fail), err = list.Count(r => r.Verdict is Verdict.Error or Verdict.Unknown);
                int pass = list.Count(r => r.Verdict == Verdict.Pass);
                string cell = list.Count == 0 ? "-" : fail > 0 ? $"FAIL {fail}/{list.Count}" : err > 0 ? $"ERROR {err}/{list.Count}"
                    : pass == 0 ? "n/a" : $"pass {pass}";
                stdout.Write($"{cell,16}");
            }
            stdout.WriteLine();
        }
    }
}
