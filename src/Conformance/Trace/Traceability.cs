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
/// <param name="Tests">Test methods carrying [Requirement(id)] in the compiled test assemblies ("Class.Method").</param>
/// <param name="Broken">Deliberately broken things that break it: zoo variants, seeded model bugs, seam tests and patched Go runtimes (<see cref="KnownBugs"/>).</param>
public sealed record TraceRow(string Id, IReadOnlyList<string> Obligations, IReadOnlyList<string> ReferenceSites, int Cases, IReadOnlyList<string> CaseExamples,
    IReadOnlyList<string> Tests, IReadOnlyList<string> Broken)
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
        if (Broken.Count == 0)
        {
            yield return "no broken variant (zoo, seeded model bug, seam test or Go patch)";
        }
    }
}

/// <summary>
/// The links trace reads from compiled code, never from comments: the reference's <c>[Implements]</c> members, the
/// tests' <c>[Requirement]</c> methods, and the broken things (zoo variants, seeded model bugs, seam tests, Go patches)
/// with their typed requirement. A requirement ID in a comment is documentation, not a link.
/// </summary>
/// <param name="ReferenceLinks">(ID, "Type.Member") from the reference assembly.</param>
/// <param name="TestLinks">(ID, "Class.Method") from the compiled test assemblies.</param>
/// <param name="Broken">(ID, "zoo:name", "model bug:name", "seam test:name" or "go patch:name").</param>
public sealed record TraceLinks(IReadOnlyList<(string Id, string Site)> ReferenceLinks, IReadOnlyList<(string Id, string Site)> TestLinks, IReadOnlyList<(string Id, string Site)> Broken)
{
    /// <summary>The full name of the tests' attribute (tests/TestSupport).</summary>
    public const string TestAttribute = "Conformance.Testing.RequirementAttribute";

    /// <summary>The full name of the attribute by which a test names a known bug (tests/TestSupport; <see cref="KnownBugs"/>).</summary>
    public const string KnownBugAttribute = "Conformance.Testing.KnownBugAttribute";

    /// <summary>
    /// The [Requirement] links (or those of <paramref name="attribute"/>, another attribute whose constructor takes
    /// strings: (argument, "Class.Method")) of every compiled test assembly under <paramref name="root"/>/tests (the newest
    /// build of each project); none when nothing is built.
    /// </summary>
    public static IReadOnlyList<(string Id, string Site)> TestsIn(string root, string attribute = TestAttribute)
    {
        var tests = Path.Combine(root, "tests");
        if (!Directory.Exists(tests))
        {
            return [];
        }
        var links = new List<(string, string)>();
        foreach (var project in Directory.EnumerateDirectories(tests).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(project);
            var bin = Path.Combine(project, "bin");
            if (!name.EndsWith(".Tests", StringComparison.Ordinal) || !Directory.Exists(bin))
            {
                continue;
            }
            var newest = Directory.EnumerateFiles(bin, name + ".dll", SearchOption.AllDirectories).MaxBy(File.GetLastWriteTimeUtc);
            if (newest is not null)
            {
                links.AddRange(DeclaredLinks.Read(newest, attribute));
            }
        }
        return links;
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

    /// <summary>
    /// Builds the matrix for the working tree at <paramref name="root"/> (the folder holding Conformance.sln): the
    /// obligations declared in its models, the cases of the suite, and the links <paramref name="links"/> read from
    /// compiled code; every ID cited anywhere in its source must be defined and active.
    /// </summary>
    public static TraceReport Check(string root, CaseInputs inputs, TraceLinks links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var catalog = RequirementCatalog.LoadDirectory(Path.Combine(root, "spec"));
        var obligations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var referenceSites = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var tests = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var broken = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var cited = new List<(string Id, string Where)>();
        foreach (var (id, site) in links.ReferenceLinks)
        {
            Add(referenceSites, id, site);
            cited.Add((id, $"[Implements] on {site}"));
        }
        foreach (var (id, site) in links.TestLinks)
        {
            Add(tests, id, site);
            cited.Add((id, $"[Requirement] on {site}"));
        }
        foreach (var (id, site) in links.Broken)
        {
            Add(broken, id, site);
            cited.Add((id, site));
        }

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
            tests.GetValueOrDefault(r.Id)?.Distinct(StringComparer.Ordinal).ToList() ?? [],
            broken.GetValueOrDefault(r.Id) ?? [])).ToList();

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
