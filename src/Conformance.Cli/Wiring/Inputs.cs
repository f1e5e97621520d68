using Conformance.Models;
using Conformance.Smt;
using Conformance.Suite;

namespace Conformance.Cli.Wiring;

/// <summary>Case inputs: the models' solver-generated boundary vectors (computed once per process) and the run's seed.</summary>
internal static class Inputs
{
    private static readonly Lazy<IReadOnlyList<NamedValue>> Boundaries = new(() =>
    {
        using var solver = new Z3NativeSolver();
        return BoundaryVectors.Generate(ModelCatalog.LoadEmbedded(), solver);
    });

    public static CaseInputs Create(ulong seed) => new(Boundaries.Value, seed);

    /// <summary>For traceability, where only which cases exist matters: the same boundaries, a fixed seed.</summary>
    public static CaseInputs ForTrace() => Create(1);
}

/// <summary>The proofs a reference run starts with.</summary>
internal static class Proofs
{
    public static int Run(TextWriter stdout) => ProveCommand.Run(new ProveOptions(), stdout, stdout);
}
