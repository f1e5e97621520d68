namespace Reference;

/// <summary>Kinds of Go types the reference models.</summary>
public enum TypeKind
{
    /// <summary>bool</summary>
    Bool,

    /// <summary>int8</summary>
    Int8,

    /// <summary>uint8</summary>
    Uint8,

    /// <summary>int16</summary>
    Int16,

    /// <summary>uint16</summary>
    Uint16,

    /// <summary>int32</summary>
    Int32,

    /// <summary>uint32</summary>
    Uint32,

    /// <summary>int64</summary>
    Int64,

    /// <summary>uint64</summary>
    Uint64,

    /// <summary>int (one word)</summary>
    Int,

    /// <summary>uint (one word)</summary>
    Uint,

    /// <summary>uintptr (one word)</summary>
    Uintptr,

    /// <summary>float64</summary>
    Float64,

    /// <summary>string (two words: data, length)</summary>
    String,

    /// <summary>*T (one word)</summary>
    Pointer,

    /// <summary>chan T (one word)</summary>
    Chan,

    /// <summary>map[K]V (one word)</summary>
    Map,

    /// <summary>func (one word)</summary>
    Func,

    /// <summary>[]T (three words: data, length, capacity)</summary>
    Slice,

    /// <summary>[n]T (n times the element size)</summary>
    Array,

    /// <summary>struct { ... }</summary>
    Struct,
}
