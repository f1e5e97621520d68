using System.Globalization;
using System.Text.Json;

namespace Conformance.Adapters.Exec;

/// <summary>
/// One protocol request (docs/protocol.md): an operation and its arguments, as a message of Messages.cs.
/// The client adds the id and translates the suite's handles into the adapter's when it sends it. Build
/// them with the factory methods; they mirror <see cref="IRuntimeAdapter"/> one per member.
/// </summary>
public sealed class ExecRequest
{
    private readonly Func<Func<long, Handle>, Request> _build;

    private ExecRequest(Func<Func<long, Handle>, Request> build) => _build = build;

    /// <summary>The operation name, e.g. "convert".</summary>
    public string Op => ProtocolJson.Ops.First(o => o.Value == Message(WireHandle).GetType()).Key;

    /// <summary>A short description for messages: the op and its arguments as sent, e.g. "convert(uint16, 0x2)"; a flag that is false ("protection") is left out.</summary>
    public string Summary => string.Join(", ", JsonSerializer.SerializeToElement(Message(WireHandle), ProtocolJson.Default.Request).EnumerateObject()
        .Where(p => p.Name is not ("op" or "id") && p.Value.ValueKind != JsonValueKind.False).Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
        is { Length: > 0 } arguments ? $"{Op}({arguments})" : Op;

    /// <summary>The message to send, with each of the suite's handles translated by <paramref name="handle"/>.</summary>
    internal Request Message(Func<long, Handle> handle) => _build(handle);

    /// <summary>The adapter's part of a suite handle (the low 32 bits; the high ones name the runtime instance that issued it).</summary>
    private static Handle WireHandle(long handle) => new(unchecked((int)handle));

    /// <summary>A request for <paramref name="message"/> as it stands (a copy is sent: the client sets the id of what it sends).</summary>
    internal static ExecRequest Of(Request message) => new(_ => message with { });

    internal static ExecRequest Hello(params int[] protocols) => new(_ => new HelloRequest(protocols));
    /// <summary>regions: where the shared regions are; with each region's protection only when <paramref name="protection"/> is true.</summary>
    /// <param name="protection">Ask for the protection too (protocol 2). Reading it costs the adapter more than the rest of the answer, and nothing in the suite judges it.</param>
    public static ExecRequest Regions(bool protection = false) => new(_ => new RegionsRequest(protection ? null : false));
    /// <summary>read: <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public static ExecRequest Read(ulong address, int length) => new(_ => new ReadRequest(address, length));
    /// <summary>createType: a run-time type of <paramref name="kind"/>.</summary>
    public static ExecRequest CreateType(TypeKind kind, ulong length, TypeRef? element) =>
        new(h => new CreateTypeRequest(kind, kind is TypeKind.Array or TypeKind.Struct ? length : null, element is { } e ? h(e.Id) : null));
    /// <summary>compilerTypes: the types the compiler knows.</summary>
    public static ExecRequest CompilerTypes() => new(_ => new CompilerTypesRequest());
    /// <summary>zeroPointer: the type's zero pointer.</summary>
    public static ExecRequest ZeroPointer(TypeRef type) => new(h => new ZeroPointerRequest(h(type.Id)));
    /// <summary>makeMap: a map from uint64 to <paramref name="element"/>.</summary>
    public static ExecRequest MakeMap(TypeRef element) => new(h => new MakeMapRequest(h(element.Id)));
    /// <summary>lookupMissing: a key not in the map.</summary>
    public static ExecRequest LookupMissing(MapRef map, ulong key) => new(h => new LookupMissingRequest(h(map.Id), key));
    /// <summary>assign: store <paramref name="key"/> with every element byte <paramref name="fill"/>.</summary>
    public static ExecRequest Assign(MapRef map, ulong key, byte fill) => new(h => new AssignRequest(h(map.Id), key, fill));
    /// <summary>convert: a value of <paramref name="kind"/> to an interface.</summary>
    public static ExecRequest Convert(ValueKind kind, ulong bits) => new(_ => new ConvertRequest(kind, bits));
    /// <summary>oneByteString: a one-byte string made at run time.</summary>
    public static ExecRequest OneByteString(byte value) => new(_ => new OneByteStringRequest(value));
    /// <summary>emptyString: "" converted to an interface.</summary>
    public static ExecRequest EmptyString() => new(_ => new EmptyStringRequest());
    /// <summary>nilSlice: a nil slice converted to an interface.</summary>
    public static ExecRequest NilSlice() => new(_ => new NilSliceRequest());
    /// <summary>emptySlice (protocol 2): an empty non-nil slice converted to an interface.</summary>
    public static ExecRequest EmptySlice() => new(_ => new EmptySliceRequest());
    /// <summary>scan (protocol 2, optional): the non-zero bytes of a range, counted by the adapter.</summary>
    public static ExecRequest Scan(ulong address, ulong size) => new(_ => new ScanRequest(address, size));
    /// <summary>reset (protocol 2, optional): back to the state right after the handshake.</summary>
    public static ExecRequest Reset() => new(_ => new ResetRequest());
    /// <summary>raceFirstUse: threads racing to make the first map of each type.</summary>
    public static ExecRequest RaceFirstUse(IReadOnlyList<TypeRef> types, int threads)
    {
        ArgumentNullException.ThrowIfNull(types);
        var copy = types.ToArray();
        return new(h => new RaceFirstUseRequest([.. copy.Select(t => h(t.Id))], threads));
    }
}

/// <summary>The answer to one request of a batch: a result, or the fault that stands for it.</summary>
/// <param name="Request">The request answered.</param>
/// <param name="Id">The id the client gave the request.</param>
/// <param name="Result">The result message (the op's result record of Messages.cs) when the request succeeded.</param>
/// <param name="Fault">Why there is no result: an adapter fault, an error reply, or an abort.</param>
/// <param name="ErrorCode">The code of the adapter's error reply (e.g. "unsupported", on which a client may fall back), when it answered <c>ok: false</c>.</param>
public sealed record ExecReply(ExecRequest Request, long Id, object? Result, AdapterException? Fault, string? ErrorCode = null)
{
    /// <summary>True when there is a result.</summary>
    public bool IsOk => Fault is null;

    /// <summary>The result, or the fault thrown.</summary>
    /// <exception cref="AdapterException">The request has no result.</exception>
    public object GetResult() => Fault is not null ? throw Fault : Result!;
}
