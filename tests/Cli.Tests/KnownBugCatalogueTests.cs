using System.Text.RegularExpressions;
using Conformance.Cli.Wiring;
using Conformance.Requirements;
using Conformance.Trace;

namespace Cli.Tests;

/// <summary>
/// The zoo, the seam tests and the real-Go zoo against the catalogue of known bugs (<see cref="KnownBugs"/>): each names
/// an entry that exists, under the same requirement, and each entry marked as realised in a list is realised there. The
/// seam tests (tests/Reference.Tests) must not reference the suite, so their [KnownBug] names are read from the compiled
/// assemblies, as trace reads [Requirement]; the real-Go zoo's patches are read from adapters/go/zoo/bugs.txt. The
/// seeded model bugs are checked in Conformance.Tests (KnownBugsTests).
/// </summary>
public sealed partial class KnownBugCatalogueTests
{

    [Fact]
    public void ZooVariants_RealiseExactlyTheEntriesMarkedZoo_OnceEach()
    {
        var zoo = Zoo.Variants.Select(v => v.Bug).ToList();
        var twice = zoo.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "more than one zoo variant for " + string.Join(", ", twice));
        Assert.All(zoo, b => Assert.True(b.RealisedIn.HasFlag(BugRealisations.Zoo) && KnownBugs.Named(b.Name) == b,
            $"{b} is a zoo variant, but the catalogue does not mark it {nameof(BugRealisations.Zoo)}"));
        var missing = KnownBugs.All.Where(b => b.RealisedIn.HasFlag(BugRealisations.Zoo)).Except(zoo).ToList();
        Assert.True(missing.Count == 0, "marked Zoo in the catalogue but no zoo variant: " + string.Join(", ", missing));
    }

    [Fact]
    public void SeamTests_NameEntriesMarkedSeam_UnderTheirOwnRequirement()
    {
        string root = CliHarness.RepoRoot();
        var named = TraceLinks.TestsIn(root, TraceLinks.KnownBugAttribute);
        Assert.Contains(named, n => n.Site.StartsWith("Reference.Tests.SeamTests.", StringComparison.Ordinal));
        var problems = Problems(named, TraceLinks.TestsIn(root));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void SeamCheck_PlantedMistakes_AreEachReported()
    {
        var problems = Problems(
            [("no-such-bug", "T.A"), ("grow-by-4096", "T.B"), ("threshold-1023", "T.C")],
            [("ZV-005", "T.A"), ("ZV-004", "T.B"), ("ZV-004", "T.C")]);
        Assert.Contains("[KnownBug(\"no-such-bug\")] on T.A: no such entry in the catalogue", problems);
        Assert.Contains("[KnownBug(\"grow-by-4096\")] on T.B: the test's [Requirement] lacks ZV-005, the requirement the bug breaks", problems);
        Assert.Contains("[KnownBug(\"threshold-1023\")] on T.C: the catalogue does not mark threshold-1023 (ZV-004) as realised by a seam test", problems);
        Assert.Contains(problems, p => p.StartsWith("marked Seam in the catalogue but named by no test: ", StringComparison.Ordinal) && p.Contains("no-big-endian-bump", StringComparison.Ordinal));
    }

    [Fact]
    public void GoPatches_NameEntriesMarkedGoPatch_OneLineEach()
    {
        var lines = File.ReadAllLines(Path.Combine(CliHarness.RepoRoot(), "adapters", "go", "zoo", "bugs.txt"));
        Assert.Contains(lines, l => l.StartsWith("lookup-writes-zero |", StringComparison.Ordinal));
        var problems = GoPatchProblems(lines);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void GoPatchCheck_PlantedMistakes_AreEachReported()
    {
        var problems = GoPatchProblems(
        [
            "# a comment, and a blank line",
            "",
            "no-such-bug | a.go:1 | s/a/b/ | m | both | w",
            "grow-by-4096 | a.go:2 | s/a/b/ | m | both | w",
            "table-slot5 | a.go:3 | s/a/b/ | m | both | w",
            "table-slot5 | a.go:4 | s/a/b/ | m | both | w",
            "onebyte-wrong-slot | a.go:5 | s/a/b/ | m | both",
            "convt16-be-offset | a.go:6 | s/a/b/ | m | big-endian | convT16's big-endian offset is 4 instead of 6",
        ]);
        Assert.Contains("bugs.txt line 3: no-such-bug is no entry in the catalogue", problems);
        Assert.Contains("bugs.txt line 4: the catalogue does not mark grow-by-4096 (ZV-005) as realised by a Go patch", problems);
        Assert.Contains("bugs.txt lines 5, 6: table-slot5 (SV-001) is patched more than once", problems);
        Assert.Contains("bugs.txt line 7: 5 fields, not 6 (name | file:line | sed | mechanism | shows on | how the edit breaks it)", problems);
        Assert.Contains(problems, p => p.StartsWith("marked GoPatch in the catalogue but patched on no line of bugs.txt: ", StringComparison.Ordinal)
            && p.Contains("lookup-writes-zero", StringComparison.Ordinal) && !p.Contains("table-slot5", StringComparison.Ordinal));
        Assert.Contains("bugs.txt line 8: the last field copies the catalogue's description of convt16-be-offset (AR-003); leave it empty", problems);
        Assert.Equal(6, problems.Count);
    }

    /// <summary>
    /// make.sh keeps no copy of the catalogue: it names no requirement ID (each bug's comes from `trace --bugs`), and the
    /// bugs its --ci run checks are entries marked GoPatch.
    /// </summary>
    [Fact]
    public void GoZooScript_TakesRequirementsFromTheCatalogue()
    {
        var script = File.ReadAllText(Path.Combine(CliHarness.RepoRoot(), "adapters", "go", "zoo", "make.sh"));
        Assert.Matches(@"catalogue=""\$\(cli trace --bugs\)""", script);
        var ids = Regex.Matches(script, @"\b(AR|SV|ZV)-\d{3}\b").Select(m => m.Value).ToList();
        Assert.True(ids.Count == 0, "make.sh names requirement IDs: " + string.Join(", ", ids));
        var ci = Regex.Match(script, @"^\s+BUGS=""([^""]+)""", RegexOptions.Multiline);
        Assert.True(ci.Success, "make.sh --ci names no BUGS");
        Assert.All(ci.Groups[1].Value.Split(' '), name => Assert.True(KnownBugs.Named(name) is { } b && b.RealisedIn.HasFlag(BugRealisations.GoPatch), $"make.sh --ci checks {name}, no GoPatch entry"));
    }

    /// <summary>`trace --bugs` prints the whole catalogue, one tab-separated line per entry, in its order; it needs no clone.</summary>
    [Fact]
    public void TraceBugs_PrintsTheCatalogue()
    {
        var (exit, stdout, stderr) = CliHarness.Invoke("trace", "--bugs");
        Assert.True(exit == 0, stderr);
        var expected = KnownBugs.All.Select(b => $"{b.Name}\t{b.Requirement}\t{b.RealisedIn.ToString().Replace(" ", "", StringComparison.Ordinal)}\t{b.Description}");
        Assert.Equal(expected, stdout.TrimEnd('\n').Split('\n'));
        Assert.Contains("lookup-writes-zero\tZV-009\tZoo,Seam,Model,GoPatch\ta missing-key lookup writes a byte of the zero", stdout.Split('\n'));
        var (bad, _, err) = CliHarness.Invoke("trace", "--bugs", "--json", CliHarness.TempFile(".json"));
        Assert.Equal(2, bad);
        Assert.Contains("--bugs prints the catalogue alone", err, StringComparison.Ordinal);
    }

    /// <summary>
    /// What is wrong with the lines of adapters/go/zoo/bugs.txt (<paramref name="lines"/>, comments and blank lines
    /// included) against the catalogue: each line's first field must be an entry marked GoPatch, on one line only.
    /// </summary>
    private static List<string> GoPatchProblems(string[] lines)
    {
        var problems = new List<string>();
        var patched = new List<(string Name, int Line)>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() is "" || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }
            var fields = lines[i].Split('|');
            string name = fields[0].Trim();
            patched.Add((name, i + 1));
            if (fields.Length != 6)
            {
                problems.Add($"bugs.txt line {i + 1}: {fields.Length} fields, not 6 (name | file:line | sed | mechanism | shows on | how the edit breaks it)");
            }
            if (KnownBugs.Named(name) is not { } bug)
            {
                problems.Add($"bugs.txt line {i + 1}: {name} is no entry in the catalogue");
            }
            else if (!bug.RealisedIn.HasFlag(BugRealisations.GoPatch))
            {
                problems.Add($"bugs.txt line {i + 1}: the catalogue does not mark {bug} as realised by a Go patch");
            }
            else if (fields.Length == 6 && fields[5].Trim() == bug.Description)
            {
                problems.Add($"bugs.txt line {i + 1}: the last field copies the catalogue's description of {bug}; leave it empty");
            }
        }
        foreach (var twice in patched.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"bugs.txt lines {string.Join(", ", twice.Select(p => p.Line))}: {KnownBugs.Named(twice.Key)?.ToString() ?? twice.Key} is patched more than once");
        }
        var unpatched = KnownBugs.All.Where(b => b.RealisedIn.HasFlag(BugRealisations.GoPatch) && !patched.Any(p => p.Name == b.Name)).ToList();
        if (unpatched.Count > 0)
        {
            problems.Add("marked GoPatch in the catalogue but patched on no line of bugs.txt: " + string.Join(", ", unpatched));
        }
        return problems;
    }

    /// <summary>
    /// What is wrong with the tests' [KnownBug] names (<paramref name="named"/>: (name, site)) against the catalogue,
    /// with the tests' [Requirement] links (<paramref name="requirements"/>: (ID, site)).
    /// </summary>
    private static List<string> Problems(IReadOnlyList<(string Id, string Site)> named, IReadOnlyList<(string Id, string Site)> requirements)
    {
        var problems = new List<string>();
        foreach (var (name, site) in named)
        {
            if (KnownBugs.Named(name) is not { } bug)
            {
                problems.Add($"[KnownBug(\"{name}\")] on {site}: no such entry in the catalogue");
                continue;
            }
            if (!requirements.Contains((bug.Requirement.Value, site)))
            {
                problems.Add($"[KnownBug(\"{name}\")] on {site}: the test's [Requirement] lacks {bug.Requirement}, the requirement the bug breaks");
            }
            if (!bug.RealisedIn.HasFlag(BugRealisations.Seam))
            {
                problems.Add($"[KnownBug(\"{name}\")] on {site}: the catalogue does not mark {bug} as realised by a seam test");
            }
        }
        var unnamed = KnownBugs.All.Where(b => b.RealisedIn.HasFlag(BugRealisations.Seam) && !named.Any(n => n.Id == b.Name)).ToList();
        if (unnamed.Count > 0)
        {
            problems.Add("marked Seam in the catalogue but named by no test: " + string.Join(", ", unnamed));
        }
        return problems;
    }
}
