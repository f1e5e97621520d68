using Conformance.Cli.Wiring;
using Conformance.Requirements;
using Conformance.Trace;

namespace Cli.Tests;

/// <summary>
/// The zoo and the seam tests against the catalogue of known bugs (<see cref="KnownBugs"/>): each names an entry that
/// exists, under the same requirement, and each entry marked as realised in a list is realised there. The seam tests
/// (tests/Reference.Tests) must not reference the suite, so their [KnownBug] names are read from the compiled
/// assemblies, as trace reads [Requirement]. The seeded model bugs are checked in Conformance.Tests (KnownBugsTests).
/// </summary>
public sealed class KnownBugCatalogueTests
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
