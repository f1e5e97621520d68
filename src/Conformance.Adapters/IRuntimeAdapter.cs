namespace Conformance.Adapters;

/// <summary>
/// How the suite observes a runtime. A runtime under test implements this (in-process) or speaks the
/// exec protocol that mirrors it one message per member (out-of-process). The suite only observes:
/// every judgement is made by the oracle from what these members return.
/// </summary>
/// <remarks>
/// Errors: a member throws <see cref="AdapterException"/> when the adapter itself failed (crashed,
/// answered garbage, timed out, contradicted its handshake); the suite records that as an "error"
/// verdict, never a pass. A runtime's own fatal error (Go's <c>throw</c>) is not an adapter failure:
/// it is returned as data (<see cref="MapCreation.Throw"/>). Members are called from one thread at a
/// time; concurrency inside the runtime is exercised by <see cref="RaceFirstUse"/>.
/// </remarks>
public interface IRuntimeAdapter : IDisposable
{
    /// <summary>Name, version, architecture and claimed features; constant for the adapter's life.</summary>
    RuntimeInfo Info { get; }

    /// <summary>Where the shared regions are now. On-demand buffers are listed oldest first; the last is current.</summary>
    RegionMap Regions();

    /// <summary>Reads <paramref name="length"/> bytes of the runtime's memory at <paramref name="address"/>.</summary>
    /// <exception cref="MemoryFaultException">The memory is not readable (a fault, not an adapter failure).</exception>
    byte[] Read(ulong address, int length);

    /// <summary>
    /// Counts the non-zero bytes of <c>[address, address + length)</c>. The default reads it all up to 1 MiB and,
    /// beyond that, by <see cref="ScanPlan"/> (both ends, every page at and around every power-of-two offset,
    /// seeded pages), saying how many bytes it read; an adapter that can scan its memory in place (a simulation's
    /// sparse memory, a protocol-2 adapter's <c>scan</c>) overrides it and reads every byte.
    /// </summary>
    /// <exception cref="MemoryFaultException">Part of the range is not readable.</exception>
    ScanResult Scan(ulong address, ulong length, ulong seed) => ScanPlan.Sample(this, address, length, seed);

    /// <summary>Whether <see cref="Scan"/> reads every byte of any range cheaply (false: it samples large ranges).</summary>
    bool ScansInPlace => false;

    /// <summary>
    /// Which runtime instance answers now: an adapter that replaces the runtime behind the same object (an exec adapter
    /// restarting a crashed process, or resetting it) returns a new number from then on, so that the suite does not
    /// judge memory of the new instance against what it saw of the old one (two processes may use the same addresses).
    /// The default, 0, is an adapter that never replaces its runtime.
    /// </summary>
    long Instance => 0;

    /// <summary>
    /// Creates a type at run time (as reflect does). <see cref="TypeKind.Array"/> makes an array of
    /// <paramref name="length"/> bytes (cached: the same length gives the same type);
    /// <see cref="TypeKind.Struct"/> makes a fresh type of <paramref name="length"/> bytes; the other kinds
    /// wrap <paramref name="element"/> (a map's key is uint64; a func type returns the element). Returns the type, its size and what the creation allocated.
    /// </summary>
    CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element);

    /// <summary>
    /// Element types known to the compiler (the runtime was compiled with maps of them), with their sizes.
    /// <see cref="MakeMap"/> of one makes a compiled map, and <see cref="LookupMissing"/> on that map is a
    /// compiled lookup: the zero it reports is the one the compiled code really read (spec ZV-012).
    /// </summary>
    IReadOnlyList<CreatedType> CompilerTypes();

    /// <summary>The type's zero pointer: 0 while nil, or where the runtime keeps no per-type zero pointer.</summary>
    ulong ZeroPointer(TypeRef type);

    /// <summary>Makes a map from uint64 to <paramref name="element"/>; a fatal runtime error is returned, not thrown.</summary>
    MapCreation MakeMap(TypeRef element);

    /// <summary>
    /// Looks up a key that is not in the map: the zero the lookup handed out, or that it reported the key
    /// absent (handing out no zero: spec ZV-018), and what the lookup allocated.
    /// </summary>
    Lookup LookupMissing(MapRef map, ulong key);

    /// <summary>Stores <paramref name="key"/> with an element whose every byte is <paramref name="fill"/>.</summary>
    void Assign(MapRef map, ulong key, byte fill);

    /// <summary>Converts a value of <paramref name="kind"/> with the given bits (low bits used) to an interface.</summary>
    Pointed Convert(ValueKind kind, ulong bits);

    /// <summary>Makes a one-byte string at run time; returns its data pointer and what it allocated.</summary>
    Pointed OneByteString(byte value);

    /// <summary>Converts the empty string to an interface.</summary>
    Pointed EmptyString();

    /// <summary>Converts a nil slice to an interface.</summary>
    Pointed NilSlice();

    /// <summary>Converts an empty slice whose array pointer is not nil (Go: <c>make([]byte, 0)</c>) to an interface (spec SV-011).</summary>
    Pointed EmptySlice();

    /// <summary>
    /// Starts <paramref name="threads"/> threads that race on first use of each of
    /// <paramref name="types"/> (fresh types, no map made yet): some make the first map and then read the
    /// type's zero pointer, others take the runtime's unlocked fast path (an atomic read of the pointer,
    /// repeated until it is set), so that a pointer published too early is seen.
    /// Returns, for each thread, what it saw for each type, in order.
    /// </summary>
    IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads);
}

/// <summary>Word size and byte order.</summary>
public readonly record struct Arch(int WordBits, bool BigEndian)
{
    /// <summary>The four architectures, in the order reports list them.</summary>
    public static IReadOnlyList<Arch> All { get; } = [new(32, false), new(32, true), new(64, false), new(64, true)];

    /// <summary>Word size in bytes.</summary>
    public int WordBytes => WordBits / 8;

    /// <summary>"32le", "32be", "64le" or "64be".</summary>
    public string Name => $"{WordBits}{(BigEndian ? "be" : "le")}";

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Parses "32le", "32be", "64le" or "64be".</summary>
    public static bool TryParse(string text, out Arch arch)
    {
        foreach (var a in All)
        {
            if (string.Equals(a.Name, text, StringComparison.Ordinal))
            {
                arch = a;
                return true;
            }
        }
        arch = default;
        return false;
    }
}

/// <summary>What a runtime says of itself.</summary>
public sealed record RuntimeInfo(string Name, string Version, Arch Arch, IReadOnlySet<string> Features);

/// <summary>Heap allocations one operation caused, as the runtime's allocator counts them.</summary>
public readonly record struct Allocation(ulong Objects, ulong Bytes)
{
    /// <summary>No allocation.</summary>
    public static Allocation None => default;
}

/// <summary>A pointer an operation returned and what the operation allocated.</summary>
public readonly record struct Pointed(ulong Data, Allocation Allocated);

/// <summary>
/// The outcome of a missing-key lookup: the zero handed out (<see cref="Zero"/>), or, when
/// <see cref="Absent"/>, no zero at all (the key reported absent: an outcome of its own, never pointer 0).
/// </summary>
public readonly record struct Lookup(ulong Zero, bool Absent, Allocation Allocated)
{
    /// <summary>The lookup handed out the zero at <paramref name="zero"/>.</summary>
    public static Lookup HandedOut(ulong zero, Allocation allocated) => new(zero, false, allocated);

    /// <summary>The lookup reported the key absent and handed out no zero.</summary>
    public static Lookup KeyAbsent(Allocation allocated) => new(0, true, allocated);

    /// <summary>"absent", or the zero's address.</summary>
    public override string ToString() => Absent ? "absent" : $"0x{Zero:x}";
}

/// <summary>
/// What one racing thread saw: the zero pointer, and whether, checked by that thread right after it
/// read the pointer, the memory there was allocated, all zero and at least the type's size long.
/// </summary>
public readonly record struct RaceSighting(ulong Zero, bool Ready);

/// <summary>An adapter-issued handle to a type.</summary>
public readonly record struct TypeRef(long Id);

/// <summary>An adapter-issued handle to a map.</summary>
public readonly record struct MapRef(long Id);

/// <summary>
/// A type, its size in bytes and what creating it allocated; or, when the runtime refused to make it
/// (Go: a reflect panic such as ChanOf's "element size too large"), the refusal in
/// <see cref="Panic"/>: data for the suite, like <see cref="MapCreation.Throw"/>, and then no type.
/// </summary>
public sealed record CreatedType(TypeRef Type, ulong Size, Allocation Allocated, string? Panic = null);

/// <summary>The map made, or the runtime's fatal error message (then <see cref="Map"/> is null).</summary>
public sealed record MapCreation(MapRef? Map, Allocation Allocated, string? Throw);

/// <summary>
/// A named memory region, and its memory protection where the runtime can tell ("r--", "rw-", ...: the
/// union of the permissions of the mappings holding it; null when unknown). Protection is reported, not judged:
/// the exec client does not ask for it (a <c>regions</c> request without <c>"protection": false</c> does; adapters/go/protection.sh).
/// </summary>
public sealed record Region(string Name, ulong Base, ulong Size, string? Protection = null);

/// <summary>The shared regions: null where the runtime does not have one.</summary>
/// <param name="Table">The small-value table.</param>
/// <param name="StaticZero">The static 1024-byte zero.</param>
/// <param name="CompilerZero">The compiler's zero (of the main compilation unit where there is one per unit).</param>
/// <param name="ZeroBuffers">The on-demand buffers, oldest first.</param>
public sealed record RegionMap(Region? Table, Region? StaticZero, Region? CompilerZero, IReadOnlyList<Region> ZeroBuffers)
{
    /// <summary>The compiler zeros of the other compilation units, where a runtime has one per unit (gc: one static go.map.zero per package; spec ZV-012).</summary>
    public IReadOnlyList<Region> MoreCompilerZeros { get; init; } = [];

    /// <summary>Every compiler zero region: <see cref="CompilerZero"/>, then <see cref="MoreCompilerZeros"/>.</summary>
    public IEnumerable<Region> CompilerZeros => CompilerZero is null ? MoreCompilerZeros : MoreCompilerZeros.Prepend(CompilerZero);
}

/// <summary>Kinds of run-time types.</summary>
public enum TypeKind
{
    /// <summary>An array of bytes: the size is the length.</summary>
    Array,
    /// <summary>A pointer type.</summary>
    Pointer,
    /// <summary>A channel type.</summary>
    Chan,
    /// <summary>A map type.</summary>
    Map,
    /// <summary>A func type.</summary>
    Func,
    /// <summary>A slice type.</summary>
    Slice,
    /// <summary>
    /// A new struct type of exactly length bytes (Go: reflect.StructOf with a field name never used before):
    /// distinct from every type made before, so its zero pointer starts nil and no map of it exists yet.
    /// </summary>
    Struct,
}

/// <summary>Kinds of values converted to interfaces (AR-002 gives each its width).</summary>
public enum ValueKind
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
    /// <summary>int (word-sized)</summary>
    Int,
    /// <summary>uint (word-sized)</summary>
    Uint,
    /// <summary>uintptr (word-sized)</summary>
    Uintptr,
    /// <summary>float32: 4 bytes, judged by its bits (spec SV-008)</summary>
    Float32,
    /// <summary>float64: 8 bytes, judged by its bits (spec SV-008)</summary>
    Float64,
    /// <summary>complex64: 8 bytes, 4-aligned (spec SV-009)</summary>
    Complex64,
    /// <summary>struct { a, b uint32 }: 8 bytes, 4-aligned (spec SV-009)</summary>
    Pair32,
    /// <summary>[8]byte: 8 bytes, 1-aligned (spec SV-009)</summary>
    Array8,
    /// <summary>struct{}: 0 bytes (spec SV-010); the bits are 0</summary>
    ZeroSize,
}

/// <summary>What a scan of a memory range found.</summary>
/// <param name="NonZero">Non-zero bytes among those read.</param>
/// <param name="FirstNonZero">Offset of the first non-zero byte read, if any.</param>
/// <param name="BytesRead">How many bytes of the range were read (the whole range unless it was sampled).</param>
public readonly record struct ScanResult(ulong NonZero, ulong? FirstNonZero, ulong BytesRead);

/// <summary>
/// The runtime faulted on a read of memory (Go: a fault recovered by SetPanicOnFault; the reference: unmapped
/// memory). What the runtime did, not what the adapter failed to do: a case whose requirement says the memory is
/// readable judges it as that requirement's failure.
/// </summary>
public sealed class MemoryFaultException : Exception
{
    /// <summary>Creates the exception for a read of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public MemoryFaultException(ulong address, ulong length, string detail)
        : base($"reading {length} bytes at 0x{address:x} faulted: {detail}")
    {
        Address = address;
        Length = length;
    }

    /// <summary>Creates the exception.</summary>
    public MemoryFaultException() : base("a read faulted") { }

    /// <summary>Creates the exception.</summary>
    public MemoryFaultException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public MemoryFaultException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The first address read.</summary>
    public ulong Address { get; }

    /// <summary>How many bytes were read.</summary>
    public ulong Length { get; }
}

/// <summary>The adapter failed (not the runtime): crash, hang, malformed reply, contradiction.</summary>
public sealed class AdapterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdapterException(string message, Exception? inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public AdapterException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public AdapterException() : base("the adapter failed") { }
}
