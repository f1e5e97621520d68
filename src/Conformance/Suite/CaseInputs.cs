using Conformance.Adapters;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Suite;

/// <summary>A named input value: where it comes from and what it means ("2^31 + 1: just above the 32-bit overflow edge").</summary>
/// <param name="Requirement">The requirement whose boundary it is.</param>
/// <param name="Arch">The architecture it applies to, or "all".</param>
/// <param name="Name">What the value means.</param>
/// <param name="Value">The value.</param>
public sealed record NamedValue(string Requirement, string Arch, string Name, ulong Value);

/// <summary>
/// The inputs of size- and value-dependent cases: the solver-generated boundary vectors of the models
/// (never a hand-picked list) plus FsCheck-random sizes and values drawn from the run's seed.
/// </summary>
public sealed class CaseInputs
{
    private readonly IReadOnlyList<NamedValue> boundaries;

    /// <summary>Creates inputs from boundary vectors and a seed.</summary>
    public CaseInputs(IReadOnlyList<NamedValue> boundaries, ulong seed, int randomCount = 16)
    {
        this.boundaries = boundaries;
        Seed = seed;
        RandomCount = randomCount;
    }

    /// <summary>The run's seed: the same seed gives the same random inputs and sequences.</summary>
    public ulong Seed { get; }

    /// <summary>How many random sizes or values each family adds.</summary>
    public int RandomCount { get; }

    /// <summary>The boundary vectors the models produced.</summary>
    public IReadOnlyList<NamedValue> Boundaries => boundaries;

    /// <summary>Sizes for the zero-value cases on <paramref name="arch"/>: boundaries of ZV requirements, then random ones.</summary>
    public IReadOnlyList<NamedValue> Sizes(Arch arch)
    {
        var list = boundaries
            .Where(b => b.Requirement.StartsWith("ZV-", StringComparison.Ordinal) && (b.Arch == "all" || b.Arch == arch.Name))
            .DistinctBy(b => b.Value)
            .ToList();
        ulong max = arch.WordBits == 32 ? uint.MaxValue : ulong.MaxValue;
        var gen = Gen.Choose(0, 62).SelectMany(bits => ArbMap.Default.GeneratorFor<ulong>().Select(r => r >> bits));
        foreach (var v in Sample(gen, "sizes/" + arch.Name))
        {
            ulong size = v & max;
            if (list.TrueForAll(b => b.Value != size))
            {
                list.Add(new NamedValue("random", arch.Name, $"random size (seed {Seed})", size));
            }
        }
        return list;
    }

    /// <summary>Large values (256 and above) for <paramref name="kind"/>: SV-003 boundaries, then random ones.</summary>
    public IEnumerable<(string Label, ulong Bits)> LargeValues(ValueKind kind)
    {
        foreach (var b in boundaries.Where(b => b.Requirement == "SV-003"))
        {
            yield return (b.Name, b.Value);
        }
        var gen = Gen.Choose(8, 63).SelectMany(bits => ArbMap.Default.GeneratorFor<ulong>().Select(r => (r >> (63 - bits)) | (1UL << bits)));
        foreach (var v in Sample(gen, "values/" + kind))
        {
            yield return ("0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture), v);
        }
    }

    /// <summary>Draws <see cref="RandomCount"/> values from <paramref name="gen"/>, seeded by the run seed and a stream name.</summary>
    internal IEnumerable<T> Sample<T>(Gen<T> gen, string stream, int? count = null)
    {
        ulong streamSeed = Seed ^ StableHash(stream);
        return Gen.Sample(gen, count ?? RandomCount, new Rnd(streamSeed, 0x9E3779B97F4A7C15UL), 100);
    }

    /// <summary>FNV-1a over the text: stable across processes and machines (string.GetHashCode is not).</summary>
    public static ulong StableHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong h = 14695981039346656037UL;
        foreach (char c in text)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }
        return h;
    }
}
