using System.Text.Encodings.Web;
using System.Text.Json;

namespace Conformance.Adapters.Exec;

/// <summary>
/// The adapter side of the exec protocol (docs/protocol.md; it answers the newest version both sides speak) for a runtime that is a .NET object: serves
/// any <see cref="IRuntimeAdapter"/> over a pair of streams, one request per line in, one reply per line
/// out, in order. The CLI's <c>serve</c> verb puts the reference runtime (and the zoo's broken variants)
/// behind it, so the exec client and the suite can be run end to end against a runtime whose verdicts
/// are known; the Go adapter (adapters/go) is the same protocol from inside a real Go runtime.
/// </summary>
/// <remarks>
/// Guarantees: every request line gets exactly one reply line; nothing else is written to
/// <c>output</c>. A line that is not a request (not UTF-8 JSON, no integer id, longer than
/// <see cref="MaxLineBytes"/>) is answered <c>bad-request</c> with id -1 and skipped; a request with a
/// missing or ill-formed argument is answered <c>bad-request</c> naming the field. A served adapter's
/// <see cref="AdapterException"/> becomes <c>fault</c> for <c>read</c> (the runtime's memory is not
/// mapped there) and <c>internal</c> otherwise; its <see cref="NotSupportedException"/> is <c>unsupported</c> (the
/// runtime has no such thing to observe), any other exception <c>internal</c>.
/// A runtime's refusals stay data, as in the interface (<c>createType</c>'s <c>panic</c>, <c>makeMap</c>'s <c>throw</c>).
/// </remarks>
public static class ExecServer
{
    /// <summary>The longest request line read, in bytes without the newline (the exec client's default reply limit too).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>The longest read served, in bytes (requests.schema.json allows adapters to refuse more).</summary>
    public const int MaxReadBytes = 262144;

    /// <summary>Answers requests from <paramref name="input"/> on <paramref name="output"/> until the input ends.</summary>
    /// <param name="adapter">The runtime served.</param>
    /// <param name="input">Requests, one JSON object per line.</param>
    /// <param name="output">Replies, one JSON object per line; flushed after each reply.</param>
    /// <returns>How many lines were answered.</returns>
    /// <exception cref="IOException">Writing a reply failed (the client went away).</exception>
    public static long Serve(IRuntimeAdapter adapter, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        return Serve(adapter, null, input, output);
    }

    /// <summary>
    /// Answers requests as <see cref="Serve(IRuntimeAdapter, Stream, Stream)"/> does, for a runtime that
    /// <paramref name="start"/> makes: <c>reset</c> disposes the current instance and answers with a fresh one
    /// (handles issued before are then unknown), so a client needing fresh instances keeps this process.
    /// </summary>
    /// <param name="start">Makes a fresh instance of the runtime served; called once at the start and once per reset. Every instance made is disposed here.</param>
    /// <param name="input">Requests, one JSON object per line.</param>
    /// <param name="output">Replies, one JSON object per line; flushed after each reply.</param>
    /// <returns>How many lines were answered.</returns>
    public static long Serve(Func<IRuntimeAdapter> start, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(start);
        return Serve(start(), start, input, output);
    }

    private static long Serve(IRuntimeAdapter adapter, Func<IRuntimeAdapter>? start, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var lines = new LineReader(input, MaxLineBytes);
        // Replies are read by programs and by people (logs): quotes and apostrophes stay as they are.
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long answered = 0;
        try
        {
            for (; lines.Next() is var (line, length, _); answered++)
            {
                JsonSerializer.Serialize(writer, length > MaxLineBytes
                    ? Error(-1, ErrorBody.BadRequest, $"request line longer than {MaxLineBytes} bytes (skipped)")
                    : Answer(ref adapter, start, line.Span), ProtocolJson.Default.Reply);
                writer.Flush();
                writer.Reset();
                output.Write("\n"u8);
                output.Flush();
            }
        }
        finally
        {
            if (start is not null)
            {
                adapter.Dispose();
            }
        }
        return answered;
    }

    private static Reply Answer(ref IRuntimeAdapter adapter, Func<IRuntimeAdapter>? start, ReadOnlySpan<byte> line)
    {
        // The frame first: a bad argument is answered with the request's id, so the id is read apart from the rest.
        var frame = Frame.Read(line, out var problem);
        var id = frame?.Id is { } i and >= 0 ? i : -1;
        var op = frame?.Op ?? "";
        var bad = frame switch
        {
            null => $"not a JSON request line: {problem}",
            { Id: null or < 0 } => "a request is a JSON object with a non-negative integer \"id\"",
            _ when !ProtocolJson.Ops.ContainsKey(op) => frame.Value.HasOp ? frame.Value.Op is not null ? $"unknown op \"{op}\"" : "\"op\" must be a string" : "missing \"op\"",
            _ => null,
        };
        if (bad is not null)
        {
            return Error(id, ErrorBody.BadRequest, bad);
        }
        Request? request = null;
        try
        {
            // As the op's own type ("op" is then an argument no request has, and is ignored); the result is made whole
            // before anything is written, so a failure half-way is an error reply, never half a result.
            request = (Request)JsonSerializer.Deserialize(line, ProtocolJson.Default.GetTypeInfo(ProtocolJson.Ops[op])!)!;
            if (request is ResetRequest && start is not null)
            {
                var fresh = start();
                adapter.Dispose();
                adapter = fresh;
                return new Reply(id, true, new EmptyResult());
            }
            return new Reply(id, true, Answer(adapter, request));
        }
#pragma warning disable CA1031 // Any failure of the served runtime is an "internal" reply: the protocol has no other way to say it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e switch
            {
                JsonException j when request is null || j is WireException => Error(id, ErrorBody.BadRequest, $"{op}: {WireException.Describe(j)}"),
                MemoryFaultException => Error(id, ErrorBody.Fault, e.Message),
                AdapterException => Error(id, request is ReadRequest ? ErrorBody.Fault : ErrorBody.Internal, e.Message),
                NotSupportedException => Error(id, ErrorBody.Unsupported, e.Message),
                _ => Error(id, ErrorBody.Internal, $"{op}: {e.GetType().Name}: {e.Message}"),
            };
        }
    }

    /// <summary>The served runtime's answer to <paramref name="request"/>, one arm per op (IRuntimeAdapter's members, mirrored).</summary>
    private static Message Answer(IRuntimeAdapter a, Request request) => request switch
    {
        HelloRequest r => new HelloResult(r.Protocols.Where(ExecProtocol.Versions.Contains).DefaultIfEmpty(ExecProtocol.Version).Max(), new(a.Info.Name, a.Info.Version),
            new(a.Info.Arch.WordBits, a.Info.Arch.BigEndian ? "big" : "little"), [.. a.Info.Features.Order(StringComparer.Ordinal)]),
        RegionsRequest q => (a.Regions(), q.Protection != false) is var (m, p) ? new RegionsResult(Region(m.Table, p), Region(m.StaticZero, p),
            Region(m.CompilerZero, p), [.. m.ZeroBuffers.Select(z => Region(z, p))!],
            m.MoreCompilerZeros.Count == 0 ? null : [.. m.MoreCompilerZeros.Select(z => Region(z, p))!]) : null!,
        ReadRequest r => new ReadResult(a.Read(r.Address, r.Length)),
        CreateTypeRequest { Kind: TypeKind.Array or TypeKind.Struct } r => Created(a.CreateType(r.Kind, r.Size ?? throw new WireException("missing \"size\""), null)),
        CreateTypeRequest r => Created(a.CreateType(r.Kind, 0, new TypeRef((r.Element ?? throw new WireException("missing \"element\"")).Value))),
        CompilerTypesRequest => new CompilerTypesResult([.. a.CompilerTypes().Select(Created)]),
        ZeroPointerRequest r => new ZeroPointerResult(a.ZeroPointer(new TypeRef(r.Type.Value))),
        MakeMapRequest r => a.MakeMap(new TypeRef(r.Element.Value)) is var m ? new MakeMapResult(m.Map is { } h ? Handle(h.Id) : null, m.Allocated, m.Throw) : null!,
        LookupMissingRequest r => a.LookupMissing(new MapRef(r.Map.Value), r.Key) is var l && l.Absent
            ? new LookupResult(l.Allocated, Absent: true) : new LookupResult(l.Allocated, l.Zero),
        AssignRequest r => Done(() => a.Assign(new MapRef(r.Map.Value), r.Key, (byte)r.Fill)),
        ConvertRequest r => Pointed(a.Convert(r.Kind, r.Bits)),
        OneByteStringRequest r => Pointed(a.OneByteString((byte)r.Value)),
        EmptyStringRequest => Pointed(a.EmptyString()),
        NilSliceRequest => Pointed(a.NilSlice()),
        EmptySliceRequest => Pointed(a.EmptySlice()),
        ScanRequest r => a.Scan(r.Address, r.Size, 0) is var s && s.BytesRead == r.Size
            ? new ScanReply(s.NonZero, s.FirstNonZero) : throw new NotSupportedException("scan: the served runtime samples large ranges; read them instead"),
        ResetRequest => throw new NotSupportedException("reset: this runtime is served without a way to make a fresh instance; start a new process"),
        RaceFirstUseRequest r => new RaceResult([.. a.RaceFirstUse([.. r.Types.Select(t => new TypeRef(t.Value))], r.Threads)
            .Select(thread => thread.Select(s => new Sighting(s.Zero, s.Ready)).ToArray())]),
        _ => throw new InvalidOperationException($"no answer for {request}"),
    };

    private static Reply Error(long id, string code, string message) => new(id, false, Error: new ErrorBody(code, message));

    private static Handle Handle(long id) => id is >= 0 and <= int.MaxValue
        ? new(id) : throw new AdapterException($"the served runtime issued handle {id}, outside the protocol's 0..2^31-1");

    private static RegionResult? Region(Region? r, bool protection) => r is null ? null : new(r.Name, r.Base, r.Size, protection ? r.Protection : null);

    private static CreatedTypeResult Created(CreatedType t) =>
        t.Panic is null ? new((int)Handle(t.Type.Id).Value, t.Allocated, t.Size) : new(-1, t.Allocated, Panic: t.Panic);

    private static PointedResult Pointed(Pointed p) => new(p.Data, p.Allocated);

    private static EmptyResult Done(Action action)
    {
        action();
        return new();
    }
}
