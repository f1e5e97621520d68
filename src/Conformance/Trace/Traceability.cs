using System.Text.RegularExpressions;
using Conformance.Adapters;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Trace;

/// <summary>Where one requirement is proved, implemented, checked and tested.</summary>
/// <param name="Id">The requirement ID.</param>
/// <param name="Obligations">Model obligations naming it ("file:line obligation/arch").</param>
/// <param name="ReferenceSites">Reference source lines citing it ("file:line").</param>
/// <param name="Cases">Number of conformance cases checking it (over the four architectures).</param>
/// <param name="CaseExamples">A few case IDs.</param>
/// <param name="Tests">Test methods carrying [Trait("Requirement", id)] ("Class.Method").</param>
public sealed record TraceRow(string Id, IReadOnlyList<string> Obligations, IReadOnlyList<string> ReferenceSites, int Cases, IReadOnlyList<string> CaseExamples, IReadOnlyList<string> Tests)
{
    /// <summary>What is missing for this ID, empty when it is fully linked.</summary>
    public IEnumerable<string> Gaps()
    {
        if (Obligations.Count == 0)
        {
            yield return "no model obligation";
        }
        if (ReferenceSites.Count == 0)
        {
            yield return "no reference code citing it";
        }
        if (Cases == 0)
        {
            yield return "no conformance case";
        }
        if (Tests.Count == 0)
        {
            yield return "no test";
        }
    }
}

/// <summary>The traceability matrix and its orphans.</summary>
/// <param name="Rows">One row per active requirement.</param>
/// <param name="Orphans">Every problem: IDs with a gap, and IDs cited somewhere that spec/ does not define or has withdrawn.</param>
public sealed record TraceReport(IReadOnlyList<TraceRow> Rows, IReadOnlyList<string> Orphans)
{
    /// <summary>True when nothing is orphaned either way.</summary>
    public bool Clean => Orphans.Count == 0;
}

/// <summary>
/// The ID spine checked end to end: every requirement in spec/ has a model obligation, reference code
/// that cites it, a conformance case and a test; every ID cited anywhere (models, src, tests, adapters)
/// exists in spec/ and is not withdrawn.
/// </summary>
public static partial class Traceability
{
    [GeneratedRegex(@"\(set-info\s+:requirement\s+""([^""]*)""\)", RegexOptions.CultureInvariant)]
    private static partial Regex ObligationRequirement();

    [GeneratedRegex(@"\(set-info\s+:obligation\s+""([^""]*)""\)", RegexOptions.CultureInvariant)]
    private static partial Regex ObligationName();

    [GeneratedRegex(@"\[Trait\(\s*""Requirement""\s*,\s*""([A-Z]{2}-\d{3})""\s*\)\]", RegexOptions.CultureInvariant)]
    private static partial Regex TestTrait();

    [GeneratedRegex(@"(?:public|internal)\s+(?:async\s+)?(?:void|Task)\s+(\w+)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"(?:class|record)\s+(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClassName();

    /// <summary>Builds the matrix for the working tree at <paramref name="root"/> (the folder holding Conformance.sln).</summary>
    public static TraceReport Check(string root, CaseInputs inputs)
    {
        var catalog = RequirementCatalog.LoadDirectory(Path.Combine(root, "spec"));
        var obligations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var referenceSites = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var tests = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var cited = new List<(string Id, string Where)>();

        foreach (var file in Files(root, "models", "*.smt2"))
        {
            var lines = File.ReadAllLines(file);
            string? name = null;
            for (int i = 0; i < lines.Length; i++)
            {
                name = ObligationName().Match(lines[i]) is { Success: true } n ? n.Groups[1].Value : name;
                if (ObligationRequirement().Match(lines[i]) is { Success: true } m)
                {
                    foreach (var id in m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        Add(obligations, id, $"{Rel(root, file)}:{i + 1} {name}");
                    }
                }
                if (lines[i].Contains("(push", StringComparison.Ordinal))
                {
                    name = null;
                }
                Cite(cited, root, file, i, lines[i]);
            }
        }
        foreach (var file in Files(root, Path.Combine("src", "Reference"), "*.cs"))
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match m in RequirementCatalog.IdPattern().Matches(lines[i]))
                {
                    Add(referenceSites, m.Value, $"{Rel(root, file)}:{i + 1}");
                }
            }
        }
        foreach (var file in Files(root, "tests", "*.cs"))
        {
            var lines = File.ReadAllLines(file);
            string cls = "";
            var pending = new List<string>();
            for (int i = 0; i < lines.Length; i++)
            {
                if (ClassName().Match(lines[i]) is { Success: true } c && !lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    cls = c.Groups[1].Value;
                }
                foreach (Match t in TestTrait().Matches(lines[i]))
                {
                    pending.Add(t.Groups[1].Value);
                    // In tests a citation is a Trait: IDs elsewhere in test code are data (a bad ID fed to a parser).
                    cited.Add((t.Groups[1].Value, $"{Rel(root, file)}:{i + 1}"));
                }
                if (pending.Count > 0 && TestMethod().Match(lines[i]) is { Success: true } method)
                {
                    foreach (var id in pending)
                    {
                        Add(tests, id, $"{cls}.{method.Groups[1].Value}");
                    }
                    pending.Clear();
                }
            }
        }
        foreach (var dir in new[] { "src", "adapters" })
        {
            foreach (var ext in new[] { "*.cs", "*.go", "*.sh" })
            {
                foreach (var file in Files(root, dir, ext))
                {
                    var lines = File.ReadAllLines(file);
                    for (int i = 0; i < lines.Length; i++)
                    {
                        Cite(cited, root, file, i, lines[i]);
                    }
                }
            }
        }

        var cases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var arch in Arch.All)
        {
            foreach (var c in SuiteRunner.Cases(arch, inputs, new RunOptions(inputs.Seed)))
            {
                Add(cases, c.Requirement, $"{arch.Name}:{c.Id}");
            }
        }

        var rows = catalog.Active.Select(r => new TraceRow(
            r.Id,
            obligations.GetValueOrDefault(r.Id) ?? [],
            referenceSites.GetValueOrDefault(r.Id) ?? [],
            cases.GetValueOrDefault(r.Id)?.Count ?? 0,
            cases.GetValueOrDefault(r.Id)?.Take(3).ToList() ?? [],
            tests.GetValueOrDefault(r.Id)?.Distinct(StringComparer.Ordinal).ToList() ?? [])).ToList();

        var orphans = new List<string>();
        foreach (var row in rows)
        {
            var gaps = row.Gaps().ToList();
            if (gaps.Count > 0)
            {
                orphans.Add($"{row.Id}: {string.Join(", ", gaps)}");
            }
        }
        foreach (var (id, where) in cited.DistinctBy(c => c.Id + c.Where))
        {
            var req = catalog.Find(id);
            if (req is null)
            {
                orphans.Add($"{id} cited at {where} is not defined in spec/");
            }
            else if (req.Withdrawn)
            {
                orphans.Add($"{id} cited at {where} is withdrawn");
            }
        }
        foreach (var id in cases.Keys.Where(id => catalog.Find(id) is null))
        {
            orphans.Add($"{id} has conformance cases but is not defined in spec/");
        }
        return new TraceReport(rows, orphans);
    }

    private static void Cite(List<(string, string)> cited, string root, string file, int line, string text)
    {
        foreach (Match m in RequirementCatalog.IdPattern().Matches(text))
        {
            cited.Add((m.Value, $"{Rel(root, file)}:{line + 1}"));
        }
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }

    private static IEnumerable<string> Files(string root, string dir, string pattern)
    {
        var full = Path.Combine(root, dir);
        if (!Directory.Exists(full))
        {
            return [];
        }
        return Directory.EnumerateFiles(full, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    private static string Rel(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
