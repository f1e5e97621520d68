using Conformance.Requirements;

namespace Conformance.Tests.Requirements;

public class RequirementCatalogTests
{
    private const string Features = "## Features\n| feature | x |\n|---|---|\n| `core` | y |\n| `zero.shared-static` | z |\n";

    private static string Requirement(string id, string feature = "core", string status = "active", string archs = "all") =>
        $"### {id}: Title of {id}\n- **Statement**: The runtime MUST do {id}.\n- **Rationale**: Because. (seed: x)\n" +
        $"- **Architectures**: {archs}\n- **Feature**: {feature}\n- **Status**: {status}\n\n";

    private static RequirementCatalog Parse(string text) =>
        RequirementCatalog.Parse([("spec/features.md", Features), ("spec/test.md", text)]);

    [Fact]
    public void EmbeddedSpec_Defines30ActiveRequirementsWithFeatures()
    {
        var catalog = RequirementCatalog.LoadEmbedded();
        Assert.Equal(30, catalog.Active.Count());
        Assert.Equal(["ZV-010", "ZV-013"], catalog.All.Where(r => r.Withdrawn).Select(r => r.Id));
        Assert.Contains("zero.on-demand", catalog.Features);
        Assert.All(catalog.All, r => Assert.All(r.Features, f => Assert.Contains(f, catalog.Features)));
        Assert.Equal(["zero.on-demand"], catalog.Get("ZV-005").Features);
        Assert.Equal(["zero.on-demand", "threads"], catalog.Get("ZV-011").Features);
        Assert.Equal(["32le", "32be", "64le", "64be"], catalog.Get("AR-003").Architectures);
    }

    [Fact]
    public void WithdrawnRequirement_StaysListedButIsNotActive()
    {
        var catalog = Parse(Requirement("ZV-001") + Requirement("ZV-002", status: "withdrawn (merged into ZV-001)"));
        Assert.Equal(2, catalog.All.Count);
        Assert.True(catalog.Get("ZV-002").Withdrawn);
        Assert.Single(catalog.Active);
    }

    [Fact]
    public void ArchitectureList_IsParsed()
    {
        var catalog = Parse(Requirement("AR-001", archs: "32le 32be"));
        Assert.Equal(["32le", "32be"], catalog.Get("AR-001").Architectures);
    }

    [Theory]
    [InlineData("### ZV-001 Missing colon\n", "spec/test.md:1: malformed requirement heading")]
    [InlineData("### ZV-001: No fields\n\n", "spec/test.md:1: ZV-001 has no 'Statement' field")]
    public void MalformedRequirement_NamesFileAndLine(string text, string message)
    {
        var e = Assert.Throws<SpecFormatException>(() => Parse(text));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateId_NamesBothPlaces()
    {
        var e = Assert.Throws<SpecFormatException>(() => Parse(Requirement("SV-001") + Requirement("SV-001")));
        Assert.Equal("requirement SV-001 is defined twice: spec/test.md:1, spec/test.md:8", e.Message);
    }

    [Fact]
    public void UnknownFeature_IsRejected()
    {
        var e = Assert.Throws<SpecFormatException>(() => Parse(Requirement("SV-001", feature: "small.imaginary")));
        Assert.Equal("spec/test.md:1: SV-001 names feature 'small.imaginary', which spec/features.md does not define", e.Message);
    }

    [Fact]
    public void UnknownArchitectureOrStatus_IsRejected()
    {
        Assert.Contains("unknown architecture 'pdp11'", Assert.Throws<SpecFormatException>(() => Parse(Requirement("SV-001", archs: "32le pdp11"))).Message, StringComparison.Ordinal);
        Assert.Contains("has status 'draft'", Assert.Throws<SpecFormatException>(() => Parse(Requirement("SV-001", status: "draft"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRequirement_IsRejected() =>
        Assert.Equal("spec/ defines no requirement", Assert.Throws<SpecFormatException>(() => Parse("# nothing\n")).Message);
}
