using Conformance.Oracle;
using Conformance.Suite;

namespace Conformance.Cli.Wiring;

/// <summary>The oracle the runner judges with: the predicates of the embedded models, compiled.</summary>
internal static class OracleWiring
{
    private static readonly Lazy<ModelOracle> Embedded = new(ModelOracle.LoadEmbedded);

    public static IPredicateOracle Create() => Embedded.Value;
}
