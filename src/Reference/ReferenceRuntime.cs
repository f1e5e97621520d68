namespace Reference;

/// <summary>
/// The reference runtime: a simulation, on one <see cref="Reference.Architecture"/>, of Go's allocation-free
/// value sharing: the shared zero values for map elements (spec/zero-values.md, the 2015 design of Go commit
/// 7e26a2d, or gc's later design: <see cref="RuntimeOptions.Design"/>) and the small-value table
/// (spec/small-value-table.md, Go 1.15). What it claims is the spec's profile for its design (<c>reference</c> or
/// <c>gc</c>), declared by the adapter that wires it to the suite. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Each algorithm step is a <c>protected virtual</c> method (a seam) documented with the requirement it
/// implements, so that a deliberately broken variant can derive from this class and break exactly one step.
/// The base class is the correct behaviour.</para>
/// <para>Errors a caller can see: <see cref="MapElementTooLargeException"/> (ZV-006),
/// <see cref="RuntimeOutOfMemoryException"/> (a segment is exhausted),
/// <see cref="ArraySizeExceedsAddressSpaceException"/> (ArrayOf), <see cref="WriteGuardViolationException"/>
/// (never from the base class: only a variant that writes a shared region triggers it),
/// <see cref="NonTerminationException"/> (a variant's growth loop would never end).</para>
/// </remarks>
[Implements("ZV-006")]
public partial class ReferenceRuntime
{
    /// <summary>SV-001: the table has 256 slots, one per value 0..255.</summary>
    [Implements("SV-001")]
    public const int TableSlots = 256;

    /// <summary>SV-001: each slot is a uint64, 8 bytes.</summary>
    [Implements("SV-001")]
    public const int SlotBytes = 8;

    /// <summary>ZV-004: size of the static zero (Go's <c>zerotiny [1024]byte</c>), also the threshold for using it.</summary>
    [Implements("ZV-004")]
    public const ulong StaticZeroSize = 1024;

    /// <summary>ZV-005: the first size of the on-demand buffer.</summary>
    [Implements("ZV-005")]
    public const ulong InitialZeroBufferSize = 4096;

    /// <summary>ZV-007: alignment of every on-demand buffer (Go: persistentalloc(size, 64, ...)).</summary>
    [Implements("ZV-007")]
    public const ulong ZeroBufferAlignment = 64;

    private long _nextId;

    /// <summary>Creates a runtime: lays out the table, the static zero and the compiler's types and zero.</summary>
    /// <param name="architecture">The declared architecture (AR-001).</param>
    /// <param name="options">Options; <see cref="RuntimeOptions.Default"/> when null.</param>
    [Implements("AR-001")]
    public ReferenceRuntime(Architecture architecture, RuntimeOptions? options = null)
    {
        if (architecture.WordBytes == 0)
        {
            throw new ArgumentException("AR-001: default(Architecture) is not an architecture", nameof(architecture));
        }

        Options = options ?? RuntimeOptions.Default;
        Architecture = architecture;
        Memory = new Memory(architecture, Options.EnforceWriteGuards);
        Table = CreateTable(Memory);
        StaticZero = CreateStaticZero(Memory);
        ZeroBase = Memory.Allocate(Segment.Bss, (ulong)architecture.WordBytes, (ulong)architecture.WordBytes, "zerobase", RegionKind.Other);
        (CompilerTypes, CompilerZero) = CreateCompilerTypes();
    }

    /// <summary>AR-001: the declared architecture (word size and byte order).</summary>
    [Implements("AR-001")]
    public Architecture Architecture { get; }

    /// <summary>The options this runtime was created with.</summary>
    public RuntimeOptions Options { get; }

    /// <summary>The simulated address space: read it, query regions and guards, take allocation counters.</summary>
    public Memory Memory { get; }

    /// <summary>SV-001: the table of 256 uint64 slots in read-only data (Go's <c>staticuint64s</c>).</summary>
    [Implements("SV-001")]
    public MemoryRegion Table { get; }

    /// <summary>ZV-004, SV-006: the static 1024-byte zero in bss (Go's <c>zerotiny</c>, later <c>zeroVal</c>).</summary>
    [Implements("ZV-004", "SV-006")]
    public MemoryRegion StaticZero { get; }

    /// <summary>
    /// SV-010, SV-011: Go's <c>runtime.zerobase</c>, the word every zero-byte allocation returns: the data
    /// pointer of a zero-sized value and the array pointer of <c>make([]T, 0)</c>. Not a zero region.
    /// </summary>
    [Implements("SV-010", "SV-011")]
    public MemoryRegion ZeroBase { get; }

    /// <summary>ZV-012: the single static zero in bss that compiler-known types are served by.</summary>
    [Implements("ZV-012")]
    public MemoryRegion CompilerZero { get; }

    /// <summary>
    /// Every zero region: the static zero, the compiler's zero and every on-demand buffer, oldest first
    /// (ZV-009: all guarded and never written).
    /// </summary>
    [Implements("ZV-009")]
    public IReadOnlyList<MemoryRegion> ZeroRegions => [StaticZero, CompilerZero, .. ZeroBuffers];

    private static MemoryRegion CreateTable(Memory memory)
    {
        // SV-001: used to avoid allocating in interface conversions of small integer values and in one-byte
        // strings: slot v holds the uint64 v in the machine's byte order, so a pointer to a slot (bumped by
        // Architecture.TableOffset on big-endian, AR-003) is a pointer to v at every width.
        var table = memory.Allocate(Segment.ReadOnlyData, TableSlots * SlotBytes, SlotBytes, "table", RegionKind.Table);
        for (var v = 0UL; v < TableSlots; v++)
        {
            memory.WriteUnsigned(table.Base + (v * SlotBytes), v, SlotBytes);
        }

        // SV-007: written once at start, then guarded.
        memory.Guard(table, "SV-007");
        return table;
    }

    private static MemoryRegion CreateStaticZero(Memory memory)
    {
        // ZV-004, ZV-009: bss reads as zero; guarded from the moment it exists.
        var zero = memory.Allocate(Segment.Bss, StaticZeroSize, ZeroBufferAlignment, "static zero", RegionKind.StaticZero);
        memory.Guard(zero, "ZV-009");
        return zero;
    }

    private long NextId() => Interlocked.Increment(ref _nextId);
}
