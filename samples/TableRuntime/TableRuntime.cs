using System.Buffers.Binary;
using Conformance.Adapters;

namespace TableRuntime;

/// <summary>
/// A small simulated runtime with Go 1.15's small-value table (features <c>core</c>, <c>small.table</c>,
/// <c>small.strings</c>) on any of the four architectures: one static table of the uint64 values 0..255, which
/// conversions of small values and one-byte strings point into (bumped on big-endian so that the narrower width
/// reads back the value); every other conversion allocates one object holding the value. Memory is simulated:
/// the table and the objects live in a dictionary of blocks, and every address is one the runtime's word can hold.
/// </summary>
public sealed class TableRuntime(Arch arch) : IRuntimeAdapter
{
    private const ulong TableBase = 0x10000;
    private const ulong ZeroBase = 0x18000; // where a zero-sized value points (the runtime does not claim small.zero-sized)
    private readonly SortedDictionary<ulong, byte[]> _blocks = new() { [TableBase] = Table(arch), [ZeroBase] = new byte[8] };
    private ulong _next = 0x100000; // the heap: objects are 8-aligned and never freed

    /// <inheritdoc/>
    public RuntimeInfo Info { get; } = new("table-sample", "0.1.0", arch, new HashSet<string>(["core", "small.table", "small.strings"]));

    /// <inheritdoc/>
    public RegionMap Regions() => new(new Region("table", TableBase, 256 * 8, "r--"), null, null, []);

    /// <inheritdoc/>
    public byte[] Read(ulong address, int length)
    {
        foreach (var (start, block) in _blocks)
        {
            if (address >= start && address - start + (ulong)length <= (ulong)block.Length)
            {
                return block.AsSpan((int)(address - start), length).ToArray();
            }
        }
        throw new MemoryFaultException(address, (ulong)length, "not inside one block of this runtime's memory");
    }

    /// <inheritdoc/>
    public Pointed Convert(ValueKind kind, ulong bits)
    {
        var width = Width(kind);
        if (width == 0)
        {
            return new(ZeroBase, Allocation.None);
        }
        var value = width == 8 ? bits : bits & ((1UL << (8 * width)) - 1); // the runtime keeps the low width bytes (AR-002)
        // Integers and floats of every width, bools and bytes take the table below 256 (SV-002, SV-004, SV-008); the
        // other 8-byte values (complex64, struct{a, b uint32}, [8]byte) always allocate, as SV-009 allows.
        var tabled = kind is not (ValueKind.Complex64 or ValueKind.Pair32 or ValueKind.Array8) && value < 256;
        return tabled ? new(Slot((byte)value, width), Allocation.None) : Allocate(value, width);
    }

    /// <inheritdoc/>
    public Pointed OneByteString(byte value) => new(Slot(value, 1), Allocation.None);

    /// <summary>Where the table holds <paramref name="value"/> read at <paramref name="width"/> bytes (AR-003).</summary>
    private ulong Slot(byte value, int width) => TableBase + (8UL * value) + (arch.BigEndian ? (ulong)(8 - width) : 0);

    private Pointed Allocate(ulong value, int width)
    {
        var object_ = new byte[width];
        Span<byte> eight = stackalloc byte[8];
        if (arch.BigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(eight, value);
            eight[(8 - width)..].CopyTo(object_);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(eight, value);
            eight[..width].CopyTo(object_);
        }
        var address = _next;
        _blocks[address] = object_;
        _next += 8;
        return new(address, new Allocation(1, (ulong)width));
    }

    private int Width(ValueKind kind) => kind switch
    {
        ValueKind.Bool or ValueKind.Int8 or ValueKind.Uint8 => 1,
        ValueKind.Int16 or ValueKind.Uint16 => 2,
        ValueKind.Int32 or ValueKind.Uint32 or ValueKind.Float32 => 4,
        ValueKind.Int or ValueKind.Uint or ValueKind.Uintptr => arch.WordBytes,
        ValueKind.ZeroSize => 0,
        _ => 8,
    };

    private static byte[] Table(Arch arch)
    {
        var table = new byte[256 * 8];
        for (var v = 0; v < 256; v++)
        {
            var slot = table.AsSpan(8 * v, 8);
            if (arch.BigEndian)
            {
                BinaryPrimitives.WriteUInt64BigEndian(slot, (ulong)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(slot, (ulong)v);
            }
        }
        return table;
    }

    // Features this runtime does not claim (maps, zero values, the empty string, threads): the suite never asks.

    /// <inheritdoc/>
    public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element) => throw new NotSupportedException("no run-time types (no maps)");

    /// <inheritdoc/>
    public IReadOnlyList<CreatedType> CompilerTypes() => throw new NotSupportedException("no compiler-known map types");

    /// <inheritdoc/>
    public ulong ZeroPointer(TypeRef type) => throw new NotSupportedException("no zero values");

    /// <inheritdoc/>
    public MapCreation MakeMap(TypeRef element) => throw new NotSupportedException("no maps");

    /// <inheritdoc/>
    public Lookup LookupMissing(MapRef map, ulong key) => throw new NotSupportedException("no maps");

    /// <inheritdoc/>
    public void Assign(MapRef map, ulong key, byte fill) => throw new NotSupportedException("no maps");

    /// <inheritdoc/>
    public Pointed EmptyString() => throw new NotSupportedException("no shared zero (small.empty is not claimed)");

    /// <inheritdoc/>
    public Pointed NilSlice() => throw new NotSupportedException("no shared zero (small.empty is not claimed)");

    /// <inheritdoc/>
    public Pointed EmptySlice() => throw new NotSupportedException("no shared zero (small.empty is not claimed)");

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads) => throw new NotSupportedException("one thread");

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
