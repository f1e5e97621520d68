using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conformance.Adapters.Exec;

/// <summary>
/// The exec-protocol client: runs an adapter program (no shell) and speaks protocol 1 over its
/// stdin/stdout (docs/protocol.md). Every adapter failure (crash, hang, garbage, contradiction) is an
/// <see cref="AdapterException"/> naming the fault, the request and the adapter; results received
/// before a fault are kept. A failed process is replaced, at most <see cref="ExecAdapterOptions.MaxRestarts"/>
/// times, and later requests go to the new one (handles of the old one are then stale).
/// </summary>
/// <remarks>
/// Not thread-safe: members are called from one thread at a time (as <see cref="IRuntimeAdapter"/> says).
/// stderr is drained continuously into <see cref="Stderr"/> and never read as results.
/// </remarks>
public sealed class ExecAdapter : IRuntimeAdapter
{
    /// <summary>The protocol version this client speaks.</summary>
    public const int ProtocolVersion = 1;

    /// <summary>Feature names a handshake may claim (spec/features.md).</summary>
    public static IReadOnlySet<string> KnownFeatures { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "core", "zero.lazy-types", "zero.shared-static", "zero.on-demand", "zero.compiler-static",
        "small.table", "small.strings", "small.empty", "threads",
    };

    private readonly ExecAdapterOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private AdapterProcess? _process;
    private int _instances;
    private long _nextId = 1;
    private bool _fatal;
    private bool _disposed;
    private RuntimeInfo? _info;

    private ExecAdapter(ExecAdapterOptions options)
    {
        _options = options;
        Stderr = new StderrLog(options.StderrLogLines, options.StderrLineChars, options.StderrSink);
    }

    /// <summary>Starts the adapter and performs the handshake.</summary>
    /// <exception cref="AdapterException">The program did not start, or the handshake failed (wrong protocol version, bad reply).</exception>
    public static ExecAdapter Start(ExecAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var adapter = new ExecAdapter(options);
        try
        {
            adapter.EnsureProcess();
        }
        catch
        {
            adapter.Dispose();
            throw;
        }
        return adapter;
    }

    /// <inheritdoc/>
    public RuntimeInfo Info => _info ?? throw new InvalidOperationException("the adapter has not completed a handshake");

    /// <summary>The adapter's diagnostics (stderr), bounded.</summary>
    public StderrLog Stderr { get; }

    /// <summary>How many times the process was replaced after a failure.</summary>
    public int Restarts => Math.Max(0, _instances - 1);

    /// <summary>The process id of the current adapter process, or null when none runs.</summary>
    public int? ProcessId => _process?.Pid;

    private string Adapter => _process is null ? $"'{_options.Display}'" : $"'{_options.Display}' (pid {_process.Pid}, instance {_process.Instance})";

    /// <summary>
    /// Sends every request before reading any reply (the adapter may answer as soon as it likes), then
    /// collects the replies. Returns one reply per request, in request order. A fault ends the batch:
    /// the request it stands for carries it, requests still unanswered carry an
    /// <see cref="ExecFault.Aborted"/> fault, and earlier replies are kept.
    /// </summary>
    /// <exception cref="AdapterException">No process could be (re)started for the batch.</exception>
    public IReadOnlyList<ExecReply> Submit(IReadOnlyList<ExecRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var replies = new ExecReply?[requests.Count];
        if (requests.Count == 0)
        {
            return [];
        }
        var process = EnsureProcess();
        var pending = new Dictionary<long, int>();
        var lines = new List<byte[]>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var id = _nextId++;
            try
            {
                lines.Add(requests[i].Serialize(id, ToAdapterHandle));
                pending.Add(id, i);
            }
            catch (AdapterException e)
            {
                replies[i] = new ExecReply(requests[i], id, null, e);
            }
        }
        var ids = pending.ToDictionary(kv => kv.Value, kv => kv.Key);
        _ = process.WriteAsync(lines);
        // The oldest unanswered request is found by a cursor that only moves forward: O(n) per batch.
        var oldest = 0;
        while (pending.Count > 0)
        {
            while (replies[oldest] is not null)
            {
                oldest++;
            }
            var fault = Collect(process, requests, pending, replies, oldest, ids[oldest]);
            if (fault is not null)
            {
                replies[oldest] = new ExecReply(requests[oldest], ids[oldest], null, fault);
                pending.Remove(ids[oldest]);
                foreach (var (id, index) in pending)
                {
                    replies[index] = new ExecReply(requests[index], id, null, ExecFaults.Make(ExecFault.Aborted,
                        $"not answered: request {ids[oldest]} ({requests[oldest].Summary}) of the same batch faulted first",
                        $"{id} ({requests[index].Summary})", Adapter, fault));
                }
                pending.Clear();
                Fail();
            }
        }
        return replies.Select(r => r!).ToArray();
    }

    /// <summary>Waits for one reply; returns the fault that ends the batch, or null.</summary>
    private AdapterException? Collect(AdapterProcess process, IReadOnlyList<ExecRequest> requests, Dictionary<long, int> pending, ExecReply?[] replies, int oldest, long oldestId)
    {
        var what = $"{oldestId} ({requests[oldest].Summary})";
        var remaining = _options.RunTimeout - _clock.Elapsed;
        var wait = remaining < _options.RequestTimeout ? remaining : _options.RequestTimeout;
        if (!process.TryTake(out var ev, wait))
        {
            if (wait == remaining)
            {
                _fatal = true;
                return ExecFaults.Make(ExecFault.RunTimeout, $"the run's time budget of {_options.RunTimeout} is used up", what, Adapter);
            }
            return ExecFaults.Make(ExecFault.Hang, $"no reply within {_options.RequestTimeout}", what, Adapter);
        }
        switch (ev.Kind)
        {
            case StdoutEventKind.Oversized:
                return ExecFaults.Make(ExecFault.Oversized, $"a stdout line of {ev.Length} bytes or more, over the limit of {_options.MaxLineBytes}", what, Adapter);
            case StdoutEventKind.Partial:
                return ExecFaults.Make(ExecFault.PartialLine, $"stdout ended inside a line ({ev.Length} bytes without a newline: {Excerpt(ev.Line!)})", what, Adapter);
            case StdoutEventKind.End:
                var code = process.ExitCode(TimeSpan.FromSeconds(2));
                return code == 0
                    ? ExecFaults.Make(ExecFault.EarlyExit, "the adapter exited with status 0 before answering", what, Adapter)
                    : ExecFaults.Make(ExecFault.Crash, $"the adapter died ({ExitText(code)}) before answering; stderr tail: {StderrTail()}", what, Adapter);
            default:
                break;
        }
        if (!TryParseReply(ev.Line!, out var id, out var ok, out var body, out var problem))
        {
            return ExecFaults.Make(ExecFault.Malformed, $"not a reply: {problem}: {Excerpt(ev.Line!)}", what, Adapter);
        }
        if (!pending.TryGetValue(id, out var index))
        {
            return ExecFaults.Make(ExecFault.WrongId, $"a reply with id {id}, which is not an outstanding request", what, Adapter);
        }
        pending.Remove(id);
        var request = requests[index];
        AdapterException? error = null;
        if (!ok)
        {
            var code = body.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : "?";
            var msg = body.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "";
            error = ExecFaults.Make(ExecFault.ErrorReply, $"the adapter answered error \"{code}\": {msg}", $"{id} ({request.Summary})", Adapter);
        }
        replies[index] = new ExecReply(request, id, ok ? body : null, error);
        return null;
    }

    private static bool TryParseReply(byte[] line, out long id, out bool ok, out JsonElement body, out string problem)
    {
        id = 0;
        ok = false;
        body = default;
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(line);
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return false;
            }
            if (!root.TryGetProperty("id", out var idEl) || idEl.ValueKind != JsonValueKind.Number || !idEl.TryGetInt64(out id))
            {
                problem = "no integer \"id\"";
                return false;
            }
            if (!root.TryGetProperty("ok", out var okEl) || (okEl.ValueKind != JsonValueKind.True && okEl.ValueKind != JsonValueKind.False))
            {
                problem = "no boolean \"ok\"";
                return false;
            }
            ok = okEl.ValueKind == JsonValueKind.True;
            var field = ok ? "result" : "error";
            if (!root.TryGetProperty(field, out var b) || b.ValueKind != JsonValueKind.Object)
            {
                problem = $"no \"{field}\" object";
                return false;
            }
            body = b.Clone();
            problem = "";
            return true;
        }
        catch (DecoderFallbackException)
        {
            problem = "not UTF-8";
            return false;
        }
        catch (JsonException e)
        {
            problem = "not JSON (" + e.Message + ")";
            return false;
        }
    }

    private static string Excerpt(byte[] line)
    {
        var n = Math.Min(line.Length, 80);
        var sb = new StringBuilder("\"");
        for (var i = 0; i < n; i++)
        {
            var b = line[i];
            sb.Append(b is >= 0x20 and < 0x7f && b != (byte)'"' && b != (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}");
        }
        return sb.Append(line.Length > n ? "\"..." : "\"").ToString();
    }

    private static string ExitText(int? code) => code switch
    {
        null => "still running or status unknown",
        > 128 and < 160 => $"exit status {code}, signal {code - 128}",
        _ => $"exit status {code}",
    };

    private string StderrTail()
    {
        var recent = Stderr.Recent();
        return recent.Count == 0 ? "(empty)" : string.Join(" | ", recent.Skip(Math.Max(0, recent.Count - 3)));
    }

    private void Fail()
    {
        if (_process is null)
        {
            return;
        }
        _process.Kill();
        _process.Dispose();
        _process = null;
    }

    /// <summary>The running process, starting (or restarting) one with a handshake if needed.</summary>
    private AdapterProcess EnsureProcess()
    {
        if (_process is not null)
        {
            return _process;
        }
        if (_fatal)
        {
            throw ExecFaults.Make(ExecFault.RestartsExhausted, "the adapter failed in a way a restart cannot mend (handshake or time budget); no more restarts", null, Adapter);
        }
        if (_instances > _options.MaxRestarts)
        {
            throw ExecFaults.Make(ExecFault.RestartsExhausted, $"the adapter failed {_instances} times; no more restarts (at most {_options.MaxRestarts})", null, Adapter);
        }
        _instances++;
        _process = AdapterProcess.Start(_options, Stderr, _instances);
        var hello = ExecRequest.Hello(ProtocolVersion);
        var reply = Submit([hello])[0];
        if (reply.Fault is not null)
        {
            Fail();
            _fatal = ExecFaults.Of(reply.Fault) != ExecFault.Hang;
            throw ExecFaults.Make(ExecFault.Handshake, "no valid handshake: " + reply.Fault.Message, "hello", Adapter, reply.Fault);
        }
        RuntimeInfo info;
        try
        {
            info = ParseHello(reply.Result!.Value);
        }
        catch (AdapterException)
        {
            Fail();
            _fatal = true;
            throw;
        }
        if (_info is not null && !SameInfo(_info, info))
        {
            Fail();
            _fatal = true;
            throw ExecFaults.Make(ExecFault.Contradiction, $"the restarted adapter describes itself differently ({Describe(info)}) from the first ({Describe(_info)})", "hello", Adapter);
        }
        _info ??= info;
        return _process!;
    }

    private static bool SameInfo(RuntimeInfo a, RuntimeInfo b) =>
        a.Name == b.Name && a.Version == b.Version && a.Arch == b.Arch && a.Features.SetEquals(b.Features);

    private static string Describe(RuntimeInfo i) => $"{i.Name} {i.Version} {i.Arch} [{string.Join(' ', i.Features.Order(StringComparer.Ordinal))}]";

    private RuntimeInfo ParseHello(JsonElement r)
    {
        AdapterException Bad(string what) => ExecFaults.Make(ExecFault.Handshake, what, "hello", Adapter);
        if (!r.TryGetProperty("protocol", out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out var version))
        {
            throw Bad("the hello reply has no integer \"protocol\"");
        }
        if (version != ProtocolVersion)
        {
            throw ExecFaults.Make(ExecFault.ProtocolVersion,
                $"the adapter speaks protocol {version}; this client speaks protocol {ProtocolVersion} only", "hello", Adapter);
        }
        var runtime = Obj(r, "runtime", "hello");
        var name = Str(runtime, "name", "hello");
        var ver = Str(runtime, "version", "hello");
        var arch = Obj(r, "arch", "hello");
        if (!arch.TryGetProperty("wordBits", out var wb) || !wb.TryGetInt32(out var bits) || bits is not (32 or 64))
        {
            throw Bad("arch.wordBits must be 32 or 64");
        }
        var order = Str(arch, "byteOrder", "hello");
        if (order is not ("little" or "big"))
        {
            throw Bad($"arch.byteOrder must be \"little\" or \"big\", got \"{order}\"");
        }
        if (!r.TryGetProperty("features", out var fs) || fs.ValueKind != JsonValueKind.Array)
        {
            throw Bad("the hello reply has no \"features\" array");
        }
        var features = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fs.EnumerateArray())
        {
            var s = f.ValueKind == JsonValueKind.String ? f.GetString()! : throw Bad("features must be strings");
            if (!KnownFeatures.Contains(s))
            {
                throw Bad($"unknown feature \"{s}\" (spec/features.md lists {string.Join(", ", KnownFeatures)})");
            }
            features.Add(s);
        }
        return new RuntimeInfo(name, ver, new Arch(bits, order == "big"), features);
    }

    // ---- handles: the client's id carries the process instance, so a restarted adapter's handles are refused.

    private long ToAdapterHandle(long handle)
    {
        var instance = handle >> 32;
        if (_process is null || instance != _process.Instance)
        {
            throw ExecFaults.Make(ExecFault.StaleHandle,
                $"handle {handle} was issued by adapter instance {instance}; instance {_process?.Instance.ToString(CultureInfo.InvariantCulture) ?? "none"} runs now",
                null, Adapter);
        }
        return handle & 0xFFFF_FFFF;
    }

    private long FromAdapterHandle(JsonElement e, string field, string request)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var h) || h < 0 || h > int.MaxValue)
        {
            throw Contradiction($"\"{field}\" must be a handle 0..2^31-1", request);
        }
        return ((long)_process!.Instance << 32) | h;
    }

    // ---- typed members

    private JsonElement One(ExecRequest request) => Submit([request])[0].GetResult();

    /// <inheritdoc/>
    public RegionMap Regions()
    {
        var r = One(ExecRequest.Regions());
        return ParseRegions(r);
    }

    /// <summary>Reads a regions result (as <see cref="Regions"/> returns it) from a batch reply.</summary>
    public RegionMap ParseRegions(JsonElement r)
    {
        const string req = "regions";
        Region? Opt(string name) => r.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? ParseRegion(e, req) : null;
        var buffers = new List<Region>();
        if (r.TryGetProperty("zeroBuffers", out var zb) && zb.ValueKind == JsonValueKind.Array)
        {
            buffers.AddRange(zb.EnumerateArray().Select(b => ParseRegion(b, req)));
        }
        return new RegionMap(Opt("table"), Opt("staticZero"), Opt("compilerZero"), buffers);
    }

    private Region ParseRegion(JsonElement e, string req)
    {
        var name = Str(e, "name", req);
        var b = Word(e, "base", req);
        var size = Word(e, "size", req);
        var max = WordMax;
        if (size > max - b + 1 && !(size == 0))
        {
            throw Contradiction($"region {name} at {ExecRequest.Hex(b)} of {ExecRequest.Hex(size)} bytes runs past the end of the {Info.Arch.WordBits}-bit address space", req);
        }
        return new Region(name, b, size);
    }

    /// <inheritdoc/>
    public byte[] Read(ulong address, int length)
    {
        var r = One(ExecRequest.Read(address, length));
        return ParseRead(r, address, length);
    }

    /// <summary>Reads a read result from a batch reply, checking its length.</summary>
    public byte[] ParseRead(JsonElement r, ulong address, int length)
    {
        var req = $"read({ExecRequest.Hex(address)}, {length})";
        var hex = Str(r, "bytes", req);
        byte[] bytes;
        try
        {
            bytes = System.Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw Contradiction("\"bytes\" is not hex", req);
        }
        return bytes.Length == length ? bytes : throw Contradiction($"{bytes.Length} bytes returned for a read of {length}", req);
    }

    /// <inheritdoc/>
    public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element) =>
        ParseCreated(One(ExecRequest.CreateType(kind, length, element)), "createType");

    private CreatedType ParseCreated(JsonElement r, string req) =>
        r.TryGetProperty("panic", out var panic) && panic.ValueKind == JsonValueKind.String
            ? new(new TypeRef(-1), 0, ParseAllocation(r, req), panic.GetString())
            : new(new TypeRef(FromAdapterHandle(Prop(r, "type", req), "type", req)), Word(r, "size", req), ParseAllocation(r, req));

    /// <inheritdoc/>
    public IReadOnlyList<CreatedType> CompilerTypes()
    {
        var r = One(ExecRequest.CompilerTypes());
        var ts = Prop(r, "types", "compilerTypes");
        return ts.ValueKind == JsonValueKind.Array
            ? ts.EnumerateArray().Select(t => ParseCreated(t, "compilerTypes")).ToArray()
            : throw Contradiction("\"types\" must be an array", "compilerTypes");
    }

    /// <inheritdoc/>
    public ulong ZeroPointer(TypeRef type) => Word(One(ExecRequest.ZeroPointer(type)), "pointer", "zeroPointer");

    /// <inheritdoc/>
    public MapCreation MakeMap(TypeRef element)
    {
        const string req = "makeMap";
        var r = One(ExecRequest.MakeMap(element));
        var m = r.TryGetProperty("map", out var me) && me.ValueKind != JsonValueKind.Null ? new MapRef(FromAdapterHandle(me, "map", req)) : (MapRef?)null;
        var t = r.TryGetProperty("throw", out var te) && te.ValueKind == JsonValueKind.String ? te.GetString() : null;
        if ((m is null) == (t is null))
        {
            throw Contradiction("exactly one of \"map\" and \"throw\" must be given", req);
        }
        return new MapCreation(m, ParseAllocation(r, req), t);
    }

    /// <inheritdoc/>
    public Lookup LookupMissing(MapRef map, ulong key)
    {
        var p = ParsePointed(One(ExecRequest.LookupMissing(map, key)), "lookupMissing");
        return Lookup.HandedOut(p.Data, p.Allocated);
    }

    /// <inheritdoc/>
    public void Assign(MapRef map, ulong key, byte fill) => One(ExecRequest.Assign(map, key, fill));

    /// <inheritdoc/>
    public Pointed Convert(ValueKind kind, ulong bits) => ParsePointed(One(ExecRequest.Convert(kind, bits)), "convert");

    /// <inheritdoc/>
    public Pointed OneByteString(byte value) => ParsePointed(One(ExecRequest.OneByteString(value)), "oneByteString");

    /// <inheritdoc/>
    public Pointed EmptyString() => ParsePointed(One(ExecRequest.EmptyString()), "emptyString");

    /// <inheritdoc/>
    public Pointed NilSlice() => ParsePointed(One(ExecRequest.NilSlice()), "nilSlice");

    /// <inheritdoc/>
    public Pointed EmptySlice() => throw new AdapterException("protocol 1 has no emptySlice operation");

    /// <summary>Reads a pointer result (convert, oneByteString, emptyString, nilSlice, lookupMissing) from a batch reply.</summary>
    /// <exception cref="AdapterException">The reply contradicts the handshake (a pointer wider than the word) or lacks a field.</exception>
    public Pointed ParsePointed(JsonElement r, string request) => new(Word(r, "pointer", request), ParseAllocation(r, request));

    /// <summary>Converts many values in one batch; faults are thrown after the batch, the first one first.</summary>
    public IReadOnlyList<Pointed> ConvertMany(IReadOnlyList<(ValueKind Kind, ulong Bits)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var replies = Submit(values.Select(v => ExecRequest.Convert(v.Kind, v.Bits)).ToArray());
        return replies.Select(r => ParsePointed(r.GetResult(), r.Request.Summary)).ToArray();
    }

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads)
    {
        ArgumentNullException.ThrowIfNull(types);
        const string req = "raceFirstUse";
        var r = One(ExecRequest.RaceFirstUse(types, threads));
        var s = Prop(r, "sightings", req);
        if (s.ValueKind != JsonValueKind.Array || s.GetArrayLength() != threads)
        {
            throw Contradiction($"\"sightings\" must hold one array per thread ({threads})", req);
        }
        var result = new List<IReadOnlyList<RaceSighting>>();
        foreach (var thread in s.EnumerateArray())
        {
            if (thread.ValueKind != JsonValueKind.Array || thread.GetArrayLength() != types.Count)
            {
                throw Contradiction($"each thread must report one sighting per type ({types.Count})", req);
            }
            result.Add(thread.EnumerateArray().Select(x =>
                new RaceSighting(Word(x, "zero", req), Prop(x, "ready", req).ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Contradiction("\"ready\" must be a boolean", req),
                })).ToArray());
        }
        return result;
    }

    // ---- field readers: every 64-bit number is a "0x..." string; words must fit the declared word size.

    private ulong WordMax => Info.Arch.WordBits == 64 ? ulong.MaxValue : uint.MaxValue;

    private Allocation ParseAllocation(JsonElement r, string req)
    {
        var a = Obj(r, "allocated", req);
        return new Allocation(U64(a, "objects", req), U64(a, "bytes", req));
    }

    private ulong Word(JsonElement r, string field, string req)
    {
        var v = U64(r, field, req);
        return v <= WordMax ? v : throw Contradiction(
            $"\"{field}\" is {ExecRequest.Hex(v)}, which does not fit the {Info.Arch.WordBits}-bit word the handshake declared", req);
    }

    private ulong U64(JsonElement r, string field, string req)
    {
        var s = Str(r, field, req);
        if (s.Length is < 3 or > 18 || !s.StartsWith("0x", StringComparison.Ordinal) ||
            !ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw Malformed($"\"{field}\" must be a \"0x...\" hex string of at most 64 bits, got \"{s}\"", req);
        }
        return v;
    }

    private JsonElement Prop(JsonElement r, string field, string req) =>
        r.ValueKind == JsonValueKind.Object && r.TryGetProperty(field, out var e) ? e : throw Malformed($"the result has no \"{field}\"", req);

    private JsonElement Obj(JsonElement r, string field, string req)
    {
        var e = Prop(r, field, req);
        return e.ValueKind == JsonValueKind.Object ? e : throw Malformed($"\"{field}\" must be an object", req);
    }

    private string Str(JsonElement r, string field, string req)
    {
        var e = Prop(r, field, req);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Malformed($"\"{field}\" must be a string", req);
    }

    private AdapterException Malformed(string what, string req) => ExecFaults.Make(ExecFault.Malformed, what, req, Adapter);

    private AdapterException Contradiction(string what, string req) => ExecFaults.Make(ExecFault.Contradiction, what, req, Adapter);

    /// <summary>Closes the adapter's stdin, waits briefly for it to exit, and kills it if it does not.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _process?.Dispose();
        _process = null;
    }
}
