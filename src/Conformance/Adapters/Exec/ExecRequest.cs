using System.Globalization;
using System.Text.Json;

namespace Conformance.Adapters.Exec;

/// <summary>
/// One protocol request (docs/protocol.md): an operation and its arguments. The client adds the id.
/// Build them with the factory methods; they mirror <see cref="IRuntimeAdapter"/> one per member.
/// </summary>
public sealed class ExecRequest
{
    private readonly Action<Utf8JsonWriter, Func<long, long>>? _arguments;

    private ExecRequest(string op, string summary, Action<Utf8JsonWriter, Func<long, long>>? arguments)
    {
        Op = op;
        Summary = summary;
        _arguments = arguments;
    }

    /// <summary>The operation name, e.g. "convert".</summary>
    public string Op { get; }

    /// <summary>A short description for messages, e.g. "convert(uint16, 0xc8)".</summary>
    public string Summary { get; }

    internal static ExecRequest Hello(int protocol) =>
        new("hello", "hello", (w, _) => { w.WriteStartArray("protocols"); w.WriteNumberValue(protocol); w.WriteEndArray(); });

    /// <summary>regions: where the shared regions are.</summary>
    public static ExecRequest Regions() => new("regions", "regions", null);

    /// <summary>read: <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public static ExecRequest Read(ulong address, int length) =>
        new("read", $"read({Hex(address)}, {length})", (w, _) => { w.WriteString("address", Hex(address)); w.WriteNumber("length", length); });

    /// <summary>createType: a run-time type of <paramref name="kind"/>.</summary>
    public static ExecRequest CreateType(TypeKind kind, ulong length, TypeRef? element) =>
        new("createType", $"createType({Kind(kind)}, {Hex(length)}, {element?.Id.ToString(CultureInfo.InvariantCulture) ?? "-"})", (w, handle) =>
        {
            w.WriteString("kind", Kind(kind));
            if (kind is TypeKind.Array or TypeKind.Struct)
            {
                w.WriteString("size", Hex(length));
            }
            if (element is { } e)
            {
                w.WriteNumber("element", handle(e.Id));
            }
        });

    /// <summary>compilerTypes: the types the compiler knows.</summary>
    public static ExecRequest CompilerTypes() => new("compilerTypes", "compilerTypes", null);

    /// <summary>zeroPointer: the type's zero pointer.</summary>
    public static ExecRequest ZeroPointer(TypeRef type) =>
        new("zeroPointer", $"zeroPointer({type.Id})", (w, handle) => w.WriteNumber("type", handle(type.Id)));

    /// <summary>makeMap: a map from uint64 to <paramref name="element"/>.</summary>
    public static ExecRequest MakeMap(TypeRef element) =>
        new("makeMap", $"makeMap({element.Id})", (w, handle) => w.WriteNumber("element", handle(element.Id)));

    /// <summary>lookupMissing: a key not in the map.</summary>
    public static ExecRequest LookupMissing(MapRef map, ulong key) =>
        new("lookupMissing", $"lookupMissing({map.Id}, {Hex(key)})", (w, handle) => { w.WriteNumber("map", handle(map.Id)); w.WriteString("key", Hex(key)); });

    /// <summary>assign: store <paramref name="key"/> with every element byte <paramref name="fill"/>.</summary>
    public static ExecRequest Assign(MapRef map, ulong key, byte fill) =>
        new("assign", $"assign({map.Id}, {Hex(key)}, {fill})", (w, handle) =>
        {
            w.WriteNumber("map", handle(map.Id));
            w.WriteString("key", Hex(key));
            w.WriteNumber("fill", fill);
        });

    /// <summary>convert: a value of <paramref name="kind"/> to an interface.</summary>
    public static ExecRequest Convert(ValueKind kind, ulong bits) =>
        new("convert", $"convert({Kind(kind)}, {Hex(bits)})", (w, _) => { w.WriteString("kind", Kind(kind)); w.WriteString("bits", Hex(bits)); });

    /// <summary>oneByteString: a one-byte string made at run time.</summary>
    public static ExecRequest OneByteString(byte value) =>
        new("oneByteString", $"oneByteString({value})", (w, _) => w.WriteNumber("value", value));

    /// <summary>emptyString: "" converted to an interface.</summary>
    public static ExecRequest EmptyString() => new("emptyString", "emptyString", null);

    /// <summary>nilSlice: a nil slice converted to an interface.</summary>
    public static ExecRequest NilSlice() => new("nilSlice", "nilSlice", null);

    /// <summary>raceFirstUse: threads racing to make the first map of each type.</summary>
    public static ExecRequest RaceFirstUse(IReadOnlyList<TypeRef> types, int threads)
    {
        ArgumentNullException.ThrowIfNull(types);
        var copy = types.ToArray();
        return new("raceFirstUse", $"raceFirstUse({copy.Length} types, {threads} threads)", (w, handle) =>
        {
            w.WriteStartArray("types");
            foreach (var t in copy)
            {
                w.WriteNumberValue(handle(t.Id));
            }
            w.WriteEndArray();
            w.WriteNumber("threads", threads);
        });
    }

    /// <summary>An arbitrary operation with no arguments (for protocol tests and extensions).</summary>
    public static ExecRequest Raw(string op) => new(op, op, null);

    internal byte[] Serialize(long id, Func<long, long> handle)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("op", Op);
            _arguments?.Invoke(w, handle);
            w.WriteEndObject();
        }
        var bytes = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>"0x" and lower-case hex digits: how 64-bit numbers travel.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    internal static string Kind(TypeKind kind) => kind switch
    {
        TypeKind.Array => "array",
        TypeKind.Pointer => "pointer",
        TypeKind.Chan => "chan",
        TypeKind.Map => "map",
        TypeKind.Func => "func",
        TypeKind.Slice => "slice",
        TypeKind.Struct => "struct",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown type kind"),
    };

    /// <summary>The type kind a protocol name stands for (the inverse of the names requests are written with).</summary>
    internal static bool TryParseTypeKind(string name, out TypeKind kind) => TryParse(name, Kind, out kind);

    /// <summary>The value kind a protocol name stands for (the inverse of the names requests are written with).</summary>
    internal static bool TryParseValueKind(string name, out ValueKind kind) => TryParse(name, Kind, out kind);

    private static bool TryParse<T>(string name, Func<T, string> nameOf, out T kind) where T : struct, Enum
    {
        foreach (var k in Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(k), name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }

    internal static string Kind(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "bool",
        ValueKind.Int8 => "int8",
        ValueKind.Uint8 => "uint8",
        ValueKind.Int16 => "int16",
        ValueKind.Uint16 => "uint16",
        ValueKind.Int32 => "int32",
        ValueKind.Uint32 => "uint32",
        ValueKind.Int64 => "int64",
        ValueKind.Uint64 => "uint64",
        ValueKind.Int => "int",
        ValueKind.Uint => "uint",
        ValueKind.Uintptr => "uintptr",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown value kind"),
    };
}

/// <summary>The answer to one request of a batch: a result, or the fault that stands for it.</summary>
public sealed class ExecReply
{
    internal ExecReply(ExecRequest request, long id, JsonElement? result, AdapterException? fault)
    {
        Request = request;
        Id = id;
        Result = result;
        Fault = fault;
    }

    /// <summary>The request answered.</summary>
    public ExecRequest Request { get; }

    /// <summary>The id the client gave the request.</summary>
    public long Id { get; }

    /// <summary>The reply's "result" object when the request succeeded.</summary>
    public JsonElement? Result { get; }

    /// <summary>Why there is no result: an adapter fault, an error reply, or an abort.</summary>
    public AdapterException? Fault { get; }

    /// <summary>True when there is a result.</summary>
    public bool IsOk => Fault is null;

    /// <summary>The result, or the fault thrown.</summary>
    /// <exception cref="AdapterException">The request has no result.</exception>
    public JsonElement GetResult() => Fault is not null ? throw Fault : Result!.Value;
}
