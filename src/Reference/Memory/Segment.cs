namespace Reference;

/// <summary>Segments of the simulated address space.</summary>
public enum Segment
{
    /// <summary>Read-only data: the small-value table (SV-001).</summary>
    ReadOnlyData,

    /// <summary>Initialised writable data (unused by the reference's shared regions; available to variants).</summary>
    Data,

    /// <summary>Zero-initialised static data: the static 1024-byte zero (ZV-004) and the compiler's zero (ZV-012).</summary>
    Bss,

    /// <summary>Garbage-collected heap: objects counted as allocations (SV-003, ZV-017).</summary>
    Heap,

    /// <summary>Never-freed memory (Go's persistentalloc): the on-demand zero buffers (ZV-007).</summary>
    Persistent,
}

/// <summary>What a named region of memory is.</summary>
public enum RegionKind
{
    /// <summary>The small-value table (SV-001).</summary>
    Table,

    /// <summary>The static 1024-byte zero (ZV-004).</summary>
    StaticZero,

    /// <summary>The compiler's static zero for compiler-known types (ZV-012).</summary>
    CompilerZero,

    /// <summary>An on-demand zero buffer (ZV-005).</summary>
    ZeroBuffer,

    /// <summary>A heap object (a boxed value, a string's bytes, a map header or a map slot).</summary>
    HeapObject,

    /// <summary>Any other static or persistent allocation.</summary>
    Other,
}

/// <summary>Where a segment lies in the address space.</summary>
/// <param name="Segment">Which segment.</param>
/// <param name="Base">First address.</param>
/// <param name="Size">Size in bytes; <see cref="Base"/> + Size fits the word.</param>
public readonly record struct SegmentLayout(Segment Segment, ulong Base, ulong Size)
{
    /// <summary>One past the last address.</summary>
    public ulong End => Base + Size;
}

/// <summary>A named, allocated range of memory.</summary>
/// <param name="Name">Name, e.g. "table", "static zero", "zero buffer 2", "heap object 17".</param>
/// <param name="Kind">What the region is.</param>
/// <param name="Segment">The segment it lies in.</param>
/// <param name="Base">First address.</param>
/// <param name="Size">Size in bytes (may be 0).</param>
public sealed record MemoryRegion(string Name, RegionKind Kind, Segment Segment, ulong Base, ulong Size)
{
    /// <summary>One past the last address.</summary>
    public ulong End => Base + Size;

    /// <summary>True when [address, address+length) lies inside this region.</summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    public bool Contains(ulong address, ulong length) =>
        address >= Base && address <= End && length <= End - address;

    /// <summary>True when this region and [address, address+length) share at least one byte.</summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    public bool Overlaps(ulong address, ulong length) =>
        length > 0 && Size > 0 && address < End && Base - Math.Min(Base, address) < length;

    /// <inheritdoc/>
    public override string ToString() => $"'{Name}' [0x{Base:x}, 0x{End:x})";
}

/// <summary>A range of memory protected against writes, and the requirement it protects (SV-007, ZV-009).</summary>
/// <param name="Region">The protected region.</param>
/// <param name="Requirement">The requirement ID.</param>
[Implements("SV-007", "ZV-009")]
public sealed record WriteGuard(MemoryRegion Region, string Requirement);

/// <summary>
/// Allocation counters at one moment. Callers take the difference of two snapshots to see what one operation
/// allocated ("allocates nothing" is a zero difference).
/// </summary>
/// <param name="HeapObjects">Heap objects ever allocated (Go: MemStats.Mallocs).</param>
/// <param name="HeapBytes">Requested bytes of those objects.</param>
/// <param name="ZeroBufferBytes">Bytes of on-demand zero buffers ever allocated (ZV-014).</param>
/// <param name="ZeroBuffers">On-demand zero buffers ever allocated.</param>
[Implements("ZV-014")]
public readonly record struct AllocationCounters(ulong HeapObjects, ulong HeapBytes, ulong ZeroBufferBytes, ulong ZeroBuffers)
{
    /// <summary>What was allocated between <paramref name="before"/> and <paramref name="after"/>.</summary>
    /// <param name="after">The later snapshot.</param>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The component-wise difference.</returns>
    public static AllocationCounters operator -(AllocationCounters after, AllocationCounters before) => new(
        after.HeapObjects - before.HeapObjects,
        after.HeapBytes - before.HeapBytes,
        after.ZeroBufferBytes - before.ZeroBufferBytes,
        after.ZeroBuffers - before.ZeroBuffers);

    /// <summary>Named alternative to the subtraction operator.</summary>
    /// <param name="after">The later snapshot.</param>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The component-wise difference.</returns>
    public static AllocationCounters Subtract(AllocationCounters after, AllocationCounters before) => after - before;

    /// <summary>True when nothing at all was allocated.</summary>
    public bool IsNone => HeapObjects == 0 && HeapBytes == 0 && ZeroBufferBytes == 0 && ZeroBuffers == 0;
}
