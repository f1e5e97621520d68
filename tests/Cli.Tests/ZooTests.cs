using Conformance.Cli.Wiring;
using Conformance.Requirements;
using Conformance.Suite;

namespace Cli.Tests;

public class ZooTests
{
    [Fact]
    public void Zoo_HasAVariantForEveryRequirement()
    {
        var catalog = RequirementCatalog.LoadEmbedded();
        var covered = Zoo.Variants.Select(v => v.Requirement).ToHashSet();
        var missing = catalog.Active.Select(r => r.Id).Where(id => !covered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "no broken runtime for " + string.Join(", ", missing));
        Assert.True(Zoo.Variants.Count >= 15);
    }

    [Fact]
    public void Zoo_EveryBrokenRuntime_IsCaughtWithTheRightRequirement()
    {
        using var log = new StringWriter();
        var judge = new Judge(OracleWiring.Create(), RequirementCatalog.LoadEmbedded());
        var score = Zoo.Score(judge, Inputs.Create(11), new RunOptions(11), log);
        Assert.True(score.Caught == score.Total, $"caught {score.Caught} of {score.Total}; missed {string.Join(", ", score.Missed)}\n{log}");
    }
}
