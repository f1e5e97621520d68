using System.Collections.ObjectModel;

namespace Reference;

// Type descriptors and the run-time type constructors (Go's reflect.PtrTo, ChanOf, MapOf, FuncOf, SliceOf,
// ArrayOf). Sizes are computed per architecture (AR-001). Constructors cache like reflect: the same arguments
// give the same descriptor. ZV-001: no constructor allocates a zero or sets a zero pointer.
public partial class ReferenceRuntime
{
    private readonly Lock _typesLock = new();
    private readonly Dictionary<string, RType> _typeCache = new(StringComparer.Ordinal);
    private long _structFields;

    /// <summary>ZV-012: the compiler-known types, all pointing at <see cref="CompilerZero"/>.</summary>
    [Implements("ZV-012")]
    public IReadOnlyList<RType> CompilerTypes { get; }

    /// <summary>The compiler-known uint8 (byte) type.</summary>
    public RType Uint8Type => CompilerTypes[2];

    /// <summary>The compiler-known uint64 type (the key type of maps made by <see cref="MakeMapOf"/>).</summary>
    public RType Uint64Type => CompilerTypes[8];

    /// <summary>Finds a compiler-known type by its Go name ("bool", "int", "string", "[2048]uint8", ...).</summary>
    /// <param name="name">The Go name.</param>
    /// <returns>The type.</returns>
    /// <exception cref="KeyNotFoundException">No compiler-known type has that name.</exception>
    public RType CompilerType(string name) =>
        CompilerTypes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"no compiler-known type '{name}'");

    /// <summary>reflect.PtrTo: the type *elem (one word).</summary>
    /// <param name="elem">The element type.</param>
    /// <returns>The cached or new type.</returns>
    public RType PtrTo(RType elem)
    {
        ArgumentNullException.ThrowIfNull(elem);
        return Intern($"*{elem.Name}", TypeKind.Pointer, Word, Word, elem, null, 0);
    }

    /// <summary>reflect.ChanOf (both directions): the type chan elem (one word).</summary>
    /// <param name="elem">The element type.</param>
    /// <returns>The cached or new type.</returns>
    public RType ChanOf(RType elem)
    {
        ArgumentNullException.ThrowIfNull(elem);
        return Intern($"chan {elem.Name}", TypeKind.Chan, Word, Word, elem, null, 0);
    }

    /// <summary>reflect.MapOf: the type map[key]elem (one word).</summary>
    /// <param name="key">The key type.</param>
    /// <param name="elem">The element type.</param>
    /// <returns>The cached or new type.</returns>
    public RType MapOf(RType key, RType elem)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(elem);
        return Intern($"map[{key.Name}]{elem.Name}", TypeKind.Map, Word, Word, elem, key, 0);
    }

    /// <summary>reflect.FuncOf: the type func(parameters) (results) (one word).</summary>
    /// <param name="parameters">Parameter types.</param>
    /// <param name="results">Result types; at least one (the first is <see cref="RType.Elem"/>).</param>
    /// <param name="variadic">Whether the last parameter is variadic (it must then exist).</param>
    /// <returns>The cached or new type.</returns>
    /// <exception cref="ArgumentException">No result, or variadic without parameters.</exception>
    public RType FuncOf(IReadOnlyList<RType> parameters, IReadOnlyList<RType> results, bool variadic)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw new ArgumentException("at least one result type", nameof(results));
        }

        if (variadic && parameters.Count == 0)
        {
            throw new ArgumentException("reflect.FuncOf: last arg of variadic func must be slice", nameof(variadic));
        }

        var ins = parameters.Select((p, i) => variadic && i == parameters.Count - 1 ? $"...{p.Name}" : p.Name);
        var outs = string.Join(", ", results.Select(r => r.Name));
        var name = $"func({string.Join(", ", ins)}) " + (results.Count == 1 ? outs : $"({outs})");
        return Intern(name, TypeKind.Func, Word, Word, results[0], null, 0);
    }

    /// <summary>reflect.SliceOf: the type []elem (three words).</summary>
    /// <param name="elem">The element type.</param>
    /// <returns>The cached or new type.</returns>
    public RType SliceOf(RType elem)
    {
        ArgumentNullException.ThrowIfNull(elem);
        return Intern($"[]{elem.Name}", TypeKind.Slice, checked(3 * Word), Word, elem, null, 0);
    }

    /// <summary>
    /// reflect.ArrayOf: the type [count]elem, of size count * elem.Size.
    /// </summary>
    /// <remarks>
    /// The count is an unsigned word (Go's is a signed int): the simulation accepts every count whose product
    /// with the element size fits the word, so that any size up to 2^w - 1 can be built as a byte array (Go
    /// reaches sizes above 2^(w-1) only through nested types). ZV-001: creating it, however large, allocates
    /// nothing (the seed's ArrayOf(1000000000, byte) costs no memory, twice).
    /// </remarks>
    /// <param name="count">Element count, a word.</param>
    /// <param name="elem">The element type.</param>
    /// <returns>The cached or new type.</returns>
    /// <exception cref="ArraySizeExceedsAddressSpaceException">count * elem.Size does not fit the word (AR-001).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count does not fit the word.</exception>
    [Implements("ZV-001", "AR-001")]
    public RType ArrayOf(ulong count, RType elem)
    {
        ArgumentNullException.ThrowIfNull(elem);
        if (!Architecture.FitsWord(count))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"does not fit the {Architecture.Name} word");
        }

        // AR-001: sizes are words; Go: max := ^uintptr(0) / typ.size; if uintptr(length) > max { panic(...) }.
        if (elem.Size > 0 && count > Architecture.WordMask / elem.Size)
        {
            throw new ArraySizeExceedsAddressSpaceException();
        }

        return Intern($"[{count}]{elem.Name}", TypeKind.Array, count * elem.Size, elem.Align, elem, null, count);
    }

    /// <summary>A byte array type [length]uint8: a run-time type of exactly <paramref name="length"/> bytes.</summary>
    /// <param name="length">Size in bytes, a word.</param>
    /// <returns>The cached or new type.</returns>
    public RType ByteArrayOf(ulong length) => ArrayOf(length, Uint8Type);

    /// <summary>
    /// reflect.StructOf with a field name never used before: struct { F&lt;n&gt; [length]uint8 }, a run-time type of
    /// exactly <paramref name="length"/> bytes that is distinct from every type made before (StructOf caches by
    /// field names, and the name is new), so its zero pointer starts nil and no map of it exists yet (ZV-001).
    /// </summary>
    /// <param name="length">Size in bytes, a word.</param>
    /// <returns>A new type.</returns>
    [Implements("ZV-001")]
    public RType StructOf(ulong length)
    {
        var field = ByteArrayOf(length);
        long n = Interlocked.Increment(ref _structFields);
        return Intern($"struct {{ F{n} {field.Name} }}", TypeKind.Struct, field.Size, field.Align, field, null, 0);
    }

    /// <summary>Makes a map type map[uint64]elem and a map of it (see <see cref="MakeMap"/>).</summary>
    /// <param name="elem">The element type.</param>
    /// <returns>The map.</returns>
    public GoMap MakeMapOf(RType elem) => MakeMap(MapOf(Uint64Type, elem));

    /// <summary>
    /// Seam, ZV-001: called once for every new run-time type (not for cache hits, not for compiler-known
    /// types), inside the type lock. The base does nothing: creating a type allocates no zero. A variant may
    /// preallocate a zero here (the pre-2015 behaviour) to break ZV-001.
    /// </summary>
    /// <param name="type">The new type.</param>
    [Implements("ZV-001")]
    protected virtual void OnTypeCreated(RType type)
    {
    }

    private ulong Word => (ulong)Architecture.WordBytes;

    private RType Intern(string name, TypeKind kind, ulong size, ulong align, RType? elem, RType? key, ulong length)
    {
        lock (_typesLock)
        {
            if (_typeCache.TryGetValue(name, out var cached))
            {
                return cached;
            }

            // ZV-001: the zero pointer of a run-time type starts nil; nothing is allocated here.
            var type = new RType(NextId(), kind, size, align, name, elem, key, length, isCompilerKnown: false);
            _typeCache.Add(name, type);
            OnTypeCreated(type);
            return type;
        }
    }

    /// <summary>
    /// Seam, ZV-012: the size of the compiler's zero, given the sizes of the compiler-known types it serves: the
    /// largest (Go's linker keeps the largest of the duplicate <c>go.map.zero</c> symbols). Called from the
    /// constructor, so an override must not use its own fields.
    /// </summary>
    /// <param name="sizes">The sizes of the compiler-known types the compiler's zero serves.</param>
    /// <returns>The compiler zero's size.</returns>
    [Implements("ZV-012")]
    protected virtual ulong CompilerZeroSize(IReadOnlyList<ulong> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        return sizes.Max();
    }

    private (IReadOnlyList<RType> Types, MemoryRegion Zero) CreateCompilerTypes()
    {
        var word = (ulong)Architecture.WordBytes;
        var specs = new (TypeKind Kind, string Name, ulong Size, ulong Align, ulong Length)[]
        {
            (TypeKind.Bool, "bool", 1, 1, 0),
            (TypeKind.Int8, "int8", 1, 1, 0),
            (TypeKind.Uint8, "uint8", 1, 1, 0),
            (TypeKind.Int16, "int16", 2, 2, 0),
            (TypeKind.Uint16, "uint16", 2, 2, 0),
            (TypeKind.Int32, "int32", 4, 4, 0),
            (TypeKind.Uint32, "uint32", 4, 4, 0),
            (TypeKind.Int64, "int64", 8, word, 0),
            (TypeKind.Uint64, "uint64", 8, word, 0),
            (TypeKind.Int, "int", word, word, 0),
            (TypeKind.Uint, "uint", word, word, 0),
            (TypeKind.Uintptr, "uintptr", word, word, 0),
            (TypeKind.Float64, "float64", 8, word, 0),
            (TypeKind.String, "string", 2 * word, word, 0),
            (TypeKind.Array, "[1025]uint8", 1025, 1, 1025),
            (TypeKind.Array, "[2048]uint8", 2048, 1, 2048),
            (TypeKind.Struct, "struct { big [1048576]uint8 }", 1UL << 20, 1, 0),
        };

        // ZV-012: one static zero in bss, as large as the largest compiler-known type it serves (in gc's design
        // the linker sizes go.map.zero to the largest element type above 1024 bytes); guarded (ZV-009).
        var largest = CompilerZeroSize(specs.Where(s => Options.Design == ZeroDesign.OnDemand || !UsesStaticZero(s.Size)).Select(s => s.Size).ToList());
        var zero = Memory.Allocate(Segment.Bss, largest, ZeroBufferAlignment, "compiler zero", RegionKind.CompilerZero);
        Memory.Guard(zero, "ZV-009");

        var types = new List<RType>(specs.Length);
        foreach (var (kind, name, size, align, length) in specs)
        {
            var type = new RType(NextId(), kind, size, align, name, null, null, length, isCompilerKnown: true);

            // ZV-012: in the seed's design compiler-known types are statically linked with their zero pointer
            // already set; gc keeps no zero pointer (compiled code passes the zero to each lookup).
            if (Options.Design == ZeroDesign.OnDemand)
            {
                type.TrySetZero(zero.Base);
            }
            types.Add(type);
        }

        return (new ReadOnlyCollection<RType>(types), zero);
    }
}
