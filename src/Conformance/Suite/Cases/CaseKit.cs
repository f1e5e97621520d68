using System.Globalization;
using Conformance.Adapters;

namespace Conformance.Suite.Cases;

/// <summary>The few helpers every case family shares: kinds, widths, regions and value formatting.</summary>
internal static class CaseKit
{
    /// <summary>Every value kind the adapter interface can convert.</summary>
    public static readonly ValueKind[] Kinds = Enum.GetValues<ValueKind>();

    /// <summary>The bool and integer kinds, in AR-002's code order (the models number these kinds the same way, 0..11).</summary>
    public static readonly ValueKind[] IntegerKinds = [.. Kinds.Where(k => k <= ValueKind.Uintptr)];

    /// <summary>
    /// Whether a kind is one of Go's one-byte kinds (bool, int8, uint8). Used only to choose which case
    /// family to generate before any runtime is known; the judgement itself uses the models' widths.
    /// </summary>
    public static bool IsByteSizedKind(ValueKind kind) => kind is ValueKind.Bool or ValueKind.Int8 or ValueKind.Uint8;

    /// <summary>The storage width the models give a kind on this architecture (AR-002).</summary>
    public static ulong Width(CaseContext ctx, ValueKind kind) =>
        ctx.Judge.Evaluate("AR-002.width", ctx.W, (ulong)kind);

    /// <summary>The value's bits as the runtime holds them: the low <paramref name="width"/> bytes.</summary>
    public static ulong Truncate(ulong bits, ulong width) => width >= 8 ? bits : bits & ((1UL << (int)(width * 8)) - 1);

    /// <summary>Go's name of a kind.</summary>
    public static string GoName(ValueKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Reads bytes as one number in address order (lowest address most significant).</summary>
    public static ulong AddressOrder(ReadOnlySpan<byte> bytes)
    {
        ulong v = 0;
        foreach (var b in bytes)
        {
            v = (v << 8) | b;
        }
        return v;
    }

    /// <summary>Reads a w-byte value in the machine's byte order.</summary>
    public static ulong Load(byte[] bytes, bool bigEndian)
    {
        ulong v = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            int shift = bigEndian ? (bytes.Length - 1 - i) * 8 : i * 8;
            v |= (ulong)bytes[i] << shift;
        }
        return v;
    }

    /// <summary>The table region, or a failure naming the requirement when the runtime has none.</summary>
    public static bool TryTable(CaseContext ctx, string requirement, string input, out Region table, out CaseOutcome missing)
    {
        var t = ctx.Adapter.Regions().Table;
        if (t is null)
        {
            table = new Region("table", 0, 0);
            missing = ctx.Judge.Missing(requirement, input, "the runtime reports no small-value table");
            return false;
        }
        table = t;
        missing = null!;
        return true;
    }

    /// <summary>
    /// The plan (<see cref="ConformanceCase.Plan"/>) of a case that starts with <see cref="TryTable"/>: the region map,
    /// then, when the map has a table, the operations <paramref name="then"/> makes of it.
    /// </summary>
    public static Func<CaseContext, RegionMap, IReadOnlyList<Operation>> OnTable(Func<CaseContext, Region, IEnumerable<Operation>> then) =>
        (ctx, map) => map.Table is { } table ? [new Operation.Regions(), .. then(ctx, table)] : [new Operation.Regions()];

    /// <summary>The static zero region, or a failure naming the requirement.</summary>
    public static bool TryStaticZero(CaseContext ctx, string requirement, string input, out Region zero, out CaseOutcome missing)
    {
        var z = ctx.Adapter.Regions().StaticZero;
        if (z is null)
        {
            zero = new Region("zero.static", 0, 0);
            missing = ctx.Judge.Missing(requirement, input, "the runtime reports no static zero region");
            return false;
        }
        zero = z;
        missing = null!;
        return true;
    }

    /// <summary>Every zero region the runtime reports.</summary>
    public static IEnumerable<Region> ZeroRegions(RegionMap map)
    {
        if (map.StaticZero is not null)
        {
            yield return map.StaticZero;
        }
        foreach (var c in map.CompilerZeros)
        {
            yield return c;
        }
        foreach (var b in map.ZeroBuffers)
        {
            yield return b;
        }
    }

    /// <summary>The current on-demand buffer's size, 0 when there is none yet.</summary>
    public static ulong CurrentBufferSize(RegionMap map) => map.ZeroBuffers.Count == 0 ? 0 : map.ZeroBuffers[^1].Size;

    /// <summary>The current on-demand buffer's base, 0 when there is none yet.</summary>
    public static ulong CurrentBufferBase(RegionMap map) => map.ZeroBuffers.Count == 0 ? 0 : map.ZeroBuffers[^1].Base;

    /// <summary>
    /// The zero region that contains <paramref name="address"/> with the most room after it, if any: when regions
    /// overlap (a ZV-015 failure, judged there), a zero is judged against the region that serves it best, so the
    /// overlap is not reported a second time under ZV-016.
    /// </summary>
    public static Region? ContainingZero(RegionMap map, ulong address) =>
        ZeroRegions(map).Where(r => address >= r.Base && address - r.Base < Math.Max(r.Size, 1))
            .OrderByDescending(r => r.Size - (address - r.Base)).FirstOrDefault();

    /// <summary>The region that contains <paramref name="address"/>, if any.</summary>
    public static Region? Containing(RegionMap map, ulong address) =>
        ZeroRegions(map).Concat(map.Table is null ? [] : [map.Table])
            .FirstOrDefault(r => address >= r.Base && address - r.Base < Math.Max(r.Size, 1));

    /// <summary>Invariant formatting of a number.</summary>
    public static string N(ulong v) => Judge.Show(v);

    /// <summary>Invariant formatting of an int.</summary>
    public static string N(int v) => v.ToString(CultureInfo.InvariantCulture);
}
