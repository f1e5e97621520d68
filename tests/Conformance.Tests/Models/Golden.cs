using System.Globalization;
using Conformance.Models;
using Conformance.Tests.Smt;

namespace Conformance.Tests.Models;

/// <summary>
/// The golden lists in golden/: every obligation and architecture the prover checks, and every seeded
/// model bug's shrunk counterexample, recorded before the models were rewritten (see the files' headers).
/// </summary>
internal static class Golden
{
    /// <summary>golden/obligations.txt: file, obligation, arch, requirements, status, verdict, constants.</summary>
    public static IReadOnlyList<string> Obligations { get; } = Read("obligations.txt");

    /// <summary>golden/seeded-bugs.txt: requirement, bug, obligation, arch, counterexample.</summary>
    public static IReadOnlyList<string> SeededBugs { get; } = Read("seeded-bugs.txt");

    /// <summary>The golden line of an obligation with the verdict the prover gave.</summary>
    public static string Line(Obligation o, ProofVerdict verdict) =>
        string.Join('\t', File(o), o.Name, o.Arch, string.Join(' ', o.Requirements), "unsat", verdict.ToString().ToLowerInvariant(), string.Join(' ', o.Constants));

    /// <summary>The golden line of a seeded bug's counterexample.</summary>
    public static string Line(string requirement, string bug, ProofResult found) =>
        string.Join('\t', requirement, bug, found.Obligation.Name, found.Obligation.Arch,
            string.Join(' ', found.Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name}=0x{v.Value:x}"))));

    /// <summary>The model file of an obligation (its Source is file:line).</summary>
    public static string File(Obligation o) => o.Source[..o.Source.LastIndexOf(':')];

    /// <summary>A line without its verdict column: what the catalog alone determines.</summary>
    public static string WithoutVerdict(string line)
    {
        var columns = line.Split('\t').ToList();
        columns.RemoveAt(5);
        return string.Join('\t', columns);
    }

    /// <summary>Asserts that two sets of lines are equal, listing what is missing and what is extra.</summary>
    public static void AssertSameLines(IEnumerable<string> golden, IEnumerable<string> actual, string what)
    {
        var g = golden.ToHashSet(StringComparer.Ordinal);
        var a = actual.ToList();
        Assert.True(a.Count == a.Distinct(StringComparer.Ordinal).Count(), $"{what}: duplicate lines");
        var missing = g.Except(a, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var extra = a.Except(g, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{what} differ from the golden list.\nIn the golden list only:\n{string.Join('\n', missing)}\nFrom the models only (paste into golden/ if the change is intended):\n{string.Join('\n', extra)}");
    }

    private static List<string> Read(string name) =>
        System.IO.File.ReadAllLines(SourceTree.Beside(Path.Combine("golden", name)))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
}
