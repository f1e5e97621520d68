using Conformance.Adapters;
using Conformance.Adapters.Exec;
using Reference;

namespace Conformance.Cli.Wiring;

/// <summary>A runtime the runner can start (and restart, for shrinking).</summary>
/// <param name="Name">How the runner names it.</param>
/// <param name="Start">Starts a fresh instance.</param>
/// <param name="Restartable">Whether a fresh instance starts from a clean state (used to shrink sequences).</param>
/// <param name="NewInstance">Makes the fresh instances cases ask for, when not <paramref name="Start"/> (an exec pool that resets spares).</param>
/// <param name="Owned">What to dispose after the run (the pool).</param>
internal sealed record AdapterTarget(string Name, Func<IRuntimeAdapter> Start, bool Restartable, Func<IRuntimeAdapter>? NewInstance = null, IDisposable? Owned = null);

/// <summary>
/// Parses --adapter: reference (both designs on every architecture) | reference:&lt;arch&gt; (the seed's design) |
/// reference-gc:&lt;arch&gt; (gc's design) | exec:&lt;program&gt; [args...].
/// </summary>
internal static class AdapterSpec
{
    private static readonly (string Prefix, ZeroDesign Design)[] Designs = [("reference", ZeroDesign.OnDemand), ("reference-gc", ZeroDesign.AbsentLarge)];

    public static bool IsReference(string spec) => spec == "reference" || Designs.Any(d => spec.StartsWith(d.Prefix + ":", StringComparison.Ordinal));

    /// <summary>True for an in-process adapter (the reference or a zoo variant): no process, no protocol.</summary>
    public static bool IsInProcess(string spec) => IsReference(spec) || spec.StartsWith("zoo:", StringComparison.Ordinal);

    /// <summary>The runtimes a --adapter value names; <paramref name="exec"/> sets the limits of exec adapters.</summary>
    public static IEnumerable<AdapterTarget> Resolve(string spec, IReadOnlyList<Arch> archs, Func<ExecAdapterOptions, ExecAdapterOptions> exec)
    {
        if (spec == "reference")
        {
            return Designs.SelectMany(d => archs.Select(a => Reference(a, d.Design)));
        }
        foreach (var (prefix, design) in Designs)
        {
            if (spec.StartsWith(prefix + ":", StringComparison.Ordinal))
            {
                string name = spec[(prefix.Length + 1)..];
                return Arch.TryParse(name, out var arch)
                    ? [Reference(arch, design)]
                    : throw new UsageException($"--adapter {spec}: '{name}' is not an architecture (32le, 32be, 64le, 64be)");
            }
        }
        if (spec.StartsWith("zoo:", StringComparison.Ordinal))
        {
            // A broken variant in process, on one architecture: what `serve zoo:...` serves, without the protocol.
            var served = ResolveServed(spec);
            served.Dispose();
            return [new AdapterTarget(spec, () => ResolveServed(spec), Restartable: true)];
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
            var pool = new ExecInstancePool(options);
            return [new AdapterTarget(spec, () => ExecAdapter.Start(options), Restartable: true, pool.Take, pool)];
        }
        throw new UsageException($"--adapter {spec}: expected reference, reference:<arch>, reference-gc:<arch>, zoo:<variant>:<arch> or exec:<program> [args...]");
    }

    /// <summary>
    /// The in-process runtime the <c>serve</c> verb answers for: <c>reference:&lt;arch&gt;</c>,
    /// <c>reference-gc:&lt;arch&gt;</c> or <c>zoo:&lt;variant&gt;:&lt;arch&gt;</c> (a broken variant from <see cref="Zoo.Variants"/>).
    /// </summary>
    /// <exception cref="UsageException">The text names no such runtime or architecture.</exception>
    public static ReferenceAdapter ResolveServed(string spec)
    {
        var parts = spec.Split(':');
        Arch arch = default;
        bool archOk = parts.Length >= 2 && Arch.TryParse(parts[^1], out arch);
        foreach (var (prefix, design) in Designs)
        {
            if (parts.Length == 2 && parts[0] == prefix && archOk)
            {
                return new ReferenceAdapter(new ReferenceRuntime(ToReference(arch), new RuntimeOptions(Design: design)));
            }
        }
        if (parts is ["zoo", var name, _] && archOk)
        {
            var variant = Zoo.Variants.FirstOrDefault(v => v.Name == name)
                ?? throw new UsageException($"serve {spec}: '{name}' is not a zoo variant ({string.Join(", ", Zoo.Variants.Select(v => v.Name))})");
            return new ReferenceAdapter(variant.Create(ToReference(arch)), $"zoo:{variant.Name}");
        }
        throw new UsageException($"serve {spec}: expected reference:<arch>, reference-gc:<arch> or zoo:<variant>:<arch>, arch one of 32le, 32be, 64le, 64be");
    }

    private static AdapterTarget Reference(Arch arch, ZeroDesign design) =>
        new($"{ReferenceAdapter.NameOf(design)}:{arch.Name}", () => new ReferenceAdapter(new ReferenceRuntime(ToReference(arch), new RuntimeOptions(Design: design))), Restartable: true);

    public static Architecture ToReference(Arch arch) => Architecture.Parse(arch.Name);
}
