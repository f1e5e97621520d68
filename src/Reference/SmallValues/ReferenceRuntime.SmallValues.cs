namespace Reference;

// The small-value table (Go 1.15 staticuint64s, iface.go convT16/convT32/convT64, the compiler's inline 8-bit
// conversion, and one-byte strings of CL 221979). spec/small-value-table.md.
public partial class ReferenceRuntime
{
    /// <summary>
    /// Converts a value of <paramref name="kind"/> to an interface and returns its data pointer, choosing the path
    /// as gc's compiler does, by size and alignment, never by the type's name (AR-002; gc 1.19
    /// src/cmd/compile/internal/walk/convert.go:132-152 and 331-356): a zero-sized value points at
    /// <see cref="ZeroBase"/> (SV-010); a 1-byte value always uses the table (SV-004); a value whose size and
    /// alignment are those of uint16, uint32 or uint64 uses it when its bits are below 256 (SV-002, SV-008,
    /// SV-009), else allocates one object (SV-003); every other value is copied to one new object (SV-009).
    /// The value is the low <see cref="Architecture.StorageWidth(ValueKind)"/> bytes of <paramref name="bits"/>,
    /// its bytes read as an unsigned number in the machine's byte order. Callers observe allocation through
    /// <see cref="Memory.Counters"/>.
    /// </summary>
    /// <param name="kind">The value's kind.</param>
    /// <param name="bits">The value's bits (two's complement for signed kinds); higher bits are ignored.</param>
    /// <returns>The data pointer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bool whose bits are neither 0 nor 1, or a zero-sized value with bits.</exception>
    [Implements("AR-002", "SV-010", "SV-004", "SV-002", "SV-008", "SV-009", "SV-003")]
    public ulong ConvertToInterface(ValueKind kind, ulong bits)
    {
        var width = StorageWidthOf(kind);
        if (width == 0)
        {
            return bits == 0 ? ZeroSizedData() : throw new ArgumentOutOfRangeException(nameof(bits), bits, "a zero-sized value has no bits");
        }

        var value = Architecture.Truncate(bits, width);
        if (kind == ValueKind.Bool && value > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "a bool is 0 or 1");
        }

        if (width == 1)
        {
            return ConvertByte((byte)value);
        }

        return TakesTablePath(kind, width, Architecture.Alignment(kind)) ? ConvertWide(width, value) : CopyValue(width, value);
    }

    /// <summary>
    /// Seam, SV-002, SV-008, SV-009: whether a value of <paramref name="kind"/> takes the table path (convT16/32/64)
    /// or is copied; the base decides by size and alignment alone (<see cref="Architecture.TakesTablePath"/>).
    /// </summary>
    /// <param name="kind">The value's kind.</param>
    /// <param name="width">Its size.</param>
    /// <param name="alignment">Its alignment.</param>
    /// <returns>True for the table path.</returns>
    [Implements("SV-002", "SV-008", "SV-009")]
    protected virtual bool TakesTablePath(ValueKind kind, int width, int alignment) => Architecture.TakesTablePath(width, alignment);

    /// <summary>SV-004: the compiler's inline conversion of a bool (false: slot 0, true: slot 1). Never allocates.</summary>
    /// <param name="value">The bool.</param>
    /// <returns>The data pointer.</returns>
    [Implements("SV-004")]
    public ulong ConvertBool(bool value) => ConvertByte(value ? (byte)1 : (byte)0);

    /// <summary>SV-004: the compiler's inline conversion of a 1-byte value (int8 -1 is slot 255). Never allocates.</summary>
    /// <param name="value">The byte.</param>
    /// <returns>The data pointer.</returns>
    [Implements("SV-004")]
    public ulong ConvertByte(byte value) =>
        // An 8 bit value will always be in the table: no fallback.
        TablePointer(value, 1);

    /// <summary>Go's convT16: SV-002 / SV-003 for a 2-byte value.</summary>
    /// <param name="value">The value's bits.</param>
    /// <returns>The data pointer.</returns>
    [Implements("SV-002", "SV-003")]
    public ulong ConvT16(ushort value) => ConvertWide(2, value);

    /// <summary>Go's convT32: SV-002 / SV-003 for a 4-byte value.</summary>
    /// <param name="value">The value's bits.</param>
    /// <returns>The data pointer.</returns>
    [Implements("SV-002", "SV-003")]
    public ulong ConvT32(uint value) => ConvertWide(4, value);

    /// <summary>Go's convT64: SV-002 / SV-003 for an 8-byte value.</summary>
    /// <param name="value">The value's bits.</param>
    /// <returns>The data pointer.</returns>
    [Implements("SV-002", "SV-003")]
    public ulong ConvT64(ulong value) => ConvertWide(8, value);

    /// <summary>
    /// Go's slicebytetostring: makes a string at run time. Empty: data pointer 0, no allocation. One byte: a
    /// pointer into the table (SV-005, <see cref="OneByteStringData"/>), no allocation. Longer: one heap object
    /// holding the bytes.
    /// </summary>
    /// <param name="bytes">The string's bytes.</param>
    /// <returns>The string header.</returns>
    [Implements("SV-005")]
    public GoString MakeString(ReadOnlySpan<byte> bytes)
    {
        switch (bytes.Length)
        {
            case 0:
                return new GoString(0, 0);
            case 1:
                return new GoString(OneByteStringData(bytes[0]), 1);
            default:
                var data = Memory.Allocate(Segment.Heap, (ulong)bytes.Length, 1, "string bytes", RegionKind.HeapObject);
                Memory.Write(data.Base, bytes);
                return new GoString(data.Base, (ulong)bytes.Length);
        }
    }

    /// <summary>SV-005: makes the one-byte string <paramref name="value"/> at run time and returns its data pointer.</summary>
    /// <param name="value">The byte.</param>
    /// <returns>The data pointer (into the table).</returns>
    [Implements("SV-005")]
    public ulong OneByteString(byte value) => MakeString([value]).Data;

    /// <summary>Go's convTstring of "": SV-006, the start of the static zero, no allocation.</summary>
    /// <returns>The data pointer.</returns>
    [Implements("SV-006")]
    public ulong EmptyStringToInterface() => EmptyStringData();

    /// <summary>Go's convTslice of a nil slice: SV-006, the start of the static zero, no allocation.</summary>
    /// <returns>The data pointer.</returns>
    [Implements("SV-006")]
    public ulong NilSliceToInterface() => NilSliceData();

    /// <summary>
    /// Go's convTslice of <c>make([]byte, 0)</c>: SV-011, a new slice header (one counted object of three words)
    /// holding the non-nil array pointer <see cref="ZeroBase"/> (what <c>mallocgc</c> returns for zero bytes),
    /// length 0 and capacity 0.
    /// </summary>
    /// <returns>The data pointer (the header's address).</returns>
    [Implements("SV-011")]
    public ulong EmptySliceToInterface() => EmptySliceData();

    /// <summary>
    /// SV-001, AR-003: the address of value <paramref name="value"/> at <paramref name="width"/> bytes in the
    /// table: base + 8 * value + <see cref="TableOffsetFor"/>(width).
    /// </summary>
    /// <remarks>
    /// Not range-checked, so that a variant whose <see cref="FitsTable"/> is too generous really points past the
    /// table (and a checker must notice); the base only calls it for values below 256.
    /// </remarks>
    /// <param name="value">0..255 in the base.</param>
    /// <param name="width">1, 2, 4 or 8.</param>
    /// <returns>The address.</returns>
    [Implements("SV-001", "AR-003")]
    protected ulong TablePointer(ulong value, int width) =>
        (Table.Base + (value * SlotBytes) + (ulong)TableOffsetFor(width)) & Architecture.WordMask;

    /// <summary>Seam, AR-003: the table offset for a width; the base delegates to <see cref="Architecture.TableOffset"/>.</summary>
    /// <param name="width">1, 2, 4 or 8.</param>
    /// <returns>The offset inside a slot.</returns>
    [Implements("AR-003")]
    protected virtual int TableOffsetFor(int width) => Architecture.TableOffset(width);

    /// <summary>Seam, SV-002, SV-003: whether a value's unsigned bits are served from the table: below 256.</summary>
    /// <param name="value">The value's unsigned bits.</param>
    /// <returns>True when the table holds it.</returns>
    [Implements("SV-002", "SV-003")]
    protected virtual bool FitsTable(ulong value) => value < TableSlots;

    /// <summary>Seam, AR-002: the storage width of a kind on this architecture (<see cref="Architecture.StorageWidth"/>).</summary>
    /// <param name="kind">The value's kind.</param>
    /// <returns>Its width in bytes.</returns>
    [Implements("AR-002")]
    protected virtual int StorageWidthOf(ValueKind kind) => Architecture.StorageWidth(kind);

    /// <summary>
    /// Seam, SV-003: the fallback of a 2-, 4- or 8-byte value not in the table: exactly one heap object of the
    /// value's width, holding the value in the machine's byte order.
    /// </summary>
    /// <param name="width">2, 4 or 8.</param>
    /// <param name="value">The value's unsigned bits.</param>
    /// <returns>The object's address.</returns>
    [Implements("SV-003")]
    protected virtual ulong AllocateLargeValue(int width, ulong value)
    {
        var box = Memory.Allocate(Segment.Heap, (ulong)width, (ulong)width, $"value {value:x} ({width} bytes)", RegionKind.HeapObject);
        Memory.WriteUnsigned(box.Base, value, width);
        return box.Base;
    }

    /// <summary>Seam, SV-005: the data pointer of the one-byte string <paramref name="value"/>: its slot with the 1-byte offset.</summary>
    /// <param name="value">The byte.</param>
    /// <returns>The data pointer.</returns>
    [Implements("SV-005")]
    protected virtual ulong OneByteStringData(byte value) => TablePointer(value, 1);

    /// <summary>Seam, SV-006: the data pointer of "" converted to an interface: the start of the static zero.</summary>
    /// <returns>The data pointer.</returns>
    [Implements("SV-006")]
    protected virtual ulong EmptyStringData() => StaticZero.Base;

    /// <summary>Seam, SV-006: the data pointer of a nil slice converted to an interface: the start of the static zero.</summary>
    /// <returns>The data pointer.</returns>
    [Implements("SV-006")]
    protected virtual ulong NilSliceData() => StaticZero.Base;

    /// <summary>Seam, SV-010: the data pointer of a zero-sized value: <see cref="ZeroBase"/>, no allocation.</summary>
    /// <returns>The data pointer.</returns>
    [Implements("SV-010")]
    protected virtual ulong ZeroSizedData() => ZeroBase.Base;

    /// <summary>
    /// Seam, SV-009: the copy a value that does not take the table path gets (gc's convTnoptr): one heap object
    /// of its size, holding its bytes.
    /// </summary>
    /// <param name="width">The value's size.</param>
    /// <param name="value">Its bytes as an unsigned number in the machine's byte order.</param>
    /// <returns>The object's address.</returns>
    [Implements("SV-009")]
    protected virtual ulong CopyValue(int width, ulong value)
    {
        var box = Memory.Allocate(Segment.Heap, (ulong)width, 1, $"copy {value:x} ({width} bytes)", RegionKind.HeapObject);
        Memory.WriteUnsigned(box.Base, value, width);
        return box.Base;
    }

    /// <summary>Seam, SV-011: the data pointer of an empty non-nil slice: a new header {ZeroBase, 0, 0}.</summary>
    /// <returns>The header's address.</returns>
    [Implements("SV-011")]
    protected virtual ulong EmptySliceData()
    {
        var header = Memory.Allocate(Segment.Heap, 3 * Word, Word, "slice header", RegionKind.HeapObject);
        Memory.WriteUnsigned(header.Base, ZeroBase.Base, Architecture.WordBytes);
        return header.Base;
    }

    private ulong ConvertWide(int width, ulong value)
    {
        // SV-002: first check whether a pointer into the table will do; SV-003: else allocate once.
        return FitsTable(value) ? TablePointer(value, width) : AllocateLargeValue(width, value);
    }
}
