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
public sealed record ProveOptions(string? Json = null, int TimeoutMs = 60_000, string? Requirement = null, string? ModelsDirectory = null);

/// <summary>
/// `prove`: every obligation on every architecture it is stated for; one line each (ID, architecture,
/// verdict, milliseconds) and a summary. Exit 0 only if all are proved, 1 otherwise, 2 on bad usage.
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
        ModelCatalog models;
        try
        {
            models = options.ModelsDirectory is { } dir ? ModelCatalog.LoadDirectory(dir) : ModelCatalog.LoadEmbedded();
        }
        catch (ModelFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
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
}
