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

    /// <summary>The runtimes a --adapter value names; <paramref name="exec"/> sets the limits of exec adapters.</summary>
    public static IEnumerable<AdapterTarget> Resolve(string spec, IReadOnlyList<Arch> archs, Func<ExecAdapterOptions, ExecAdapterOptions> exec)
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
                options = exec(ExecAdapterOptions.Parse(spec));
            }
            catch (FormatException e)
            {
                throw new UsageException($"--adapter {spec}: {e.Message}");
            }
            return [new AdapterTarget(spec, () => ExecAdapter.Start(options), Restartable: true)];
        }
        throw new UsageException($"--adapter {spec}: expected reference, reference:<arch> or exec:<program> [args...]");
    }

    /// <summary>
    /// The in-process runtime the <c>serve</c> verb answers for: <c>reference:&lt;arch&gt;</c> or
    /// <c>zoo:&lt;variant&gt;:&lt;arch&gt;</c> (a broken variant from <see cref="Zoo.Variants"/>).
    /// </summary>
    /// <exception cref="UsageException">The text names no such runtime or architecture.</exception>
    public static ReferenceAdapter ResolveServed(string spec)
    {
        var parts = spec.Split(':');
        Arch arch = default;
        bool archOk = parts.Length >= 2 && Arch.TryParse(parts[^1], out arch);
        if (parts is ["reference", _] && archOk)
        {
            return new ReferenceAdapter(new ReferenceRuntime(ToReference(arch)));
        }
        if (parts is ["zoo", var name, _] && archOk)
        {
            var variant = Zoo.Variants.FirstOrDefault(v => v.Name == name)
                ?? throw new UsageException($"serve {spec}: '{name}' is not a zoo variant ({string.Join(", ", Zoo.Variants.Select(v => v.Name))})");
            return new ReferenceAdapter(variant.Create(ToReference(arch)), $"zoo:{variant.Name}");
        }
        throw new UsageException($"serve {spec}: expected reference:<arch> or zoo:<variant>:<arch>, arch one of 32le, 32be, 64le, 64be");
    }

    private static AdapterTarget Reference(Arch arch) =>
        new($"reference:{arch.Name}", () => new ReferenceAdapter(new ReferenceRuntime(ToReference(arch))), Restartable: true);

    public static Architecture ToReference(Arch arch) => Architecture.Parse(arch.Name);
}
