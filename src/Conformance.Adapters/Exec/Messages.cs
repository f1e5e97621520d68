using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

#pragma warning disable CS1573 // A parameter is documented where the schema's description should say more than its name (the docs become the schema's descriptions).

namespace Conformance.Adapters.Exec;

// The messages of exec protocols 1 and 2 (docs/protocol.md), one record per request and per result: the one
// declaration of the wire format. ProtocolJson reads and writes them, ExecAdapter sends requests and reads
// results, ExecServer answers requests; docs/protocol/*.schema.json are generated from them, the doc comments
// becoming descriptions (ProtocolSchemaTests fails when a committed schema differs). A parameter with a default
// is optional on the wire. To add an op: its request record and [JsonDerivedType] line, its result record and
// [JsonSerializable] line in ProtocolJson, an arm in ExecServer.Answer, the client's member in ExecAdapter and its row
// in docs/protocol.md (ProtocolSchemaTests checks the row's names against these records). The client sends these
// records as they are (its handles' high halves, naming the runtime instance, never travel: see Handle).

/// <summary>A request: <c>{"op": name, "id": n, ...arguments}</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(HelloRequest), "hello")]
[JsonDerivedType(typeof(RegionsRequest), "regions")]
[JsonDerivedType(typeof(ReadRequest), "read")]
[JsonDerivedType(typeof(CreateTypeRequest), "createType")]
[JsonDerivedType(typeof(CompilerTypesRequest), "compilerTypes")]
[JsonDerivedType(typeof(ZeroPointerRequest), "zeroPointer")]
[JsonDerivedType(typeof(MakeMapRequest), "makeMap")]
[JsonDerivedType(typeof(LookupMissingRequest), "lookupMissing")]
[JsonDerivedType(typeof(AssignRequest), "assign")]
[JsonDerivedType(typeof(ConvertRequest), "convert")]
[JsonDerivedType(typeof(OneByteStringRequest), "oneByteString")]
[JsonDerivedType(typeof(EmptyStringRequest), "emptyString")]
[JsonDerivedType(typeof(NilSliceRequest), "nilSlice")]
[JsonDerivedType(typeof(RaceFirstUseRequest), "raceFirstUse")]
[JsonDerivedType(typeof(EmptySliceRequest), "emptySlice")]
[JsonDerivedType(typeof(ResetRequest), "reset")]
[JsonDerivedType(typeof(ScanRequest), "scan")]
internal abstract record Request : Message
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> HandleProperties = new();

    /// <summary>Client-chosen request id, unique per process instance; echoed in the reply.</summary>
    [JsonPropertyOrder(-1), Range(0, 9007199254740991)]
    public long Id { get; init; }

    /// <summary>How the result message is read.</summary>
    internal abstract JsonTypeInfo ResultInfo { get; }

    /// <summary>The op's name, e.g. "convert".</summary>
    internal string Op => ProtocolJson.Ops.First(o => o.Value == GetType()).Key;

    /// <summary>The op and its arguments as sent, for messages, e.g. "convert(uint16, 0x2)"; a flag that is false ("protection") is left out.</summary>
    internal string Summary => string.Join(", ", JsonSerializer.SerializeToElement(this, ProtocolJson.Default.Request).EnumerateObject()
        .Where(p => p.Name is not ("op" or "id") && p.Value.ValueKind != JsonValueKind.False).Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
        is { Length: > 0 } arguments ? $"{Op}({arguments})" : Op;

    /// <summary>Every handle the request names (the client checks that the runtime instance running issued them).</summary>
    internal IEnumerable<Handle> Handles => HandleProperties.GetOrAdd(GetType(), t => [.. t.GetProperties().Where(p => p.PropertyType == typeof(Handle)
        || p.PropertyType == typeof(Handle?) || p.PropertyType == typeof(Handle[]))]) is { Length: > 0 } properties
        ? properties.SelectMany(p => p.GetValue(this) switch { Handle h => [h], Handle[] a => a, _ => Array.Empty<Handle>() }) : [];
}

/// <summary>A request answered by a <typeparamref name="TResult"/>.</summary>
internal abstract record Request<TResult> : Request where TResult : Message
{
    private static readonly JsonTypeInfo Info = ProtocolJson.Default.GetTypeInfo(typeof(TResult))!; // looked up once, not per reply

    internal sealed override JsonTypeInfo ResultInfo => Info;
}

/// <param name="Protocols">Protocol versions the client speaks.</param>
internal sealed record HelloRequest([property: MinLength(1)] int[] Protocols) : Request<HelloResult>;
/// <param name="Protection">Protocol 2, optional: false when the client does not need the regions' protection, which the adapter may then leave out (reading it can cost more than the rest of the answer: under qemu-user about a millisecond per reading of /proc/self/maps); absent or true: given where known, as before.</param>
internal sealed record RegionsRequest(bool? Protection = null) : Request<RegionsResult>;
/// <param name="Length">Bytes to read, at most the maximum (the hex reply then fits in a line of 1 MiB).</param>
internal sealed record ReadRequest(ulong Address, [property: Range(0, ExecServer.MaxReadBytes)] int Length) : Request<ReadResult>;
/// <param name="Size">array and struct only: the byte count (array: [n]byte; struct: a fresh struct type of exactly that many bytes).</param>
/// <param name="Element">every kind but array and struct: the element (map: value with uint64 key; func: result).</param>
internal sealed record CreateTypeRequest(TypeKind Kind, ulong? Size = null, Handle? Element = null) : Request<CreatedTypeResult>;
internal sealed record CompilerTypesRequest : Request<CompilerTypesResult>;
internal sealed record ZeroPointerRequest(Handle Type) : Request<ZeroPointerResult>;
internal sealed record MakeMapRequest(Handle Element) : Request<MakeMapResult>;
internal sealed record LookupMissingRequest(Handle Map, ulong Key) : Request<LookupResult>;
/// <param name="Fill">Every byte of the element stored.</param>
internal sealed record AssignRequest(Handle Map, ulong Key, [property: Range(0, 255)] int Fill) : Request<EmptyResult>;
/// <param name="Bits">The value's bits; the low (width) bits are used (AR-002).</param>
internal sealed record ConvertRequest(ValueKind Kind, ulong Bits) : Request<PointedResult>;
internal sealed record OneByteStringRequest([property: Range(0, 255)] int Value) : Request<PointedResult>;
internal sealed record EmptyStringRequest : Request<PointedResult>;
internal sealed record NilSliceRequest : Request<PointedResult>;
/// <summary>Protocol 2: an empty, non-nil slice (<c>make([]byte, 0)</c>) converted to an interface.</summary>
internal sealed record EmptySliceRequest : Request<PointedResult>;
/// <summary>Protocol 2, optional: back to the state right after the handshake (no types beyond the compiler's, no maps, no on-demand buffers); earlier handles become invalid. An adapter that cannot answers <c>unsupported</c>.</summary>
internal sealed record ResetRequest : Request<EmptyResult>;
/// <summary>Protocol 2, optional: count the non-zero bytes of [address, address+size) and find the first, reading every byte in the adapter (a zero region judged without its bytes crossing the wire). An adapter without it answers <c>unsupported</c> or <c>bad-request</c>, and the client reads instead.</summary>
internal sealed record ScanRequest(ulong Address, ulong Size) : Request<ScanReply>;
/// <param name="Types">Fresh types, no map made of them yet.</param>
internal sealed record RaceFirstUseRequest(Handle[] Types, [property: Range(1, 256)] int Threads) : Request<RaceResult>;

/// <summary>A reply (written by ExecServer; the client reads its frame first, see <see cref="Frame"/>).</summary>
/// <param name="Id">The id of the request answered; -1 when the request line could not be read.</param>
/// <param name="Result">Given when ok: the $defs entry named after the request's op.</param>
internal sealed record Reply([property: JsonPropertyOrder(-1)] long Id, bool Ok, object? Result = null, ErrorBody? Error = null);
/// <summary>Why a request has no result.</summary>
/// <param name="Code">bad-request: the adapter could not understand the request; unsupported: the runtime has no such thing to observe (the message says why); runtime-panic: the runtime refused (its own message); fault: a read hit unmapped memory; internal.</param>
internal sealed record ErrorBody([property: AllowedValues(ErrorBody.BadRequest, ErrorBody.Unsupported, ErrorBody.RuntimePanic, ErrorBody.Fault, ErrorBody.Internal)] string Code, string Message)
    : Message
{
    // The codes, declared here only: the server writes them, the client falls back on them, the schema's enum is the attribute's list.
    internal const string BadRequest = "bad-request", Unsupported = "unsupported", RuntimePanic = "runtime-panic", Fault = "fault", Internal = "internal";
}

/// <summary>What the adapter says of itself.</summary>
/// <param name="Protocol">The protocol version the adapter speaks; the client refuses any it does not.</param>
/// <param name="Features">What the runtime claims (spec/features.md), decided from its source, never probed.</param>
/// <param name="Notes">Optional free text for humans.</param>
internal sealed record HelloResult(int Protocol, RuntimeName Runtime, ArchInfo Arch, string[] Features, string[]? Notes = null) : Message;
/// <summary>The runtime's name and version.</summary>
internal sealed record RuntimeName([property: MinLength(1)] string Name, [property: MinLength(1)] string Version) : Message;
/// <summary>Word size and byte order.</summary>
/// <param name="Native">Optional: the runtime's own architecture name (GOARCH).</param>
internal sealed record ArchInfo([property: AllowedValues(32, 64)] int WordBits, [property: AllowedValues("little", "big")] string ByteOrder, string? Native = null)
    : Message;
/// <summary>The shared regions, each null where the runtime has none.</summary>
/// <param name="ZeroBuffers">On-demand buffers, oldest first; the last is current.</param>
/// <param name="MoreCompilerZeros">Protocol 2, optional: the compiler zeros of compilation units other than the one compilerZero belongs to, where the runtime has one per unit (gc: a static go.map.zero per package).</param>
internal sealed record RegionsResult([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RegionResult? Table,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RegionResult? StaticZero,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RegionResult? CompilerZero, RegionResult[] ZeroBuffers,
    RegionResult[]? MoreCompilerZeros = null) : Message;
/// <summary>A named memory region.</summary>
/// <param name="Protection">Protocol 2, optional: the permissions of the mappings holding the region (the union when several), as /proc/self/maps writes them; omitted when unknown.</param>
internal sealed record RegionResult(string Name, Word Base, Word Size, [property: RegularExpression("^[r-][w-][x-]$")] string? Protection = null) : Message
{
    // A region past the end of the declared word breaks AR-001, judged by the suite; one past 2^64 is no region at all.
    protected override void Check()
    {
        if (Size > 0 && Size - 1 > ulong.MaxValue - Base)
        {
            throw new WireException($"at {HexConverter.Hex(Base)} of {HexConverter.Hex(Size)} bytes runs past the end of any 64-bit address space", contradiction: true);
        }
    }
}

/// <param name="Bytes">Exactly length bytes, two hex digits each.</param>
internal sealed record ReadResult([property: JsonConverter(typeof(HexBytesConverter))] byte[] Bytes) : Message;
/// <summary>A type made, or the runtime's refusal to make it.</summary>
/// <param name="Type">The type's handle; -1 when panic is given.</param>
/// <param name="Size">Given unless panic is.</param>
/// <param name="Name">Optional: the runtime's name for the type, for diagnostics.</param>
/// <param name="Panic">The runtime refused to make the type (e.g. a reflect panic): its message; then type is -1 and size absent.</param>
internal sealed record CreatedTypeResult(int Type, AllocationResult Allocated, Word? Size = null, string? Name = null, string? Panic = null) : Message
{
    protected override void Check()
    {
        if (Panic is null && Type < 0)
        {
            throw new WireException($"must be a handle 0..{int.MaxValue} unless \"panic\" is given", "type", contradiction: true);
        }
        if (Panic is null && Size is null)
        {
            throw new WireException("is required unless \"panic\" is given", "size");
        }
    }
}

internal sealed record CompilerTypesResult(CreatedTypeResult[] Types) : Message;
/// <param name="Pointer">0: nil, or no per-type zero pointer.</param>
internal sealed record ZeroPointerResult(Word Pointer) : Message;
/// <summary>The map made, or the runtime's fatal error (data, not an error reply): exactly one of map and throw.</summary>
/// <param name="Throw">The runtime's fatal error message (then map is null), or null.</param>
internal sealed record MakeMapResult([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Handle? Map, AllocationResult Allocated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Throw) : Message
{
    protected override void Check()
    {
        if ((Map is null) == (Throw is null))
        {
            throw new WireException("exactly one of \"map\" and \"throw\" must be given", contradiction: true);
        }
    }
}

/// <summary>Heap allocations the operation caused, as the runtime's allocator counts them.</summary>
internal sealed record AllocationResult(ulong Objects, ulong Bytes) : Message
{
    public static implicit operator Allocation(AllocationResult a) => new(a.Objects, a.Bytes);

    public static implicit operator AllocationResult(Allocation a) => new(a.Objects, a.Bytes);
}

/// <summary>A pointer an operation returned, and what the operation allocated.</summary>
/// <param name="Pointer">convert, emptyString, nilSlice, emptySlice: the interface's data word; oneByteString: the string's data.</param>
internal sealed record PointedResult(Word Pointer, AllocationResult Allocated) : Message;
/// <summary>What a missing-key lookup handed out: the zero (pointer), or, in protocol 2, nothing (absent: true). Exactly one of the two.</summary>
/// <param name="Pointer">The element pointer handed out (the zero).</param>
/// <param name="Absent">Protocol 2: true when the runtime handed out no zero and reported the key absent (Go: MapIndex returned the invalid Value). Never pointer 0 for that.</param>
internal sealed record LookupResult(AllocationResult Allocated, Word? Pointer = null, bool? Absent = null) : Message
{
    protected override void Check()
    {
        if ((Pointer is null) != (Absent == true) || Absent == false)
        {
            throw new WireException("exactly one of \"pointer\" and \"absent\": true must be given", contradiction: true);
        }
    }
}

/// <summary>What a scan found.</summary>
/// <param name="NonZero">How many bytes of the range are not zero.</param>
/// <param name="First">The offset of the first non-zero byte from the range's start; absent when there is none.</param>
internal sealed record ScanReply(ulong NonZero, ulong? First = null) : Message;

/// <summary>No result: <c>{}</c>.</summary>
internal sealed record EmptyResult : Message;
/// <param name="Sightings">One array per thread, one sighting per type in request order.</param>
internal sealed record RaceResult(Sighting[][] Sightings) : Message;
/// <summary>What one thread saw of one type: the zero pointer, and whether the memory there was allocated, all zero and long enough, checked right after.</summary>
internal sealed record Sighting(Word Zero, bool Ready) : Message;
