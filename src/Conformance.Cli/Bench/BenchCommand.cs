using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Conformance.Cli.Bench;
using Conformance.Oracle;

// In the verbs' namespace (with run, trace, report) so that Program registers it like the others;
// the figures it runs live in Conformance.Cli.Bench, next to it.
namespace Conformance.Cli.Commands;

/// <summary>
/// `bench`: the performance figures of docs/performance.md, each printed with its target, the machine
/// load it was taken under, and (with --json) written to a file a later run can be compared with.
/// Never fails because a figure missed its target or could not be measured: exit 0 unless the usage
/// is wrong; a figure that cannot be taken says "not measured: reason".
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<FileInfo?>("--json") { Description = "also write the figures, machine and versions as JSON to this file" };
        var quick = new Option<bool>("--quick") { Description = "smaller samples and fewer repetitions" };
        var smoke = new Option<bool>("--smoke") { Description = "a tiny budget that only shows every figure runs (numbers mean nothing; for the tests)", Hidden = true };
        var exhaustive = new Option<bool>("--exhaustive") { Description = "the long measurements: figure 1 also enumerates all 2^32 sizes once (about a minute), figure 5 adds 10^6 cases (many minutes)" };
        var models = new Option<DirectoryInfo?>("--models") { Description = "read the models from this directory instead of the ones built in" };
        var only = new Option<int[]>("--figure") { Description = "only these figures (1-6, repeatable)" };
        var cmd = new Command("bench", "Measure the suite's performance figures (docs/performance.md).") { json, quick, smoke, exhaustive, models, only };
        cmd.SetAction(parse =>
        {
            // Usage errors are answered here: System.CommandLine's default exception handler would turn
            // a UsageException thrown from an action into exit 1 before Program could make it 2.
            try
            {
                return Execute(parse);
            }
            catch (UsageException e)
            {
                stderr.WriteLine($"usage: {e.Message}");
                return Program.Usage;
            }
        });
        return cmd;

        int Execute(ParseResult parse)
        {
            var budget = parse.GetValue(smoke) ? Budget.Smoke : parse.GetValue(quick) ? Budget.Quick : Budget.Default;
            budget = budget with { Exhaustive = parse.GetValue(exhaustive) };
            var dir = parse.GetValue(models);
            if (dir is not null && !dir.Exists)
            {
                throw new UsageException($"--models {dir.FullName}: no such directory");
            }
            var figures = parse.GetValue(only) is { Length: > 0 } f ? f.ToHashSet() : [1, 2, 3, 4, 5, 6];
            foreach (int n in figures.Where(n => n is < 1 or > 6))
            {
                throw new UsageException($"--figure {n}: figures are numbered 1 to 6");
            }
            return Run(budget, dir, figures, parse.GetValue(json), stdout, stderr);
        }
    }

    private static int Run(Budget budget, DirectoryInfo? modelsDir, HashSet<int> which, FileInfo? json, TextWriter stdout, TextWriter stderr)
    {
        var sources = modelsDir is null ? ModelSource.Embedded() : ModelSource.FromDirectory(modelsDir.FullName);
        var env = BenchEnvironment.Discover();
        var machine = Machine.Describe(env.Z3Version, env.GoVersion);
        stdout.WriteLine($"bench ({budget.Name} budget) {machine.Date}: {machine.Cores} cores, {machine.Cpu}, {machine.Memory}; {machine.Dotnet}; Z3 {machine.Z3}; {machine.Go}; load {machine.LoadAtStart}");
        if (!Machine.IsRelease)
        {
            stdout.WriteLine("warning: this is a Debug build; run with -c Release for figures worth recording");
        }
        var figures = new List<Figure>();
        void Take(int number, string title, string target, Func<string, Figure> measure)
        {
            if (!which.Contains(number))
            {
                return;
            }
            Figure figure;
            try
            {
                figure = Load.Around(measure);
            }
#pragma warning disable CA1031 // A figure that crashes is reported as not measured; the other figures still run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                stderr.WriteLine($"figure {number} failed: {e}");
                figure = Figure.NotMeasured(number, title, target, $"{e.GetType().Name}: {e.Message}", Load.Now());
            }
            Print(figure, stdout);
            figures.Add(figure);
        }

        Take(1, "proof vs enumeration", ProofFigure.Target, load => ProofFigure.Measure(sources, budget, load));
        Take(2, "oracle speed", OracleFigure.Target, load => OracleFigure.Measure(sources, budget, load));
        Take(3, "exec throughput", ExecFigure.Target, load => ExecFigure.Measure(env, budget, load));
        Take(4, "memory", MemoryFigure.Target, MemoryFigure.Measure);
        Take(5, "scaling", ScalingFigure.Target, load => ScalingFigure.Measure(sources, budget, load));
        Take(6, "startup", StartupFigure.Target, load => StartupFigure.Measure(budget, load));
        // The same figures as one Markdown table: the shape docs/performance.md records them in.
        stdout.WriteLine();
        stdout.WriteLine("| # | figure | result | target | verdict | load (1/5/15 min) before -> after |");
        stdout.WriteLine("|---|---|---|---|---|---|");
        foreach (var f in figures)
        {
            stdout.WriteLine($"| {f.Number} | {f.Title} | {f.Result.Replace("|", "/", StringComparison.Ordinal)} | {f.Target} | {f.Verdict} | {f.Load} |");
        }
        if (json is not null)
        {
            Write(json, machine, budget, figures);
            stdout.WriteLine($"wrote {json.FullName}");
        }
        return Program.Ok;
    }

    private static void Print(Figure f, TextWriter stdout)
    {
        stdout.WriteLine($"{f.Number}. {f.Title}: {f.Result}");
        stdout.WriteLine($"   target: {f.Target}: {f.Verdict}   (load {f.Load})");
        foreach (var d in f.Details)
        {
            stdout.WriteLine($"   {d}");
        }
        stdout.Flush();
    }

    private static void Write(FileInfo file, Machine machine, Budget budget, IReadOnlyList<Figure> figures)
    {
        var doc = new
        {
            machine,
            budget = budget.Name,
            figures = figures.Select(f => new
            {
                number = f.Number,
                title = f.Title,
                result = f.Result,
                target = f.Target,
                verdict = f.Verdict,
                load = f.Load,
                details = f.Details,
                values = f.Values.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value) ? kv.Value : -1),
            }),
        };
        File.WriteAllText(file.FullName, JsonSerializer.Serialize(doc, Indented));
    }
}
