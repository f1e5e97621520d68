using System.Globalization;
using System.Text.Json;
using Conformance.Requirements;
using Conformance.Smt;

namespace Conformance.Models;

/// <summary>Options of `prove`.</summary>
/// <param name="Json">Write the results as JSON here.</param>
/// <param name="TimeoutMs">Per-obligation solver timeout.</param>
/// <param name="Requirement">Only obligations of this requirement ID.</param>
/// <param name="ModelsDirectory">Read models/*.smt2 from here instead of the embedded copy.</param>
/// <param name="Emit">Instead of proving, print the standalone script of this model file (a path, or a name in the models).</param>
/// <param name="Arch">The architecture of <paramref name="Emit"/>: 32le, 32be, 64le or 64be.</param>
public sealed record ProveOptions(string? Json = null, int TimeoutMs = 60_000, string? Requirement = null, string? ModelsDirectory = null, string? Emit = null, string? Arch = null);

/// <summary>
/// `prove`: every obligation on every architecture it is stated for; one line each (ID, architecture,
/// verdict, milliseconds) and a summary. Exit 0 only if all are proved, 1 otherwise, 2 on bad usage.
/// With <see cref="ProveOptions.Emit"/>, prints one model file's script for one architecture instead
/// (<see cref="ModelCatalog.Emit"/>), for any solver: `prove --emit models/zero-growth.smt2 --arch 64be | z3 -in`.
/// </summary>
public static class ProveCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs; returns the exit code.</summary>
    public static int Run(ProveOptions options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (options.TimeoutMs <= 0)
        {
            stderr.WriteLine($"usage: --timeout-ms {options.TimeoutMs}: must be a positive number of milliseconds");
            return 2;
        }
        var catalog = RequirementCatalog.LoadEmbedded();
        if (options.Requirement is { } id && catalog.Find(id) is not { Withdrawn: false })
        {
            stderr.WriteLine($"usage: --requirement {id}: {id} is not an active requirement ID in spec/");
            return 2;
        }
        if (options.Arch is not null && options.Emit is null)
        {
            stderr.WriteLine("usage: --arch: only with --emit (prove checks every architecture)");
            return 2;
        }
        // --emit models/x.smt2 reads the models beside that file when it exists (a working copy), else the built-in ones.
        string? directory = options.ModelsDirectory
            ?? (options.Emit is { } path && File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path)) : null);
        ModelCatalog models;
        try
        {
            models = directory is { } dir ? ModelCatalog.LoadDirectory(dir) : ModelCatalog.LoadEmbedded();
        }
        catch (ModelFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
        if (options.Emit is { } emit)
        {
            return Emit(models, emit, options.Arch, options.Requirement, stdout, stderr);
        }
        var obligations = models.Obligations.Where(o => options.Requirement is null || o.Requirements.Contains(options.Requirement)).ToList();
        if (obligations.Count == 0)
        {
            stderr.WriteLine($"error: no obligation proves {options.Requirement}");
            return 1;
        }
        var results = new List<ProofResult>();
        using (var solver = new Z3NativeSolver())
        {
            var prover = new Prover(solver, options.TimeoutMs);
            foreach (var o in obligations)
            {
                var r = prover.Prove(o);
                results.Add(r);
                string ids = string.Join(' ', o.Requirements);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ids,-8} {o.Arch,-5} {r.Verdict.ToString().ToLowerInvariant(),-14} {r.Milliseconds,8:0} ms  {o.Name}"));
                if (r.Verdict != ProofVerdict.Proved)
                {
                    stdout.WriteLine("  " + r.Describe());
                }
            }
        }
        int proved = results.Count(r => r.Verdict == ProofVerdict.Proved);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prove: {proved} of {results.Count} obligations proved ({results.Count(r => r.Verdict == ProofVerdict.Counterexample)} counterexamples, {results.Count(r => r.Verdict == ProofVerdict.Unknown)} unknown, {results.Count(r => r.Verdict == ProofVerdict.Error)} errors) in {results.Sum(r => r.Milliseconds) / 1000:0.0} s"));
        if (options.Json is { } json)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(results.Select(r => new
            {
                obligation = r.Obligation.Name,
                requirements = r.Obligation.Requirements,
                arch = r.Obligation.Arch,
                verdict = r.Verdict.ToString().ToLowerInvariant(),
                milliseconds = Math.Round(r.Milliseconds, 1),
                statement = r.Obligation.Statement,
                source = r.Obligation.Source,
                counterexample = r.Values.ToDictionary(v => v.Name, v => "0x" + v.Value.ToString("x", CultureInfo.InvariantCulture)),
                detail = r.Detail,
            }), Indented));
        }
        return proved == results.Count ? 0 : 1;
    }

    private static int Emit(ModelCatalog models, string emit, string? arch, string? requirement, TextWriter stdout, TextWriter stderr)
    {
        if (arch is null || !ModelCatalog.Architectures.Contains(arch))
        {
            stderr.WriteLine($"usage: --arch {arch ?? "(missing)"}: --emit needs one architecture: {string.Join(", ", ModelCatalog.Architectures)}");
            return 2;
        }
        string name = Path.GetFileName(emit);
        name = name.EndsWith(".smt2", StringComparison.Ordinal) ? name : name + ".smt2";
        if (!models.Files.Contains(name))
        {
            stderr.WriteLine($"usage: --emit {emit}: no model file {name}; the model files are {string.Join(", ", models.Files)}");
            return 2;
        }
        if (requirement is not null && !models.Obligations.Any(o => o.Source.StartsWith(name + ":", StringComparison.Ordinal) && o.Arch == arch && o.Requirements.Contains(requirement)))
        {
            stderr.WriteLine($"error: no obligation of {name} on {arch} proves {requirement}");
            return 1;
        }
        stdout.Write(models.Emit(name, arch, requirement));
        return 0;
    }
}
