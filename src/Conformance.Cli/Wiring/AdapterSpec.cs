using Conformance.Adapters;
using Conformance.Adapters.Exec;
using Reference;

namespace Conformance.Cli.Wiring;

/// <summary>A runtime the runner can start (and restart, for shrinking).</summary>
/// <param name="Name">How the runner names it.</param>
/// <param name="Start">Starts a fresh instance.</param>
/// <param name="Restartable">Whether a fresh instance starts from a clean state (used to shrink sequences).</param>
internal sealed record AdapterTarget(string Name, Func<IRuntimeAdapter> Start, bool Restartable);

/// <summary>Parses --adapter: reference | reference:&lt;arch&gt; | exec:&lt;program&gt; [args...].</summary>
internal static class AdapterSpec
{
    public static bool IsReference(string spec) => spec == "reference" || spec.StartsWith("reference:", StringComparison.Ordinal);

    public static IEnumerable<AdapterTarget> Resolve(string spec, IReadOnlyList<Arch> archs)
    {
        if (spec == "reference")
        {
            return archs.Select(a => Reference(a));
        }
        if (spec.StartsWith("reference:", StringComparison.Ordinal))
        {
            string name = spec["reference:".Length..];
            if (!Arch.TryParse(name, out var arch))
            {
                throw new UsageException($"--adapter {spec}: '{name}' is not an architecture (32le, 32be, 64le, 64be)");
            }
            return [Reference(arch)];
        }
        if (spec.StartsWith("exec:", StringComparison.Ordinal))
        {
            ExecAdapterOptions options;
            try
            {
                options = ExecAdapterOptions.Parse(spec);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--adapter {spec}: {e.Message}");
            }
            return [new AdapterTarget(spec, () => ExecAdapter.Start(options), Restartable: true)];
        }
        throw new UsageException($"--adapter {spec}: expected reference, reference:<arch> or exec:<program> [args...]");
    }

    private static AdapterTarget Reference(Arch arch) =>
        new($"reference:{arch.Name}", () => new ReferenceAdapter(new ReferenceRuntime(ToReference(arch))), Restartable: true);

    public static Architecture ToReference(Arch arch) => Architecture.Parse(arch.Name);
}
