using System.Text;
using System.Text.Json;
using Conformance.Adapters;
using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>
/// ExecServer, the adapter side of the protocol: one reply per request line, in order; results shaped as
/// docs/protocol/replies.schema.json says (checked by a JSON Schema validator, so the schemas third
/// parties implement are checked too); bad lines answered "bad-request" naming what was wrong.
/// </summary>
public sealed class ExecServerTests
{
    /// <summary>Serves <paramref name="lines"/> (joined with newlines) and returns the reply lines.</summary>
    private static List<JsonElement> Serve(IRuntimeAdapter adapter, params string[] lines)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        using var output = new MemoryStream();
        var answered = ExecServer.Serve(adapter, input, output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var replies = text.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(lines.Length, replies.Count);
        Assert.Equal(lines.Length, answered);
        return replies;
    }

    private static JsonElement Result(JsonElement reply)
    {
        Assert.True(reply.GetProperty("ok").GetBoolean(), $"expected a result, got {reply}");
        return reply.GetProperty("result");
    }

    private static (string Code, string Message) Error(JsonElement reply, long id)
    {
        Assert.False(reply.GetProperty("ok").GetBoolean(), $"expected an error reply, got {reply}");
        Assert.Equal(id, reply.GetProperty("id").GetInt64());
        var e = reply.GetProperty("error");
        return (e.GetProperty("code").GetString()!, e.GetProperty("message").GetString()!);
    }

    public sealed class EveryOp
    {
        private static readonly string[] Requests =
        [
            """{"id":1,"op":"hello","protocols":[1]}""",
            """{"id":2,"op":"regions"}""",
            """{"id":3,"op":"read","address":"0x1000","length":4}""",
            """{"id":4,"op":"createType","kind":"array","size":"0x800"}""",
            """{"id":5,"op":"createType","kind":"pointer","element":7}""",
            """{"id":6,"op":"createType","kind":"struct","size":"0x10000"}""",
            """{"id":7,"op":"compilerTypes"}""",
            """{"id":8,"op":"zeroPointer","type":7}""",
            """{"id":9,"op":"makeMap","element":7}""",
            """{"id":10,"op":"makeMap","element":99}""",
            """{"id":11,"op":"lookupMissing","map":3,"key":"0xffffffffffffffff"}""",
            """{"id":12,"op":"assign","map":3,"key":"0x1","fill":255}""",
            """{"id":13,"op":"convert","kind":"uintptr","bits":"0xc8"}""",
            """{"id":14,"op":"oneByteString","value":65}""",
            """{"id":15,"op":"emptyString"}""",
            """{"id":16,"op":"nilSlice"}""",
            """{"id":17,"op":"raceFirstUse","types":[7,8],"threads":2}""",
        ];

        /// <summary>Every op: answered in order with its id, and each result is what the adapter returned.</summary>
        [Fact]
        public void ScriptedRuntime_EachOpAnsweredWithWhatTheRuntimeReturned()
        {
            var rt = new ScriptedRuntime();
            var replies = Serve(rt, Requests);
            for (int i = 0; i < replies.Count; i++)
            {
                Assert.Equal(i + 1, replies[i].GetProperty("id").GetInt64());
            }
            var hello = Result(replies[0]);
            Assert.Equal(1, hello.GetProperty("protocol").GetInt32());
            Assert.Equal("scripted", hello.GetProperty("runtime").GetProperty("name").GetString());
            Assert.Equal(32, hello.GetProperty("arch").GetProperty("wordBits").GetInt32());
            Assert.Equal("big", hello.GetProperty("arch").GetProperty("byteOrder").GetString());
            Assert.Equal(["core", "small.table"], hello.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
            var regions = Result(replies[1]);
            Assert.Equal("0x400000", regions.GetProperty("table").GetProperty("base").GetString());
            Assert.Equal(JsonValueKind.Null, regions.GetProperty("compilerZero").ValueKind);
            Assert.Equal("0x8000", regions.GetProperty("zeroBuffers")[0].GetProperty("size").GetString());
            Assert.Equal("deadbeef", Result(replies[2]).GetProperty("bytes").GetString());
            Assert.Equal((TypeKind.Array, 0x800UL, (long?)null), rt.Created[0]);
            Assert.Equal((TypeKind.Pointer, 0UL, (long?)7), rt.Created[1]);
            Assert.Equal("0x800", Result(replies[3]).GetProperty("size").GetString());
            var refused = Result(replies[5]);
            Assert.Equal(-1, refused.GetProperty("type").GetInt32());
            Assert.Equal("reflect: too large", refused.GetProperty("panic").GetString());
            Assert.Equal(2, Result(replies[6]).GetProperty("types").GetArrayLength());
            Assert.Equal("0xc00000", Result(replies[7]).GetProperty("pointer").GetString());
            Assert.Equal(3, Result(replies[8]).GetProperty("map").GetInt32());
            Assert.Equal(JsonValueKind.Null, Result(replies[8]).GetProperty("throw").ValueKind);
            Assert.Equal(JsonValueKind.Null, Result(replies[9]).GetProperty("map").ValueKind);
            Assert.Equal("map element too large", Result(replies[9]).GetProperty("throw").GetString());
            Assert.Equal(0xffffffffffffffffUL, rt.LastKey);
            Assert.Equal((1UL, (byte)255), rt.Assigned);
            Assert.Equal(JsonValueKind.Object, Result(replies[11]).ValueKind);
            Assert.Equal((ValueKind.Uintptr, 0xc8UL), rt.Converted);
            Assert.Equal("0x1", Result(replies[12]).GetProperty("allocated").GetProperty("objects").GetString());
            Assert.Equal("0x41", Result(replies[13]).GetProperty("pointer").GetString());
            var sightings = Result(replies[16]).GetProperty("sightings");
            Assert.Equal(2, sightings.GetArrayLength());
            Assert.Equal(2, sightings[1].GetArrayLength());
            Assert.False(sightings[1][1].GetProperty("ready").GetBoolean());
        }

        /// <summary>
        /// A region's protection is given unless the request says <c>"protection": false</c> (the client, which judges none:
        /// reading it costs real adapters more than the rest of the answer); a region without one has none either way.
        /// </summary>
        [Theory]
        [InlineData("", true)]
        [InlineData(""","protection":true""", true)]
        [InlineData(""","protection":null""", true)]
        [InlineData(""","protection":false""", false)]
        public void Regions_ProtectionUnlessTheRequestSaysFalse(string argument, bool given)
        {
            var regions = Result(Serve(new ScriptedRuntime(), """{"id":1,"op":"hello","protocols":[2]}""", $$"""{"id":2,"op":"regions"{{argument}}}""")[1]);
            string? Protection(JsonElement region) => region.TryGetProperty("protection", out var p) ? p.GetString() : null;
            Assert.Equal(given ? "r--" : null, Protection(regions.GetProperty("table")));
            Assert.Equal(given ? "rw-" : null, Protection(regions.GetProperty("zeroBuffers")[0]));
            Assert.Null(Protection(regions.GetProperty("staticZero")));
        }

        /// <summary>The client asks for regions without protection unless told to (nothing in the suite judges it).</summary>
        [Fact]
        public void ClientRegionsRequest_AsksForProtectionOnlyWhenTold()
        {
            string Sent(Request request) => JsonSerializer.SerializeToElement(request, ProtocolJson.Default.Request).GetRawText();
            Assert.Contains("\"protection\":false", Sent(ExecAdapter.RegionsAsked), StringComparison.Ordinal);
            Assert.DoesNotContain("protection", Sent(new RegionsRequest()), StringComparison.Ordinal);
            Assert.Equal("regions", ExecAdapter.RegionsAsked.Summary); // what fault messages name
        }

        /// <summary>Every reply matches replies.schema.json, and its result the $defs entry of its op.</summary>
        [Fact]
        public void ScriptedRuntime_EveryReplyMatchesTheReplySchema()
        {
            var replies = Serve(new ScriptedRuntime(), Requests);
            for (int i = 0; i < replies.Count; i++)
            {
                var op = JsonDocument.Parse(Requests[i]).RootElement.GetProperty("op").GetString()!;
                ProtocolSchemas.AssertValid("replies.schema.json", null, replies[i], $"reply to {Requests[i]}");
                ProtocolSchemas.AssertValid("replies.schema.json", op, Result(replies[i]), $"result of {Requests[i]}");
            }
        }

        /// <summary>Requests of every op, as the client writes them (an argument at its extreme where it has one).</summary>
        private static readonly Request[] EveryOpRequests =
        [
            new HelloRequest([.. ExecProtocol.Versions]), ExecAdapter.RegionsAsked, new RegionsRequest(), new ReadRequest(ulong.MaxValue, 262144),
            new CreateTypeRequest(TypeKind.Array, 1 << 20), new CreateTypeRequest(TypeKind.Struct, 16),
            new CreateTypeRequest(TypeKind.Chan, Element: new((5L << 32) | 5)), new CompilerTypesRequest(), new ZeroPointerRequest(new(2)),
            new MakeMapRequest(new(2)), new LookupMissingRequest(new(1), ulong.MaxValue), new AssignRequest(new(1), 0, 255),
            new ConvertRequest(ValueKind.Int8, 0x80), new OneByteStringRequest(255), new EmptyStringRequest(), new NilSliceRequest(),
            new RaceFirstUseRequest([new(1), new(2)], 256), new EmptySliceRequest(), new ScanRequest(0x1000, ulong.MaxValue), new ResetRequest(),
        ];

        /// <summary>The client's requests, of every op, match requests.schema.json (so a third-party adapter may rely on it).</summary>
        [Fact]
        public void ClientRequests_EveryOneMatchesTheRequestSchema()
        {
            Assert.Equal(ProtocolJson.Ops.Keys.Order(StringComparer.Ordinal), EveryOpRequests.Select(r => r.Op).Distinct().Order(StringComparer.Ordinal));
            foreach (var request in EveryOpRequests)
            {
                var json = JsonSerializer.SerializeToElement(request with { Id = 42 }, ProtocolJson.Default.Request);
                Assert.DoesNotContain("4294967301", json.GetRawText(), StringComparison.Ordinal); // a handle's instance half never travels
                ProtocolSchemas.AssertValid("requests.schema.json", null, json, request.Summary);
            }
        }

        /// <summary>The server has an answer for every op (ExecServer.Answer's arms against ProtocolJson.Ops): each gets a
        /// result or the served runtime's own refusal, never bad-request or internal.</summary>
        [Fact]
        public void EveryOp_IsAnsweredByTheServer()
        {
            var replies = Serve(new ScriptedRuntime(), [.. EveryOpRequests.Select((r, i) => JsonSerializer.Serialize(r with { Id = i + 1 }, ProtocolJson.Default.Request))]);
            Assert.All(replies.Zip(EveryOpRequests), p => Assert.True(p.First.GetProperty("ok").GetBoolean()
                || p.First.GetProperty("error").GetProperty("code").GetString() is not ("bad-request" or "internal"), $"{p.Second.Summary}: {p.First}"));
        }

        /// <summary>Every value and type kind the client writes, the server reads back; names are strict (no other case, no numbers).</summary>
        [Fact]
        public void EveryKindName_ParsesBackToItsKind()
        {
            foreach (var k in Enum.GetValues<ValueKind>())
            {
                var json = JsonSerializer.Serialize<Request>(new ConvertRequest(k, 1), ProtocolJson.Default.Request);
                Assert.Equal(new ConvertRequest(k, 1), JsonSerializer.Deserialize(json, ProtocolJson.Default.Request));
            }
            foreach (var k in Enum.GetValues<TypeKind>())
            {
                var json = JsonSerializer.Serialize<Request>(new CreateTypeRequest(k, 1), ProtocolJson.Default.Request);
                Assert.Equal(new CreateTypeRequest(k, 1), JsonSerializer.Deserialize(json, ProtocolJson.Default.Request));
            }
            Assert.Throws<WireException>(() => JsonSerializer.Deserialize("""{"op":"convert","kind":"Int8","bits":"0x1"}""", ProtocolJson.Default.Request));
            Assert.Throws<WireException>(() => JsonSerializer.Deserialize("""{"op":"convert","kind":1,"bits":"0x1"}""", ProtocolJson.Default.Request));
            Assert.Throws<WireException>(() => JsonSerializer.Deserialize("""{"op":"createType","kind":"interface"}""", ProtocolJson.Default.Request));
        }
    }

    public sealed class BadLines
    {
        /// <summary>Each bad request: "bad-request" with the id (or -1 when the line has none) and the reason named.</summary>
        [Theory]
        [InlineData("not json", -1, "not a JSON request line")]
        [InlineData("[1,2]", -1, "non-negative integer \"id\"")]
        [InlineData("""{"op":"regions"}""", -1, "non-negative integer \"id\"")]
        [InlineData("""{"id":-4,"op":"regions"}""", -1, "non-negative integer \"id\"")]
        [InlineData("""{"id":4}""", 4, "missing \"op\"")]
        [InlineData("""{"id":4,"op":"frobnicate"}""", 4, "unknown op \"frobnicate\"")]
        [InlineData("""{"id":4,"op":"convert","kind":"uint16"}""", 4, "convert: \"bits\" is required")]
        [InlineData("""{"id":4,"op":"read"}""", 4, "read: \"address\", \"length\" are required")]
        [InlineData("""{"id":4,"op":"regions","protection":"yes"}""", 4, "regions: \"protection\" has a value of the wrong JSON type")]
        [InlineData("""{"id":4,"op":"hello","protocols":[true]}""", 4, "hello: \"protocols[0]\" has a value of the wrong JSON type")]
        [InlineData("""{"id":4,"op":"convert","kind":"uint16","bits":200}""", 4, "\"bits\" must be a string")]
        [InlineData("""{"id":4,"op":"convert","kind":"uint16","bits":"200"}""", 4, "\"bits\" must be \"0x\" and 1..16 hex digits, got \"200\"")]
        [InlineData("""{"id":4,"op":"convert","kind":"uint16","bits":"0x10000000000000000"}""", 4, "1..16 hex digits")]
        [InlineData("""{"id":4,"op":"convert","kind":"complex128","bits":"0x1"}""", 4, "unknown value kind \"complex128\"")]
        [InlineData("""{"id":4,"op":"createType","kind":"interface","size":"0x1"}""", 4, "unknown type kind \"interface\"")]
        [InlineData("""{"id":4,"op":"createType","kind":"pointer"}""", 4, "missing \"element\"")]
        [InlineData("""{"id":4,"op":"read","address":"0x0","length":262145}""", 4, "\"length\" must be an integer 0..262144")]
        [InlineData("""{"id":4,"op":"oneByteString","value":256}""", 4, "\"value\" must be an integer 0..255")]
        [InlineData("""{"id":4,"op":"raceFirstUse","types":[1],"threads":0}""", 4, "\"threads\" must be an integer 1..256")]
        [InlineData("""{"id":4,"op":"raceFirstUse","types":[-1],"threads":2}""", 4, "\"types[0]\" must be an integer 0..2147483647")]
        [InlineData("""{"id":4,"op":"zeroPointer","type":"7"}""", 4, "\"type\" must be an integer 0..2147483647")]
        public void BadRequest_AnsweredBadRequestNamingTheProblem(string line, long id, string named)
        {
            var rt = new ScriptedRuntime();
            var replies = Serve(rt, line, """{"id":5,"op":"emptyString"}""");
            var (code, message) = Error(replies[0], id);
            Assert.Equal("bad-request", code);
            Assert.Contains(named, message, StringComparison.Ordinal);
            ProtocolSchemas.AssertValid("replies.schema.json", null, replies[0], line);
            // The server goes on with the next line.
            Assert.Equal(5, replies[1].GetProperty("id").GetInt64());
            Assert.True(replies[1].GetProperty("ok").GetBoolean());
            Assert.Equal(0, rt.Converts);
        }

        /// <summary>Invalid UTF-8 is not a request.</summary>
        [Fact]
        public void InvalidUtf8_AnsweredBadRequestWithIdMinusOne()
        {
            using var input = new MemoryStream([0xff, 0xfe, (byte)'{', (byte)'\n']);
            using var output = new MemoryStream();
            ExecServer.Serve(new ScriptedRuntime(), input, output);
            var reply = JsonDocument.Parse(output.ToArray()).RootElement;
            Assert.Equal(("bad-request"), Error(reply, -1).Code);
        }

        /// <summary>A line over 1 MiB is read through without being held, answered once, and the next line is served.</summary>
        [Fact]
        public void OversizedLine_AnsweredOnceAndSkipped()
        {
            var big = new string('a', ExecServer.MaxLineBytes + 70_000);
            var replies = Serve(new ScriptedRuntime(), big, """{"id":9,"op":"nilSlice"}""");
            var (code, message) = Error(replies[0], -1);
            Assert.Equal("bad-request", code);
            Assert.Contains("longer than 1048576 bytes", message, StringComparison.Ordinal);
            Assert.Equal(9, replies[1].GetProperty("id").GetInt64());
        }

        /// <summary>A line of exactly the limit is still read (and here is not JSON).</summary>
        [Fact]
        public void LineOfExactlyTheLimit_IsRead()
        {
            var line = new string(' ', ExecServer.MaxLineBytes - 2) + "{}";
            var replies = Serve(new ScriptedRuntime(), line);
            Assert.Contains("non-negative integer", Error(replies[0], -1).Message, StringComparison.Ordinal);
        }

        /// <summary>A last line without a newline is still a request; an empty input gets no reply.</summary>
        [Fact]
        public void LastLineWithoutNewline_IsAnswered_EmptyInputIsNot()
        {
            using (var input = new MemoryStream(Encoding.UTF8.GetBytes("""{"id":3,"op":"nilSlice"}""")))
            using (var output = new MemoryStream())
            {
                Assert.Equal(1, ExecServer.Serve(new ScriptedRuntime(), input, output));
            }
            using (var input = new MemoryStream())
            using (var output = new MemoryStream())
            {
                Assert.Equal(0, ExecServer.Serve(new ScriptedRuntime(), input, output));
                Assert.Equal(0, output.Length);
            }
        }
    }

    public sealed class RuntimeFailures
    {
        /// <summary>An adapter failure reading memory, or the runtime's memory fault, is "fault", elsewhere "internal"; NotSupportedException "unsupported"; other exceptions "internal" with their type.</summary>
        [Fact]
        public void AdapterExceptions_FaultForReadInternalOtherwise()
        {
            var reads = 0;
            var rt = new ScriptedRuntime
            {
                Fail = op => op switch
                {
                    "Read" => reads++ == 0 ? new AdapterException("Read failed") : new MemoryFaultException(0x40, 8, "unmapped"),
                    "LookupMissing" => new AdapterException($"{op} failed"),
                    "NilSlice" => new InvalidOperationException("broken"),
                    "EmptyString" => new NotSupportedException("no empty string here"),
                    _ => null,
                },
            };
            var replies = Serve(rt,
                """{"id":1,"op":"read","address":"0x0","length":1}""",
                """{"id":2,"op":"lookupMissing","map":1,"key":"0x0"}""",
                """{"id":3,"op":"nilSlice"}""",
                """{"id":4,"op":"emptyString"}""",
                """{"id":5,"op":"oneByteString","value":1}""",
                """{"id":6,"op":"read","address":"0x40","length":8}""");
            Assert.Equal(("fault", "Read failed"), Error(replies[0], 1));
            Assert.Equal(("internal", "LookupMissing failed"), Error(replies[1], 2));
            Assert.Equal(("internal", "nilSlice: InvalidOperationException: broken"), Error(replies[2], 3));
            Assert.Equal(("unsupported", "no empty string here"), Error(replies[3], 4));
            Assert.True(replies[4].GetProperty("ok").GetBoolean());
            Assert.Equal(("fault", "reading 8 bytes at 0x40 faulted: unmapped"), Error(replies[5], 6)); // the runtime's own memory fault
        }

        /// <summary>A handle outside 0..2^31-1 from the served runtime is never sent: the reply is an error, not half a result.</summary>
        [Fact]
        public void HandleOutsideProtocolRange_IsAnInternalErrorNotAPartialResult()
        {
            var rt = new ScriptedRuntime { NextMap = 1L << 31 };
            var replies = Serve(rt, """{"id":1,"op":"makeMap","element":7}""");
            var (code, message) = Error(replies[0], 1);
            Assert.Equal("internal", code);
            Assert.Contains("handle 2147483648", message, StringComparison.Ordinal);
        }
    }

    /// <summary>A runtime whose every answer is fixed, recording what it was asked.</summary>
    private sealed class ScriptedRuntime : IRuntimeAdapter
    {
        public List<(TypeKind Kind, ulong Length, long? Element)> Created { get; } = [];

        public ulong LastKey { get; private set; }

        public (ulong Key, byte Fill) Assigned { get; private set; }

        public (ValueKind Kind, ulong Bits) Converted { get; private set; }

        public int Converts { get; private set; }

        public long NextMap { get; init; } = 3;

        public Func<string, Exception?> Fail { get; init; } = _ => null;

        private void Check(string op)
        {
            if (Fail(op) is { } e)
            {
                throw e;
            }
        }

        public RuntimeInfo Info { get; } = new("scripted", "0.1", new Arch(32, true), new HashSet<string> { "small.table", "core" });

        public RegionMap Regions() => new(new Region("table", 0x400000, 2048, "r--"), new Region("static zero", 0xc00000, 1024), null, [new Region("zero buffer", 0x10000, 0x8000, "rw-")]);

        public byte[] Read(ulong address, int length)
        {
            Check(nameof(Read));
            return [0xde, 0xad, 0xbe, 0xef];
        }

        public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element)
        {
            Created.Add((kind, length, element?.Id));
            return kind == TypeKind.Struct
                ? new CreatedType(new TypeRef(-1), 0, Allocation.None, "reflect: too large")
                : new CreatedType(new TypeRef(7), length, new Allocation(1, 48));
        }

        public IReadOnlyList<CreatedType> CompilerTypes() => [new(new TypeRef(1), 8, Allocation.None), new(new TypeRef(2), 2048, Allocation.None)];

        public ulong ZeroPointer(TypeRef type) => type.Id == 7 ? 0xc00000UL : 0;

        public MapCreation MakeMap(TypeRef element) => element.Id == 7
            ? new MapCreation(new MapRef(NextMap), new Allocation(1, 48), null)
            : new MapCreation(null, Allocation.None, "map element too large");

        public Lookup LookupMissing(MapRef map, ulong key)
        {
            Check(nameof(LookupMissing));
            LastKey = key;
            return Lookup.HandedOut(0xc00000, Allocation.None);
        }

        public void Assign(MapRef map, ulong key, byte fill) => Assigned = (key, fill);

        public Pointed Convert(ValueKind kind, ulong bits)
        {
            Converts++;
            Converted = (kind, bits);
            return new Pointed(0x400643, new Allocation(1, 8));
        }

        public Pointed OneByteString(byte value) => new(value, Allocation.None);

        public Pointed EmptyString()
        {
            Check(nameof(EmptyString));
            return new(0xc00000, Allocation.None);
        }

        public Pointed NilSlice()
        {
            Check(nameof(NilSlice));
            return new Pointed(0xc00000, Allocation.None);
        }

        public Pointed EmptySlice() => new(0xc00100, new Allocation(1, 24));

        public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads) =>
            Enumerable.Range(0, threads).Select(t => (IReadOnlyList<RaceSighting>)types.Select(x => new RaceSighting(0x10000, t == 0)).ToArray()).ToArray();

        public void Dispose()
        {
        }
    }
}
