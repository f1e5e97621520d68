// INTERIM (replaced when the models branch lands): boundary vectors, proofs, prove verb.
using System.CommandLine;
using Conformance.Suite;

namespace Conformance.Cli.Wiring;

internal static class Inputs
{
    public static CaseInputs Create(ulong seed) => new([], seed);

    public static CaseInputs ForTrace() => new([], 1);
}

internal static class Proofs
{
    public static int Run(TextWriter stdout)
    {
        stdout.WriteLine("  (interim)");
        return 0;
    }
}

internal static class ProveVerb
{
    public static Command Build(TextWriter stdout, TextWriter stderr) => new("prove", "interim");
}
