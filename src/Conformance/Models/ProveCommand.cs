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
/// <param name="Jobs">Solver threads, each with its own Z3 context (0: one per processor, at most 4).</param>
public sealed record ProveOptions(string? Json = null, int TimeoutMs = 60_000, string? Requirement = null, string? ModelsDirectory = null, string? Emit = null, string? Arch = null, int Jobs = 0);

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
        if (options.Jobs is < 0 or > 64)
        {
            stderr.WriteLine($"usage: --jobs {options.Jobs}: expected 1..64 solver threads (0: one per processor, at most 4)");
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
        var results = ProveAll(obligations, options.TimeoutMs, options.Jobs, (o, r) =>
        {
            string ids = string.Join(' ', o.Requirements);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ids,-8} {o.Arch,-5} {r.Verdict.ToString().ToLowerInvariant(),-14} {r.Milliseconds,8:0} ms  {o.Name}"));
            if (r.Verdict != ProofVerdict.Proved)
            {
                stdout.WriteLine("  " + r.Describe());
            }
        });
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

    /// <summary>
    /// Proves <paramref name="obligations"/> on <paramref name="jobs"/> threads (0: <see cref="OrderedWork.DefaultJobs"/>),
    /// each with its own solver, and hands each result to <paramref name="report"/> in the obligations' order as
    /// soon as it and every result before it are known. An obligation whose script is identical to an earlier
    /// one's (byte order is irrelevant to some claims) is solved once and reported with 0 ms.
    /// </summary>
    internal static IReadOnlyList<ProofResult> ProveAll(IReadOnlyList<Obligation> obligations, int timeoutMs, int jobs, Action<Obligation, ProofResult> report)
    {
        // The distinct scripts in order of first use. Every obligation between one first use and the next
        // repeats a script first used before it, so it can be reported as soon as that first use is.
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var work = new List<int>();
        for (int i = 0; i < obligations.Count; i++)
        {
            if (first.TryAdd(obligations[i].Script, i))
            {
                work.Add(i);
            }
        }
        var results = new ProofResult[obligations.Count];
        OrderedWork.Run(work.Count, jobs, () => new Z3NativeSolver(), (solver, k) => new Prover(solver, timeoutMs).Prove(obligations[work[k]]), (k, proved) =>
        {
            int end = k + 1 < work.Count ? work[k + 1] : obligations.Count;
            for (int i = work[k]; i < end; i++)
            {
                var o = obligations[i];
                results[i] = i == work[k] ? proved : results[first[o.Script]] with { Obligation = o, Milliseconds = 0 };
                report(o, results[i]);
            }
        });
        return results;
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
