using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Conformance.Adapters.Exec;

/// <summary>
/// The exec-protocol client: runs an adapter program (no shell) and speaks the newest protocol both sides
/// speak over its stdin/stdout (docs/protocol.md). Every adapter failure (crash, hang, garbage, contradiction) is an
/// <see cref="AdapterException"/> naming the fault, the request and the adapter; results received
/// before a fault are kept. A failed process is replaced, at most <see cref="ExecAdapterOptions.MaxRestarts"/>
/// times, and later requests go to the new one (handles of the old one are then stale).
/// </summary>
/// <remarks>
/// Not thread-safe: members are called from one thread at a time (as <see cref="IRuntimeAdapter"/> says).
/// stderr is drained continuously into <see cref="Stderr"/> and never read as results.
/// </remarks>
public sealed class ExecAdapter : IRuntimeAdapter, IBatchingAdapter
{
    private readonly ExecAdapterOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private AdapterProcess? _process;
    private int _instances;
    private int _generation; // the runtime instance handles belong to (Stale)
    private long _nextId = 1;
    private bool _fatal;
    private bool _disposed;
    private RuntimeInfo? _info;
    private bool _scanUnsupported; // the adapter answered scan unsupported or bad-request: read instead
    private ExecInstancePool? _pool; // set while lent by a pool: Dispose resets the adapter and gives it back
    private readonly ReadAhead? _ahead; // null: one request per round trip
    private AdapterException? _lostAhead; // the process died answering a request read ahead that nobody asked yet

    private ExecAdapter(ExecAdapterOptions options)
    {
        _options = options;
        _ahead = options.ReadAhead ? new ReadAhead() : null;
        Stderr = new StderrLog(options.StderrLogLines, options.StderrLineChars, options.StderrSink);
    }

    /// <summary>The spec whose features a handshake may claim (spec/features.md: the one list of features, and their exclusions).</summary>
    private static readonly Lazy<Requirements.RequirementCatalog> Spec = new(Requirements.RequirementCatalog.LoadEmbedded);

    /// <inheritdoc/>
    public RuntimeInfo Info => _info ?? throw new InvalidOperationException("the adapter has not completed a handshake");

    /// <summary>The adapter's diagnostics (stderr), bounded.</summary>
    public StderrLog Stderr { get; }

    /// <summary>How many times the process was replaced after a failure.</summary>
    public int Restarts => Math.Max(0, _instances - 1);

    /// <summary>The protocol version the adapter answered in its hello (0 before the handshake).</summary>
    public int Protocol { get; private set; }

    /// <summary>The process id of the current adapter process, or null when none runs.</summary>
    public int? ProcessId => _process?.Pid;

    private string Adapter => _process is null ? $"'{_options.Display}'" : $"'{_options.Display}' (pid {_process.Pid}, instance {_process.Instance})";

    /// <summary>Starts the adapter and performs the handshake.</summary>
    /// <exception cref="AdapterException">The program did not start, or the handshake failed (wrong protocol version, bad reply).</exception>
    public static ExecAdapter Start(ExecAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var adapter = new ExecAdapter(options);
        try
        {
            adapter.EnsureProcess();
            return adapter;
        }
        catch
        {
            adapter.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends every request before reading any reply (the adapter may answer as soon as it likes), then
    /// collects the replies. Returns one reply per request, in request order. A fault ends the batch:
    /// the request it stands for carries it, requests still unanswered carry an
    /// <see cref="ExecFault.Aborted"/> fault, and earlier replies are kept.
    /// </summary>
    /// <exception cref="AdapterException">No process could be (re)started for the batch.</exception>
    internal IReadOnlyList<ExecReply> Submit(IReadOnlyList<Request> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        _ahead?.Forget(); // the batch may change the state
        return Batch(requests);
    }

    private IReadOnlyList<ExecReply> Batch(IReadOnlyList<Request> requests)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (requests.Count == 0)
        {
            return [];
        }
        var process = EnsureProcess();
        _batches++;
        _requests += requests.Count;
        // Ids are consecutive within a batch: request i has id first + i.
        var first = _nextId;
        _nextId += requests.Count;
        var replies = new ExecReply?[requests.Count];
        var sent = new Request?[requests.Count];
        var lines = new ArrayBufferWriter<byte>(64 * requests.Count);
        using (var writer = new Utf8JsonWriter(lines))
        {
            for (var i = 0; i < requests.Count; i++)
            {
                if (Stale(requests[i]) is { } stale)
                {
                    replies[i] = new ExecReply(requests[i], first + i, null, stale);
                    continue;
                }
                sent[i] = requests[i] with { Id = first + i };
                JsonSerializer.Serialize(writer, sent[i], ProtocolJson.Default.Request);
                writer.Flush();
                writer.Reset();
                lines.Write("\n"u8);
            }
        }
        process.Write(lines.WrittenMemory);
        // The oldest unanswered request is found by a cursor that only moves forward: O(n) per batch.
        for (var (oldest, pending) = (0, sent.Count(m => m is not null)); pending > 0; pending--)
        {
            while (replies[oldest] is not null)
            {
                oldest++;
            }
            if (Collect(process, requests, sent, replies, first, oldest) is { } fault)
            {
                for (var i = oldest; i < replies.Length; i++)
                {
                    replies[i] ??= new ExecReply(requests[i], first + i, null, i == oldest ? fault : Fault(ExecFault.Aborted,
                        $"not answered: request {Named(requests, first, oldest)} of the same batch faulted first", Named(requests, first, i), fault));
                }
                Fail();
                break;
            }
        }
        return [.. replies.Select(r => r!)];
    }

    /// <summary>Waits for one reply (to any request of the batch) and files it; returns the fault that ends the batch, or null.</summary>
    private AdapterException? Collect(AdapterProcess process, IReadOnlyList<Request> requests, Request?[] sent, ExecReply?[] replies, long first, int oldest)
    {
        AdapterException Oldest(ExecFault fault, string what) => Fault(fault, what, Named(requests, first, oldest));
        var remaining = _options.RunTimeout - _clock.Elapsed;
        var wait = remaining < _options.RequestTimeout ? remaining : _options.RequestTimeout;
        if (!process.TryTake(out var ev, wait))
        {
            _fatal |= wait == remaining;
            return wait == remaining ? Oldest(ExecFault.RunTimeout, $"the run's time budget of {_options.RunTimeout} is used up")
                : Oldest(ExecFault.Hang, $"no reply within {_options.RequestTimeout}");
        }
        if (ev is not { } line || !line.Complete || line.Length > _options.MaxLineBytes)
        {
            return ev is null && process.Deaf ? Oldest(ExecFault.Hang, $"the adapter stopped reading its stdin (earlier requests unread): a write of requests waited {_options.RequestTimeout}; killed")
                : ev is not { } partial ? process.ExitCode(TimeSpan.FromSeconds(2)) is var code && code == 0
                    ? Oldest(ExecFault.EarlyExit, "the adapter exited with status 0 before answering")
                    : Oldest(ExecFault.Crash, $"{(code is { } status ? $"the adapter died ({ExitText(status)})" : "the adapter closed its stdout and had not exited 2 s later (killed)")} before answering; stderr tail: {StderrTail()}")
                : partial.Length > _options.MaxLineBytes ? Oldest(ExecFault.Oversized, $"a stdout line of {partial.Length} bytes or more, over the limit of {_options.MaxLineBytes}")
                : Oldest(ExecFault.PartialLine, $"stdout ended inside a line ({partial.Length} bytes without a newline: {Excerpt(partial.Bytes)})");
        }
        // The frame first: it tells malformed (framing is lost: the process goes) and wrong-id before the body is read.
        var frame = Frame.Read(line.Bytes, out var problem);
        var body = frame?.Ok is { } ok ? ok ? frame.Value.Result : frame.Value.Error : null;
        problem = problem.Length > 0 ? problem : frame!.Value switch
        {
            { Id: null } => "no integer \"id\"",
            { Ok: null } => "no boolean \"ok\"",
            { Ok: var isOk } when body is null => isOk == true ? "no \"result\" object" : "no \"error\" object",
            _ => "",
        };
        if (problem.Length > 0)
        {
            return Oldest(ExecFault.Malformed, $"not a reply: {problem}: {Excerpt(line.Bytes)}");
        }
        var (id, result) = (frame!.Value.Id!.Value, frame.Value.Ok!.Value);
        var index = id - first;
        if (index < 0 || index >= sent.Length || sent[index] is null || replies[index] is not null)
        {
            return Oldest(ExecFault.WrongId, $"a reply with id {id}, which is not an outstanding request");
        }
        var request = requests[(int)index];
        string Name() => Named(requests, first, (int)index); // only a fault names it
        try
        {
            var bytes = line.Bytes.AsSpan(body!.Value);
            var error = result ? null : JsonSerializer.Deserialize(bytes, ProtocolJson.Default.ErrorBody)!;
            replies[index] = error is null
                ? new ExecReply(request, id, Result(bytes, sent[index]!.ResultInfo), null)
                : new ExecReply(request, id, null, Fault(ExecFault.ErrorReply, $"the adapter answered error \"{error.Code}\": {error.Message}", Name()), error.Code);
        }
        catch (JsonException e)
        {
            // A body that does not fit its message, in a framed line: the process is kept.
            replies[index] = new ExecReply(request, id, null, Fault(
                e is WireException { IsContradiction: true } ? ExecFault.Contradiction : result ? ExecFault.Malformed : ExecFault.ErrorReply,
                $"{(result ? "" : "an error reply without a valid error object: ")}{WireException.Describe(e)}", Name()));
        }
        return null;
    }

    /// <summary>
    /// A result body as its message. A region map repeated byte for byte (every planned case asks for one first) is the
    /// message read from those bytes before, not parsed again: reading is a function of the bytes, and the message is
    /// immutable (its arrays are copied by <see cref="Map"/>, never handed out). Deserializing a Go region map takes
    /// 2.7 us, a sixth of what a check cost the client in steady state.
    /// </summary>
    private object Result(ReadOnlySpan<byte> body, JsonTypeInfo info)
    {
        if (info != RegionsInfo)
        {
            return JsonSerializer.Deserialize(body, info)!;
        }
        if (_lastRegions is { } last && body.SequenceEqual(last.Body))
        {
            return last.Map;
        }
        var map = JsonSerializer.Deserialize(body, info)!;
        _lastRegions = (body.ToArray(), map);
        return map;
    }

    private static readonly JsonTypeInfo RegionsInfo = ProtocolJson.Default.RegionsResult;
    private (byte[] Body, object Map)? _lastRegions;

    /// <summary>How messages name request <paramref name="index"/> of a batch: its id, op and arguments.</summary>
    private static string Named(IReadOnlyList<Request> requests, long first, int index) => $"{first + index} ({requests[index].Summary})";

    /// <summary>An adapter fault naming this adapter.</summary>
    private AdapterException Fault(ExecFault fault, string what, string? request, Exception? inner = null) =>
        ExecFaults.Make(fault, what, request, Adapter, inner);

    private static string Excerpt(byte[] line) =>
        $"\"{string.Concat(line.Take(80).Select(b => b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' ? $"{(char)b}" : $"\\x{b:x2}"))}\"{(line.Length > 80 ? "..." : "")}";

    private static string ExitText(int code) => code switch
    {
        > 128 and < 160 => $"exit status {code}, signal {code - 128}",
        _ => $"exit status {code}",
    };

    private string StderrTail() => Stderr.Recent() is { Count: > 0 } recent ? string.Join(" | ", recent.TakeLast(3)) : "(empty)";

    private void Fail()
    {
        _process?.Kill();
        _process?.Dispose();
        _process = null;
    }

    /// <summary>The running process, starting (or restarting) one with a handshake if needed.</summary>
    private AdapterProcess EnsureProcess()
    {
        if (_process is not null)
        {
            return _process;
        }
        if (_fatal || _instances > _options.MaxRestarts)
        {
            throw Fault(ExecFault.RestartsExhausted, _fatal
                ? "the adapter failed in a way a restart cannot mend (handshake or time budget); no more restarts"
                : $"the adapter failed {_instances} times; no more restarts (at most {_options.MaxRestarts})", null);
        }
        _process = AdapterProcess.Start(_options, Stderr, ++_instances);
        _generation++;
        var reply = Batch([new HelloRequest([.. ExecProtocol.Versions])])[0];
        var hello = reply.Result as HelloResult;
        var info = hello is null ? null : new RuntimeInfo(hello.Runtime.Name, hello.Runtime.Version,
            new Arch(hello.Arch.WordBits, hello.Arch.ByteOrder == "big"), hello.Features.ToHashSet(StringComparer.Ordinal));
        var fault = reply.Fault is { } f ? Fault(ExecFault.Handshake, "no valid handshake: " + f.Message, "hello", f)
            : !ExecProtocol.Versions.Contains(hello!.Protocol) ? Fault(ExecFault.ProtocolVersion,
                $"the adapter speaks protocol {hello.Protocol}; this client speaks protocols {string.Join(", ", ExecProtocol.Versions)}", "hello")
            : Spec.Value.ClaimProblem(hello.Features) is { } problem ? Fault(ExecFault.Handshake, problem, "hello")
            : _info is not null && Protocol != hello.Protocol ? Fault(ExecFault.Contradiction,
                $"the restarted adapter speaks protocol {hello.Protocol}, the first spoke {Protocol}", "hello")
            : _info is not null && Describe(_info) != Describe(info!) ? Fault(ExecFault.Contradiction,
                $"the restarted adapter describes itself differently ({Describe(info!)}) from the first ({Describe(_info)})", "hello")
            : null;
        if (fault is not null)
        {
            if (info is not null)
            {
                fault.Data["arch"] = info.Arch; // a runtime that cannot start still names its architecture (the report's header)
            }
            _fatal = reply.Fault is null || ExecFaults.Of(reply.Fault) != ExecFault.Hang; // only a hang may mend with a restart
            Fail();
            throw fault;
        }
        _info ??= info;
        Protocol = hello!.Protocol;
        return _process!;
    }

    /// <summary>Lends this adapter to <paramref name="pool"/>'s borrower (Dispose gives it back after a reset).</summary>
    internal ExecAdapter LentBy(ExecInstancePool pool)
    {
        _pool = pool;
        return this;
    }

    private static string Describe(RuntimeInfo i) => $"{i.Name} {i.Version} {i.Arch} [{string.Join(' ', i.Features.Order(StringComparer.Ordinal))}]";

    // ---- handles: the client's id carries the runtime instance, so handles of a restarted or reset runtime are refused.

    // The high half of a client handle is the runtime instance that issued it: a new one per process start and per
    // successful reset (a reset runtime knows nothing of the handles it issued before, though the process is the same).
    // Asked for every request sent (twice when read-ahead is on): a loop, no delegate per request; a fault only when stale.
    private AdapterException? Stale(Request request)
    {
        foreach (var h in request.Handles)
        {
            if (_process is null || h.Value >> 32 != _generation)
            {
                return Fault(ExecFault.StaleHandle,
                    $"handle {h.Value} was issued by runtime instance {h.Value >> 32}; instance {(_process is null ? "none" : $"{_generation}")} runs now", null);
            }
        }
        return null;
    }

    private long FromAdapterHandle(long handle) => ((long)_generation << 32) | (uint)handle;

    // ---- typed members: the op's result message, and what only the client can check (against the request or the handshake).

    private T One<T>(Request request) => (T)Send(request).GetResult();

    /// <summary>Requests sent to this adapter's processes, in how many batches (round trips), and how many answers came from read-ahead.</summary>
    public (long Requests, long Batches, long ReadAheadHits) Traffic => (_requests, _batches, _ahead?.Hits ?? 0);

    private long _requests, _batches;

    /// <summary>
    /// One request of the <see cref="IRuntimeAdapter"/> members: answered from <see cref="ReadAhead"/> when it was read
    /// ahead, otherwise sent (with the read-only requests likely to follow it, when it may change the state).
    /// </summary>
    private ExecReply Send(Request request)
    {
        if (_ahead is null)
        {
            return Batch([request])[0];
        }
        bool known = Stale(request) is null;
        if (known && ReadAhead.IsReadOnly(request) && _ahead.Take(request) is { } early)
        {
            if (early.Fault is { } fault && _lostAhead?.InnerException == fault)
            {
                _lostAhead = null; // the death of the process is reported here, once
            }
            return early with { Request = request };
        }
        if (_lostAhead is { } lost)
        {
            _lostAhead = null;
            _ahead.Forget();
            throw lost;
        }
        if (!known || _process is null)
        {
            _ahead.Forget(); // a stale handle (Batch reports it), or a new process to start: nothing is read ahead
            return Batch([request])[0];
        }
        if (ReadAhead.IsReadOnly(request))
        {
            var reply = Batch([request])[0];
            _ahead.KeepAsked(request, reply);
            return reply;
        }
        var extra = _ahead.Before(request);
        var replies = Batch([request, .. extra]);
        if (!replies[0].IsOk)
        {
            _ahead.Forget(); // the requests read ahead were not answered (aborted) or answer a state nobody asked about
            return replies[0];
        }
        var answered = Enumerable.Range(0, extra.Count).Where(i => replies[i + 1].Fault is not { } f || ExecFaults.Of(f) != ExecFault.Aborted).ToList();
        foreach (int i in answered)
        {
            _ahead.Keep(extra[i], replies[i + 1]);
        }
        if (_process is null && answered.Select(i => replies[i + 1]).LastOrDefault(r => r.Fault is not null && r.ErrorCode is null)?.Fault is { } died)
        {
            // The process died answering a request read ahead. Asked for, the answer throws this fault; never asked
            // for, the next request that was not read ahead does, so that the death is reported, not hidden behind a restart.
            _lostAhead = new AdapterException($"{died.Message} (a request read ahead after {request.Summary})", died);
            _lostAhead.Data["fault"] = died.Data["fault"];
        }
        return replies[0];
    }

    private AdapterException Contradiction(string what, Request request) => Fault(ExecFault.Contradiction, what, request.Summary);

    /// <inheritdoc/>
    public RegionMap Regions() => Map(Send(RegionsAsked));

    /// <summary>The regions request the client sends: without protection, which nothing in the suite judges and which costs the adapter more than the rest of the answer.</summary>
    internal static readonly RegionsRequest RegionsAsked = new(Protection: false);

    private static RegionMap Map(ExecReply reply)
    {
        var r = (RegionsResult)reply.GetResult();
        return new RegionMap(Region(r.Table), Region(r.StaticZero), Region(r.CompilerZero), [.. r.ZeroBuffers.Select(Region)!])
        {
            MoreCompilerZeros = [.. (r.MoreCompilerZeros ?? []).Select(Region)!],
        };
    }

    /// <inheritdoc/>
    public byte[] Read(ulong address, int length) => Bytes(Send(new ReadRequest(address, length)), address, length);

    private byte[] Bytes(ExecReply reply, ulong address, int length)
    {
        var bytes = ((ReadResult)FaultedRead(reply, address, (ulong)length).GetResult()).Bytes;
        return bytes.Length == length ? bytes : throw Contradiction($"{bytes.Length} bytes returned for a read of {length}", reply.Request);
    }

    /// <summary>
    /// The operations in one round trip when any may change the state (and read-ahead is on: without it, one request
    /// per round trip); read-only ones alone go one by one, where read-ahead may already hold their answers. A request
    /// after a failure that ended the exchange was never executed: its answer says so, and it is sent again when asked.
    /// </summary>
    IReadOnlyList<Answer> IBatchingAdapter.RunAll(IReadOnlyList<Operation> operations)
    {
        if (_ahead is null || _process is null || _lostAhead is not null || !operations.Any(o => o.Changes))
        {
            return Batching.OneByOne(this, operations);
        }
        var requests = operations.Select(Request (o) => o switch
        {
            Operation.Regions => RegionsAsked,
            Operation.Read r => new ReadRequest(r.Address, r.Length),
            Operation.Convert c => new ConvertRequest(c.Kind, c.Bits),
            Operation.OneByteString b => new OneByteStringRequest(b.Value),
            _ => throw new InvalidOperationException($"harness: no request for {o}"),
        }).ToList();
        _ahead.Forget(); // the exchange may change the state
        var replies = Batch(requests);
        return [.. operations.Select((o, i) => replies[i] is { Fault: { } f } && ExecFaults.Of(f) == ExecFault.Aborted ? Adapters.Answer.Unrun : Answered(o, replies[i]))];
    }

    private Answer Answered(Operation op, ExecReply reply)
    {
        try
        {
            return Adapters.Answer.Of(op switch
            {
                Operation.Regions => Map(reply),
                Operation.Read r => Bytes(reply, r.Address, r.Length),
                _ => Pointed((PointedResult)reply.GetResult()),
            });
        }
        catch (Exception e) when (e is AdapterException or MemoryFaultException)
        {
            return Adapters.Answer.Threw(e);
        }
    }

    /// <inheritdoc/>
    public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element) => Created(One<CreatedTypeResult>(
        new CreateTypeRequest(kind, kind is TypeKind.Array or TypeKind.Struct ? length : null, element is { } e ? new Handle(e.Id) : null)));
    /// <inheritdoc/>
    public IReadOnlyList<CreatedType> CompilerTypes() => [.. One<CompilerTypesResult>(new CompilerTypesRequest()).Types.Select(Created)];
    /// <inheritdoc/>
    public ulong ZeroPointer(TypeRef type) => One<ZeroPointerResult>(new ZeroPointerRequest(new(type.Id))).Pointer;
    /// <inheritdoc/>
    public MapCreation MakeMap(TypeRef element) => Made(One<MakeMapResult>(new MakeMapRequest(new(element.Id))));
    /// <inheritdoc/>
    public Lookup LookupMissing(MapRef map, ulong key) => One<LookupResult>(new LookupMissingRequest(new(map.Id), key)) is var r && r.Absent == true
        ? Lookup.KeyAbsent(r.Allocated) : Lookup.HandedOut(r.Pointer!.Value, r.Allocated);
    /// <inheritdoc/>
    public void Assign(MapRef map, ulong key, byte fill) => One<EmptyResult>(new AssignRequest(new(map.Id), key, fill));
    /// <inheritdoc/>
    public Pointed Convert(ValueKind kind, ulong bits) => Pointed(One<PointedResult>(new ConvertRequest(kind, bits)));
    /// <inheritdoc/>
    public Pointed OneByteString(byte value) => Pointed(One<PointedResult>(new OneByteStringRequest(value)));
    /// <inheritdoc/>
    public Pointed EmptyString() => Pointed(One<PointedResult>(new EmptyStringRequest()));
    /// <inheritdoc/>
    public Pointed NilSlice() => Pointed(One<PointedResult>(new NilSliceRequest()));
    /// <inheritdoc/>
    /// <exception cref="AdapterException">The adapter speaks protocol 1, which has no emptySlice (the case has no observation).</exception>
    public Pointed EmptySlice() => Protocol >= 2 ? Pointed(One<PointedResult>(new EmptySliceRequest()))
        : throw new AdapterException("the adapter speaks protocol 1, which has no emptySlice operation (protocol 2 has)");

    /// <inheritdoc/>
    /// <remarks>Protocol 2: the adapter counts every byte (<c>scan</c>); an adapter that answers it <c>unsupported</c> or
    /// <c>bad-request</c> is read instead, sampling large ranges, from then on.</remarks>
    public ScanResult Scan(ulong address, ulong length, ulong seed)
    {
        if (ScansInPlace)
        {
            var reply = Send(new ScanRequest(address, length));
            if (reply.ErrorCode is not (ErrorBody.Unsupported or ErrorBody.BadRequest))
            {
                var r = (ScanReply)FaultedRead(reply, address, length).GetResult();
                return r.NonZero > length || r.First >= length
                    ? throw Contradiction($"a scan of {length} bytes found {r.NonZero} non-zero bytes, the first at {r.First}", reply.Request)
                    : new ScanResult(r.NonZero, r.First, length);
            }
            _scanUnsupported = true;
        }
        return ScanPlan.Sample(this, address, length, seed);
    }

    /// <summary>
    /// A read or scan the adapter answered with error <c>fault</c>: the runtime's memory was not readable there. That is what
    /// the runtime did (a case whose requirement says the memory is readable judges it), not an adapter failure.
    /// </summary>
    private static ExecReply FaultedRead(ExecReply reply, ulong address, ulong length) => reply.ErrorCode == ErrorBody.Fault
        ? throw new MemoryFaultException(address, length, reply.Fault?.Message ?? "fault")
        : reply;

    /// <inheritdoc/>
    /// <remarks>A new number at each process start and each successful reset (the same number the client's handles carry).</remarks>
    public long Instance => _generation;

    /// <inheritdoc/>
    public bool ScansInPlace => Protocol >= 2 && !_scanUnsupported;

    /// <summary>
    /// Protocol 2: asks the adapter to return to the state right after its handshake (a fresh instance in the same
    /// process). False when it cannot (protocol 1, or the adapter answered <c>unsupported</c>): then only a new process is fresh.
    /// </summary>
    /// <exception cref="AdapterException">The adapter failed otherwise.</exception>
    public bool TryReset()
    {
        if (Protocol < 2)
        {
            return false;
        }
        var reply = Send(new ResetRequest());
        if (reply.ErrorCode == ErrorBody.Unsupported || reply.GetResult() is not EmptyResult)
        {
            return false;
        }
        _generation++; // handles issued before the reset are stale from now on
        return true;
    }

    private CreatedType Created(CreatedTypeResult t) =>
        t.Panic is null ? new(new TypeRef(FromAdapterHandle(t.Type)), t.Size!.Value, t.Allocated) : new(new TypeRef(-1), 0, t.Allocated, t.Panic);

    private MapCreation Made(MakeMapResult m) => new(m.Map is { } h ? new MapRef(FromAdapterHandle(h.Value)) : null, m.Allocated, m.Throw);

    private static Pointed Pointed(PointedResult r) => new(r.Pointer, r.Allocated);

    private static Region? Region(RegionResult? r) => r is null ? null : new(r.Name, r.Base, r.Size, r.Protection);

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads)
    {
        ArgumentNullException.ThrowIfNull(types);
        var request = new RaceFirstUseRequest([.. types.Select(t => new Handle(t.Id))], threads);
        var sightings = One<RaceResult>(request).Sightings;
        return sightings.Length != threads ? throw Contradiction($"\"sightings\" must hold one array per thread ({threads})", request)
            : sightings.Any(t => t.Length != types.Count) ? throw Contradiction($"each thread must report one sighting per type ({types.Count})", request)
            : [.. sightings.Select(t => (IReadOnlyList<RaceSighting>)[.. t.Select(s => new RaceSighting(s.Zero, s.Ready))])];
    }

    /// <summary>
    /// Closes the adapter's stdin, waits briefly for it to exit, and kills it if it does not. An adapter lent by an
    /// <see cref="ExecInstancePool"/> is reset instead and given back, when it can be (protocol 2's <c>reset</c>).
    /// </summary>
    public void Dispose()
    {
        if (_pool is { } pool && !_disposed)
        {
            _pool = null;
            try
            {
                if (!_fatal && _process is not null && TryReset())
                {
                    pool.Return(this);
                    return;
                }
            }
            catch (AdapterException)
            {
                // A reset that fails leaves nothing to reuse: the process goes, as it would have.
            }
        }
        _disposed = true;
        _process?.Dispose();
        _process = null;
    }
}

/// <summary>
/// Fresh instances of an exec runtime, cheaply: an instance given back is reset (protocol 2's <c>reset</c>) and lent
/// again, so a suite asking for hundreds of fresh instances does not start hundreds of processes. A runtime that
/// cannot reset (protocol 1, or <c>unsupported</c>, as real Go answers) gets a new process per instance, as before.
/// </summary>
/// <param name="options">How to start an instance.</param>
public sealed class ExecInstancePool(ExecAdapterOptions options) : IDisposable
{
    private readonly Stack<ExecAdapter> _spare = new();

    /// <summary>How many processes the pool started.</summary>
    public int Started { get; private set; }

    /// <summary>A fresh instance: a reset spare, or a new process. Dispose it to give it back.</summary>
    /// <exception cref="AdapterException">No process could be started.</exception>
    public ExecAdapter Take()
    {
        if (_spare.TryPop(out var spare))
        {
            return spare.LentBy(this);
        }
        Started++;
        return ExecAdapter.Start(options).LentBy(this);
    }

    internal void Return(ExecAdapter adapter) => _spare.Push(adapter);

    /// <summary>Stops every spare.</summary>
    public void Dispose()
    {
        while (_spare.TryPop(out var a))
        {
            a.Dispose();
        }
    }
}
