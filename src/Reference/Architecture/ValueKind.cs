namespace Reference;

/// <summary>
/// Kinds of scalar values a program converts to an interface. Their storage width on an architecture is
/// <see cref="Architecture.StorageWidth(ValueKind)"/> (AR-002).
/// </summary>
public enum ValueKind
{
    /// <summary>bool: 1 byte, false = 0, true = 1.</summary>
    Bool,

    /// <summary>int8: 1 byte.</summary>
    Int8,

    /// <summary>uint8 (byte): 1 byte.</summary>
    Uint8,

    /// <summary>int16: 2 bytes.</summary>
    Int16,

    /// <summary>uint16: 2 bytes.</summary>
    Uint16,

    /// <summary>int32: 4 bytes.</summary>
    Int32,

    /// <summary>uint32: 4 bytes.</summary>
    Uint32,

    /// <summary>int64: 8 bytes.</summary>
    Int64,

    /// <summary>uint64: 8 bytes.</summary>
    Uint64,

    /// <summary>int: one word.</summary>
    Int,

    /// <summary>uint: one word.</summary>
    Uint,

    /// <summary>uintptr: one word.</summary>
    Uintptr,

    /// <summary>float32: 4 bytes, 4-aligned (SV-008: converted by its bits, as convT32).</summary>
    Float32,

    /// <summary>float64: 8 bytes, aligned as uint64 (SV-008: converted by its bits, as convT64).</summary>
    Float64,

    /// <summary>complex64: 8 bytes, 4-aligned (SV-009).</summary>
    Complex64,

    /// <summary>struct { a, b uint32 }: 8 bytes, 4-aligned (SV-009).</summary>
    Pair32,

    /// <summary>[8]byte: 8 bytes, 1-aligned (SV-009).</summary>
    Array8,

    /// <summary>struct{}: 0 bytes (SV-010).</summary>
    ZeroSized,
}
