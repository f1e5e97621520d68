using System.Text.RegularExpressions;
using Conformance.Requirements;
using Conformance.Tests.Models;

namespace Conformance.Tests.Requirements;

/// <summary>
/// The catalogue of known bugs (<see cref="KnownBugs"/>) on its own, and checked against the seeded model bugs, the one
/// list of broken things this project sees (the zoo, the seam tests and the real-Go zoo's patches are checked in Cli.Tests,
/// KnownBugCatalogueTests).
/// </summary>
public sealed partial class KnownBugsTests
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();

    [Fact]
    public void Names_AreUniqueAndKebabCase()
    {
        Assert.All(KnownBugs.All, b => Assert.True(KebabCase().IsMatch(b.Name), $"{b}: the name is not kebab-case"));
        var twice = KnownBugs.All.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "names used twice: " + string.Join(", ", twice));
    }

    [Fact]
    public void Descriptions_AreOneLineAndNoTwoAlike()
    {
        Assert.All(KnownBugs.All, b => Assert.True(b.Description.Length is > 0 and < 120 && !b.Description.Contains('\n', StringComparison.Ordinal), $"{b}: '{b.Description}'"));
        var twice = KnownBugs.All.GroupBy(b => b.Description, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => string.Join(", ", g)).ToList();
        Assert.True(twice.Count == 0, "one description for several entries: " + string.Join("; ", twice));
    }

    [Fact]
    public void EveryEntry_BreaksAnActiveRequirementOfSpec()
    {
        var spec = RequirementCatalog.LoadEmbedded();
        Assert.All(KnownBugs.All, b => Assert.True(spec.Find(b.Requirement.Value) is { Withdrawn: false }, $"{b}: not an active requirement of spec/"));
    }

    [Fact]
    public void EveryEntry_IsRealisedInAtLeastOneList()
    {
        const BugRealisations Lists = BugRealisations.Zoo | BugRealisations.Seam | BugRealisations.Model | BugRealisations.GoPatch;
        Assert.All(KnownBugs.All, b => Assert.True(b.RealisedIn != BugRealisations.None && (b.RealisedIn & ~Lists) == 0, $"{b}: realised in '{b.RealisedIn}'"));
    }

    [Fact]
    public void All_HoldsEveryEntryProperty_InRequirementOrder()
    {
        var properties = typeof(KnownBugs).GetProperties().Where(p => p.PropertyType == typeof(KnownBug)).ToList();
        Assert.Equal(properties.Count, KnownBugs.All.Count);
        Assert.True(KnownBugs.All.Count >= 50, $"{KnownBugs.All.Count} entries");
        Assert.Equal(KnownBugs.All.Select(b => b.Requirement.Value).Order(StringComparer.Ordinal), KnownBugs.All.Select(b => b.Requirement.Value));
    }

    [Fact]
    public void Named_FindsAnEntryByItsName_AndNothingElse()
    {
        Assert.Same(KnownBugs.GrowBy4096, KnownBugs.Named("grow-by-4096"));
        Assert.Null(KnownBugs.Named("grow by 4096 instead of doubling"));
        Assert.Equal("no-big-endian-bump (AR-003)", KnownBugs.NoBigEndianBump.ToString());
    }

    [Fact]
    public void SeededModelBugs_RealiseExactlyTheEntriesMarkedModel()
    {
        var seeded = SeededModelBugs.All.Select(s => s.Bug).Distinct().ToList();
        Assert.All(seeded, b => Assert.True(b.RealisedIn.HasFlag(BugRealisations.Model) && KnownBugs.Named(b.Name) == b,
            $"{b} is seeded in the models, but the catalogue does not mark it {nameof(BugRealisations.Model)}"));
        var missing = KnownBugs.All.Where(b => b.RealisedIn.HasFlag(BugRealisations.Model)).Except(seeded).ToList();
        Assert.True(missing.Count == 0, "marked Model in the catalogue but seeded in no model: " + string.Join(", ", missing));
    }
}
