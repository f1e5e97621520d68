namespace Reference;

/// <summary>
/// A type descriptor, Go's <c>rtype</c>: kind, size and alignment on the runtime's architecture, element and
/// key types, name, and the zero pointer.
/// </summary>
/// <remarks>
/// <para>The zero pointer (Go's <c>t.zero</c>) is an address in the simulated memory, 0 while nil. It is read
/// with <see cref="Volatile"/> semantics and set with an interlocked operation, so that a thread that sees a
/// non-nil pointer also sees the zero buffer it points at (ZV-011). Run-time types start with a nil zero
/// pointer (ZV-001); compiler-known types are created with the compiler's zero (ZV-012).</para>
/// <para>Descriptors are host objects, not simulated memory: creating one allocates nothing the runtime counts.</para>
/// </remarks>
[Implements("ZV-011", "ZV-001", "ZV-012")]
public sealed class RType
{
    private ulong _zero;

    internal RType(long id, TypeKind kind, ulong size, ulong align, string name, RType? elem, RType? key, ulong length, bool isCompilerKnown)
    {
        Id = id;
        Kind = kind;
        Size = size;
        Align = align;
        Name = name;
        Elem = elem;
        Key = key;
        Length = length;
        IsCompilerKnown = isCompilerKnown;
    }

    /// <summary>Identifier, unique within one runtime.</summary>
    public long Id { get; }

    /// <summary>The kind.</summary>
    public TypeKind Kind { get; }

    /// <summary>Size in bytes on the runtime's architecture (a word, AR-001).</summary>
    [Implements("AR-001")]
    public ulong Size { get; }

    /// <summary>Alignment in bytes (a power of two).</summary>
    public ulong Align { get; }

    /// <summary>The Go spelling of the type, e.g. "map[uint64][4096]uint8".</summary>
    public string Name { get; }

    /// <summary>Element type of a pointer, chan, map, slice or array; the first result of a func; else null.</summary>
    public RType? Elem { get; }

    /// <summary>Key type of a map; else null.</summary>
    public RType? Key { get; }

    /// <summary>Element count of an array; else 0.</summary>
    public ulong Length { get; }

    /// <summary>True for the compiler-known types the runtime starts with (ZV-012).</summary>
    [Implements("ZV-012")]
    public bool IsCompilerKnown { get; }

    /// <summary>The zero pointer: 0 while nil. Read atomically (Go: atomicloadp).</summary>
    public ulong ZeroPointer => Volatile.Read(ref _zero);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// ZV-003: sets the zero pointer only if it is still nil (an atomic compare-and-swap, which is also the
    /// release that pairs with <see cref="ZeroPointer"/>, ZV-011). Returns true if this call set it.
    /// </summary>
    [Implements("ZV-003", "ZV-011")]
    internal bool TrySetZero(ulong pointer) => Interlocked.CompareExchange(ref _zero, pointer, 0) == 0;

    /// <summary>An unconditional atomic store (Go: atomicstorep), for variants that mean to overwrite.</summary>
    internal void StoreZero(ulong pointer) => Interlocked.Exchange(ref _zero, pointer);
}
