using System.Text.RegularExpressions;
using Conformance.Requirements;

namespace Conformance.Tests.Exec;

/// <summary>
/// The Go adapter's claims (adapters/go/claims.go) are the spec's profiles of gc and gccgo (spec/features.md),
/// feature for feature: the spec is the one home of what a runtime claims, the adapter's lists are checked against it.
/// </summary>
public class GoClaimsTests
{
    [Theory]
    [InlineData("claimsGc", "gc")]
    [InlineData("claimsGccgo", "gccgo")]
    public void GoAdapterClaims_AreTheSpecProfile(string variable, string profile)
    {
        string source = File.ReadAllText(Path.Combine(RepoPaths.GoAdapterDir, "claims.go"));
        var list = Regex.Match(source, variable + @"\s*=\s*\[\]string\{([^}]*)\}");
        Assert.True(list.Success, $"claims.go has no {variable} = []string{{...}}");
        var claimed = Regex.Matches(list.Groups[1].Value, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct(StringComparer.Ordinal).Count());
        var spec = RequirementCatalog.LoadEmbedded();
        Assert.Equal(spec.Profile(profile).Features.Order(StringComparer.Ordinal), claimed.Order(StringComparer.Ordinal));
        Assert.Null(spec.ClaimProblem(claimed));
    }
}
