namespace Reference;

/// <summary>
/// A machine architecture: word size (4 or 8 bytes) and byte order (AR-001). Every address and size the
/// reference reports is a word of this architecture.
/// </summary>
/// <remarks>
/// This type is the ONE place that knows how the byte order places a narrow value inside a wider slot:
/// <see cref="TableOffset(int)"/> (AR-003). No other code in the reference writes a literal table offset.
/// <c>default(Architecture)</c> is not a valid architecture; use <see cref="All"/> or the constructor.
/// </remarks>
[Implements("AR-001", "AR-003")]
public readonly record struct Architecture
{
    /// <summary>Creates an architecture.</summary>
    /// <param name="wordBytes">4 or 8.</param>
    /// <param name="byteOrder">Little or big endian.</param>
    /// <exception cref="ArgumentOutOfRangeException">The word size is not 4 or 8, or the byte order is unknown.</exception>
    public Architecture(int wordBytes, ByteOrder byteOrder)
    {
        if (wordBytes is not (4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(wordBytes), wordBytes, "AR-001: the word size must be 4 or 8 bytes.");
        }

        if (byteOrder is not (ByteOrder.Little or ByteOrder.Big))
        {
            throw new ArgumentOutOfRangeException(nameof(byteOrder), byteOrder, "AR-001: unknown byte order.");
        }

        WordBytes = wordBytes;
        ByteOrder = byteOrder;
    }

    /// <summary>32-bit little-endian (386, arm, mipsle).</summary>
    public static Architecture Le32 { get; } = new(4, ByteOrder.Little);

    /// <summary>32-bit big-endian (mips).</summary>
    public static Architecture Be32 { get; } = new(4, ByteOrder.Big);

    /// <summary>64-bit little-endian (amd64, arm64).</summary>
    public static Architecture Le64 { get; } = new(8, ByteOrder.Little);

    /// <summary>64-bit big-endian (s390x, ppc64, mips64).</summary>
    public static Architecture Be64 { get; } = new(8, ByteOrder.Big);

    /// <summary>The four architectures, in report order: 32le, 32be, 64le, 64be.</summary>
    public static IReadOnlyList<Architecture> All { get; } = [Le32, Be32, Le64, Be64];

    /// <summary>Parses "32le", "32be", "64le" or "64be".</summary>
    /// <param name="name">The name.</param>
    /// <returns>The architecture.</returns>
    /// <exception cref="FormatException">Not one of the four names.</exception>
    public static Architecture Parse(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal)) is { WordBytes: > 0 } found
            ? found
            : throw new FormatException($"AR-001: unknown architecture '{name}' (expected 32le, 32be, 64le or 64be)");

    /// <summary>Word size in bytes: 4 or 8.</summary>
    public int WordBytes { get; }

    /// <summary>Byte order.</summary>
    public ByteOrder ByteOrder { get; }

    /// <summary>Word size in bits: 32 or 64.</summary>
    public int WordBits => WordBytes * 8;

    /// <summary>True on big-endian architectures.</summary>
    public bool IsBigEndian => ByteOrder == ByteOrder.Big;

    /// <summary>"32le", "32be", "64le" or "64be".</summary>
    public string Name => $"{WordBits}{(IsBigEndian ? "be" : "le")}";

    /// <summary>The largest word value, 2^w - 1: the mask applied where word arithmetic is meant to wrap (AR-001).</summary>
    [Implements("AR-001")]
    public ulong WordMask => WordBytes == 8 ? ulong.MaxValue : uint.MaxValue;

    /// <summary>2^(w-1): sizes above this cannot be reached by doubling without wrapping the word (ZV-006).</summary>
    [Implements("ZV-006")]
    public ulong HalfRange => 1UL << (WordBits - 1);

    /// <summary>True when <paramref name="value"/> is representable in a word of this architecture (AR-001).</summary>
    /// <param name="value">An address or size.</param>
    [Implements("AR-001")]
    public bool FitsWord(ulong value) => value <= WordMask;

    /// <summary>
    /// AR-003: the offset, inside an 8-byte table slot, of the <paramref name="width"/> low-order bytes of the
    /// slot's uint64 value: 0 on little-endian, 8 - width on big-endian (1 byte: 7, 2 bytes: 6, 4 bytes: 4,
    /// 8 bytes: 0). It is the unique offset in 0..8-width at which reading width bytes in this byte order
    /// yields the slot's value for every value below 256.
    /// </summary>
    /// <remarks>The only definition of the table offset in the reference; make sure no other code writes one.</remarks>
    /// <param name="width">1, 2, 4 or 8.</param>
    /// <exception cref="ArgumentOutOfRangeException">The width is not 1, 2, 4 or 8.</exception>
    [Implements("AR-003")]
    public int TableOffset(int width)
    {
        CheckWidth(width);

        // On big-endian the low-order bytes of a slot are its last ones: bump the pointer to them.
        return IsBigEndian ? 8 - width : 0;
    }

    /// <summary>
    /// AR-002: the storage width in bytes of a value of <paramref name="kind"/>: bool, int8, uint8 1;
    /// int16, uint16 2; int32, uint32 4; int64, uint64 8; int, uint, uintptr the word size.
    /// </summary>
    /// <param name="kind">The value's kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    [Implements("AR-002")]
    public int StorageWidth(ValueKind kind) => kind switch
    {
        ValueKind.ZeroSized => 0,
        ValueKind.Bool or ValueKind.Int8 or ValueKind.Uint8 => 1,
        ValueKind.Int16 or ValueKind.Uint16 => 2,
        ValueKind.Int32 or ValueKind.Uint32 or ValueKind.Float32 => 4,
        ValueKind.Int64 or ValueKind.Uint64 or ValueKind.Float64 or ValueKind.Complex64 or ValueKind.Pair32 or ValueKind.Array8 => 8,
        ValueKind.Int or ValueKind.Uint or ValueKind.Uintptr => WordBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown value kind"),
    };

    /// <summary>
    /// The alignment in bytes of a value of <paramref name="kind"/>, as Go's compiler lays it out: 8-byte integers
    /// and float64 are aligned to the word on 32-bit machines (4), not to 8 (gc: <c>t.align = uint8(RegSize)</c>);
    /// complex64 and <c>struct { a, b uint32 }</c> to 4; <c>[8]byte</c> to 1; <c>struct{}</c> to 1.
    /// </summary>
    /// <param name="kind">The value's kind.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown kind.</exception>
    public int Alignment(ValueKind kind) => kind switch
    {
        ValueKind.ZeroSized or ValueKind.Array8 => 1,
        ValueKind.Complex64 or ValueKind.Pair32 => 4,
        ValueKind.Int64 or ValueKind.Uint64 or ValueKind.Float64 => Math.Min(8, WordBytes),
        _ => StorageWidth(kind),
    };

    /// <summary>
    /// SV-002, SV-008, SV-009: whether a pointer-free value of <paramref name="width"/> bytes and
    /// <paramref name="alignment"/> takes the table path (gc's convT16/convT32/convT64): its size and
    /// alignment equal those of uint16, uint32 or uint64 on this architecture (gc 1.19
    /// src/cmd/compile/internal/walk/convert.go:336-341). Every other such value is copied to a new object.
    /// </summary>
    /// <param name="width">The value's size in bytes.</param>
    /// <param name="alignment">Its alignment.</param>
    /// <returns>True for the table path.</returns>
    [Implements("SV-002", "SV-008", "SV-009")]
    public bool TakesTablePath(int width, int alignment) => (width, alignment) switch
    {
        (2, 2) or (4, 4) => true,
        (8, var a) => a == Alignment(ValueKind.Uint64),
        _ => false,
    };

    /// <summary>The low <paramref name="width"/> bytes of <paramref name="bits"/>: the value's unsigned bits.</summary>
    /// <param name="bits">Any bits; only the low width bytes are kept.</param>
    /// <param name="width">1, 2, 4 or 8.</param>
    /// <exception cref="ArgumentOutOfRangeException">The width is not 1, 2, 4 or 8.</exception>
    public static ulong Truncate(ulong bits, int width)
    {
        CheckWidth(width);
        return width == 8 ? bits : bits & ((1UL << (width * 8)) - 1);
    }

    /// <summary>Writes the low <c>destination.Length</c> bytes of <paramref name="value"/> in this byte order.</summary>
    /// <param name="destination">1 to 8 bytes.</param>
    /// <param name="value">The value; bits above the destination's width are ignored.</param>
    /// <exception cref="ArgumentException">The destination is empty or longer than 8 bytes.</exception>
    public void WriteUnsigned(Span<byte> destination, ulong value)
    {
        var width = destination.Length;
        if (width is < 1 or > 8)
        {
            throw new ArgumentException("between 1 and 8 bytes", nameof(destination));
        }

        for (var i = 0; i < width; i++)
        {
            // Byte i (from the least significant) goes to index i on little-endian, width-1-i on big-endian.
            var index = IsBigEndian ? width - 1 - i : i;
            destination[index] = (byte)((value >> (8 * i)) & 0xFF);
        }
    }

    /// <summary>Encodes the low <paramref name="width"/> bytes of <paramref name="value"/> in this byte order.</summary>
    /// <param name="value">The value.</param>
    /// <param name="width">1 to 8.</param>
    /// <returns>A new array of <paramref name="width"/> bytes.</returns>
    public byte[] Encode(ulong value, int width)
    {
        if (width is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "between 1 and 8 bytes");
        }

        var bytes = new byte[width];
        WriteUnsigned(bytes, value);
        return bytes;
    }

    /// <summary>Reads an unsigned value of <c>source.Length</c> bytes stored in this byte order.</summary>
    /// <param name="source">1 to 8 bytes.</param>
    /// <exception cref="ArgumentException">The source is empty or longer than 8 bytes.</exception>
    public ulong ReadUnsigned(ReadOnlySpan<byte> source)
    {
        var width = source.Length;
        if (width is < 1 or > 8)
        {
            throw new ArgumentException("between 1 and 8 bytes", nameof(source));
        }

        ulong value = 0;
        for (var i = 0; i < width; i++)
        {
            var index = IsBigEndian ? width - 1 - i : i;
            value |= (ulong)source[index] << (8 * i);
        }

        return value;
    }

    /// <inheritdoc/>
    public override string ToString() => WordBytes == 0 ? "(invalid architecture)" : Name;

    private static void CheckWidth(int width)
    {
        if (width is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "AR-003: a width is 1, 2, 4 or 8 bytes.");
        }
    }
}
