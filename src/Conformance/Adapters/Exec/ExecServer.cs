using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conformance.Adapters.Exec;

/// <summary>
/// The adapter side of exec protocol 1 (docs/protocol.md) for a runtime that is a .NET object: serves
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
/// mapped there) and <c>internal</c> otherwise; any other exception of the adapter is <c>internal</c>.
/// A runtime's refusals stay data, as in the interface (<c>createType</c>'s <c>panic</c>, <c>makeMap</c>'s <c>throw</c>).
/// </remarks>
public static class ExecServer
{
    /// <summary>The longest request line read, in bytes without the newline (the client's reply limit, mirrored).</summary>
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
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var lines = new LineReader(input, MaxLineBytes);
        var buffer = new ArrayBufferWriter<byte>(4096);
        // Replies are read by programs and by people (logs): quotes and apostrophes stay as they are.
        var options = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        long answered = 0;
        while (lines.Next(out var line, out var oversized))
        {
            buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(buffer, options))
            {
                if (oversized)
                {
                    WriteError(w, -1, "bad-request", $"request line longer than {MaxLineBytes} bytes (skipped)");
                }
                else
                {
                    Answer(adapter, line, w, options);
                }
            }
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
            output.Flush();
            answered++;
        }
        return answered;
    }

    private static void Answer(IRuntimeAdapter adapter, ReadOnlySpan<byte> line, Utf8JsonWriter w, JsonWriterOptions options)
    {
        JsonDocument doc;
        try
        {
            _ = Strict.GetCharCount(line);
            doc = JsonDocument.Parse(line.ToArray());
        }
        catch (Exception e) when (e is DecoderFallbackException or JsonException)
        {
            WriteError(w, -1, "bad-request", $"not a JSON request line: {e.Message}");
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var idEl) || !idEl.TryGetInt64(out var id) || id < 0)
            {
                WriteError(w, -1, "bad-request", "a request is a JSON object with a non-negative integer \"id\"");
                return;
            }
            var request = new Args(root);
            string op;
            try
            {
                op = request.Str("op");
            }
            catch (BadRequestException e)
            {
                WriteError(w, id, "bad-request", e.Message);
                return;
            }
            // The result is built first, so that a failure half-way writes an error reply, never half a result.
            var result = new ArrayBufferWriter<byte>(256);
            try
            {
                using (var r = new Utf8JsonWriter(result, options))
                {
                    r.WriteStartObject();
                    Dispatch(adapter, op, request, r);
                    r.WriteEndObject();
                }
            }
            catch (BadRequestException e)
            {
                WriteError(w, id, "bad-request", $"{op}: {e.Message}");
                return;
            }
            catch (AdapterException e)
            {
                WriteError(w, id, op == "read" ? "fault" : "internal", e.Message);
                return;
            }
#pragma warning disable CA1031 // Any failure of the served runtime is an "internal" reply: the protocol has no other way to say it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                WriteError(w, id, "internal", $"{op}: {e.GetType().Name}: {e.Message}");
                return;
            }
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteBoolean("ok", true);
            w.WritePropertyName("result");
            w.WriteRawValue(result.WrittenSpan, skipInputValidation: true);
            w.WriteEndObject();
        }
    }

    private static void Dispatch(IRuntimeAdapter a, string op, Args q, Utf8JsonWriter r)
    {
        switch (op)
        {
            case "hello":
                Hello(a.Info, r);
                break;
            case "regions":
                var map = a.Regions();
                WriteRegion(r, "table", map.Table);
                WriteRegion(r, "staticZero", map.StaticZero);
                WriteRegion(r, "compilerZero", map.CompilerZero);
                r.WriteStartArray("zeroBuffers");
                foreach (var b in map.ZeroBuffers)
                {
                    WriteRegion(r, null, b);
                }
                r.WriteEndArray();
                break;
            case "read":
                var length = q.Int("length", 0, MaxReadBytes);
                r.WriteString("bytes", Convert.ToHexStringLower(a.Read(q.Hex("address"), length)));
                break;
            case "createType":
                var kind = q.Str("kind");
                var typeKind = ExecRequest.TryParseTypeKind(kind, out var k) ? k : throw new BadRequestException($"\"kind\": unknown type kind \"{kind}\"");
                WriteCreated(r, typeKind is TypeKind.Array or TypeKind.Struct
                    ? a.CreateType(typeKind, q.Hex("size"), null)
                    : a.CreateType(typeKind, 0, new TypeRef(q.Handle("element"))));
                break;
            case "compilerTypes":
                r.WriteStartArray("types");
                foreach (var t in a.CompilerTypes())
                {
                    r.WriteStartObject();
                    WriteCreated(r, t);
                    r.WriteEndObject();
                }
                r.WriteEndArray();
                break;
            case "zeroPointer":
                r.WriteString("pointer", ExecRequest.Hex(a.ZeroPointer(new TypeRef(q.Handle("type")))));
                break;
            case "makeMap":
                var made = a.MakeMap(new TypeRef(q.Handle("element")));
                if (made.Map is { } m)
                {
                    r.WriteNumber("map", OutHandle(m.Id));
                }
                else
                {
                    r.WriteNull("map");
                }
                WriteAllocation(r, made.Allocated);
                r.WriteString("throw", made.Throw);
                break;
            case "lookupMissing":
                var found = a.LookupMissing(new MapRef(q.Handle("map")), q.Hex("key"));
                WritePointed(r, new Pointed(found.Zero, found.Allocated));
                break;
            case "assign":
                a.Assign(new MapRef(q.Handle("map")), q.Hex("key"), (byte)q.Int("fill", 0, 255));
                break;
            case "convert":
                var value = q.Str("kind");
                var valueKind = ExecRequest.TryParseValueKind(value, out var v) ? v : throw new BadRequestException($"\"kind\": unknown value kind \"{value}\"");
                WritePointed(r, a.Convert(valueKind, q.Hex("bits")));
                break;
            case "oneByteString":
                WritePointed(r, a.OneByteString((byte)q.Int("value", 0, 255)));
                break;
            case "emptyString":
                WritePointed(r, a.EmptyString());
                break;
            case "nilSlice":
                WritePointed(r, a.NilSlice());
                break;
            case "raceFirstUse":
                var types = q.Handles("types");
                var sightings = a.RaceFirstUse(types, q.Int("threads", 1, 256));
                r.WriteStartArray("sightings");
                foreach (var thread in sightings)
                {
                    r.WriteStartArray();
                    foreach (var s in thread)
                    {
                        r.WriteStartObject();
                        r.WriteString("zero", ExecRequest.Hex(s.Zero));
                        r.WriteBoolean("ready", s.Ready);
                        r.WriteEndObject();
                    }
                    r.WriteEndArray();
                }
                r.WriteEndArray();
                break;
            default:
                throw new BadRequestException($"unknown op \"{op}\"");
        }
    }

    private static void Hello(RuntimeInfo info, Utf8JsonWriter r)
    {
        // The client decides whether it speaks this version (docs/protocol.md, Handshake): answer with ours.
        r.WriteNumber("protocol", ExecAdapter.ProtocolVersion);
        r.WriteStartObject("runtime");
        r.WriteString("name", info.Name);
        r.WriteString("version", info.Version);
        r.WriteEndObject();
        r.WriteStartObject("arch");
        r.WriteNumber("wordBits", info.Arch.WordBits);
        r.WriteString("byteOrder", info.Arch.BigEndian ? "big" : "little");
        r.WriteEndObject();
        r.WriteStartArray("features");
        foreach (var f in info.Features.Order(StringComparer.Ordinal))
        {
            r.WriteStringValue(f);
        }
        r.WriteEndArray();
    }

    private static void WriteRegion(Utf8JsonWriter r, string? name, Region? region)
    {
        if (name is not null)
        {
            r.WritePropertyName(name);
        }
        if (region is null)
        {
            r.WriteNullValue();
            return;
        }
        r.WriteStartObject();
        r.WriteString("name", region.Name);
        r.WriteString("base", ExecRequest.Hex(region.Base));
        r.WriteString("size", ExecRequest.Hex(region.Size));
        r.WriteEndObject();
    }

    private static void WriteCreated(Utf8JsonWriter r, CreatedType t)
    {
        if (t.Panic is not null)
        {
            r.WriteNumber("type", -1);
            r.WriteString("panic", t.Panic);
        }
        else
        {
            r.WriteNumber("type", OutHandle(t.Type.Id));
            r.WriteString("size", ExecRequest.Hex(t.Size));
        }
        WriteAllocation(r, t.Allocated);
    }

    private static void WritePointed(Utf8JsonWriter r, Pointed p)
    {
        r.WriteString("pointer", ExecRequest.Hex(p.Data));
        WriteAllocation(r, p.Allocated);
    }

    private static void WriteAllocation(Utf8JsonWriter r, Allocation a)
    {
        r.WriteStartObject("allocated");
        r.WriteString("objects", ExecRequest.Hex(a.Objects));
        r.WriteString("bytes", ExecRequest.Hex(a.Bytes));
        r.WriteEndObject();
    }

    private static long OutHandle(long id) => id is >= 0 and <= int.MaxValue
        ? id
        : throw new AdapterException($"the served runtime issued handle {id}, outside the protocol's 0..2^31-1");

    private static void WriteError(Utf8JsonWriter w, long id, string code, string message)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteBoolean("ok", false);
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static readonly UTF8Encoding Strict = new(false, true);

    /// <summary>A request's arguments, read as the schema types them; a bad one is a <see cref="BadRequestException"/> naming it.</summary>
    private readonly struct Args(JsonElement root)
    {
        private JsonElement Get(string name) =>
            root.TryGetProperty(name, out var e) ? e : throw new BadRequestException($"missing \"{name}\"");

        public string Str(string name) =>
            Get(name) is { ValueKind: JsonValueKind.String } e ? e.GetString()! : throw new BadRequestException($"\"{name}\" must be a string");

        public ulong Hex(string name)
        {
            var s = Str(name);
            return s.Length is >= 3 and <= 18 && s.StartsWith("0x", StringComparison.Ordinal)
                && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new BadRequestException($"\"{name}\" must be \"0x\" and 1..16 hex digits, got \"{s}\"");
        }

        public int Int(string name, int min, int max) =>
            Get(name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var v) && v >= min && v <= max
                ? v
                : throw new BadRequestException($"\"{name}\" must be an integer {min}..{max}");

        public long Handle(string name) => Int(name, 0, int.MaxValue);

        public TypeRef[] Handles(string name)
        {
            var e = Get(name);
            if (e.ValueKind != JsonValueKind.Array)
            {
                throw new BadRequestException($"\"{name}\" must be an array of handles");
            }
            return e.EnumerateArray().Select(h => h.ValueKind == JsonValueKind.Number && h.TryGetInt32(out var v) && v >= 0
                ? new TypeRef(v)
                : throw new BadRequestException($"\"{name}\" must hold handles 0..2^31-1")).ToArray();
        }
    }

    private sealed class BadRequestException(string message) : Exception(message);

    /// <summary>Splits a stream into lines of at most a given length; longer lines are read through and reported, never held.</summary>
    private sealed class LineReader(Stream input, int maxLine)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private readonly ArrayBufferWriter<byte> _line = new(1024);
        private int _start;
        private int _end;

        /// <summary>The next line (without its newline); a last line without a newline counts. False at the end.</summary>
        public bool Next(out ReadOnlySpan<byte> line, out bool oversized)
        {
            _line.ResetWrittenCount();
            oversized = false;
            long length = 0;
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = input.Read(_buffer, 0, _buffer.Length);
                    if (_end == 0)
                    {
                        line = _line.WrittenSpan;
                        return length > 0;
                    }
                }
                var chunk = _buffer.AsSpan(_start, _end - _start);
                var nl = chunk.IndexOf((byte)'\n');
                var part = nl < 0 ? chunk : chunk[..nl];
                length += part.Length;
                if (length > maxLine)
                {
                    oversized = true;
                }
                else
                {
                    _line.Write(part);
                }
                _start += part.Length;
                if (nl >= 0)
                {
                    _start++;
                    line = oversized ? default : _line.WrittenSpan;
                    return true;
                }
            }
        }
    }
}
