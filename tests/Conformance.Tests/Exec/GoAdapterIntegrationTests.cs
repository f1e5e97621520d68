using System.Diagnostics;
using System.Text.Json;
using Conformance.Adapters;
using Conformance.Adapters.Exec;
using Xunit.Abstractions;

namespace Conformance.Tests.Exec;

/// <summary>A fact that is skipped, with a visible reason, when Go 1.19 (/usr/lib/go-1.19/bin/go) is not installed.</summary>
public sealed class GoFactAttribute : FactAttribute
{
    /// <summary>The toolchain the adapter is built with.</summary>
    public const string GoBinary = "/usr/lib/go-1.19/bin/go";

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the toolchain is missing.</summary>
    public GoFactAttribute()
    {
        if (!File.Exists(GoBinary))
        {
            Skip = $"SKIPPED: Go 1.19 is not installed ({GoBinary} missing; apt-get install golang-go): the real-Go adapter test cannot run";
        }
    }
}

/// <summary>The Go adapter (adapters/go) built with Go 1.19 for amd64 and driven through the exec client.</summary>
public sealed class GoAdapterIntegrationTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> Built = new(() =>
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.GoAdapterDir, "build.sh"), "go1.19", "amd64"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "build.sh go1.19 amd64 failed: " + err);
        return Path.Combine(RepoPaths.GoAdapterDir, "bin", "go1.19-amd64", "goadapter");
    });

    private static ExecAdapter Start(params string[] args) =>
        ExecAdapter.Start(new ExecAdapterOptions(Built.Value, args) { RequestTimeout = TimeSpan.FromSeconds(20) });

    /// <summary>Handshake: the gc runtime on amd64 claims the Go 1.15 table features and not zero.on-demand.</summary>
    [GoFact]
    public void Handshake_Go119Amd64_ClaimsTableFeatures()
    {
        using var a = Start();
        Assert.Equal("gc", a.Info.Name);
        Assert.StartsWith("go1.19", a.Info.Version, StringComparison.Ordinal);
        Assert.Equal(new Arch(64, false), a.Info.Arch);
        Assert.Subset(a.Info.Features.ToHashSet(), new HashSet<string> { "core", "small.table", "small.strings", "small.empty", "zero.shared-static", "zero.lazy-types", "threads" });
        Assert.DoesNotContain("zero.on-demand", a.Info.Features);
    }

    /// <summary>Table slot 5 (SV-001): the eight bytes read at table base + 40 are 5 little-endian.</summary>
    [GoFact]
    public void TableSlot5_Holds5()
    {
        using var a = Start();
        var table = a.Regions().Table;
        Assert.NotNull(table);
        Assert.Equal(2048UL, table.Size);
        Assert.Equal(5UL, BitConverter.ToUInt64(a.Read(table.Base + (5 * 8), 8)));
    }

    /// <summary>uint16(200) (SV-002): no allocation, a pointer to slot 200 of the table.</summary>
    [GoFact]
    public void ConvertUint16_200_PointsIntoTableWithoutAllocating()
    {
        using var a = Start();
        var table = a.Regions().Table!;
        var p = a.Convert(ValueKind.Uint16, 200);
        Assert.Equal(Allocation.None, p.Allocated);
        Assert.Equal(table.Base + (200 * 8), p.Data);
        var big = a.Convert(ValueKind.Uint16, 300);
        Assert.Equal(1UL, big.Allocated.Objects);
        Assert.False(big.Data >= table.Base && big.Data < table.Base + table.Size, "300 is not in the table");
    }

    /// <summary>Missing-key lookup (ZV-013) and empty string (SV-006) point at the static zero, without allocating.</summary>
    [GoFact]
    public void LookupMissingAndEmptyString_PointAtStaticZero()
    {
        using var a = Start();
        var zero = a.Regions().StaticZero!;
        Assert.Equal(1024UL, zero.Size);
        var t = a.CreateType(TypeKind.Array, 16, null);
        var m = a.MakeMap(t.Type);
        Assert.Null(m.Throw);
        var p = a.LookupMissing(m.Map!.Value, 7);
        Assert.Equal(Lookup.HandedOut(zero.Base, Allocation.None), p);
        Assert.Equal(new Pointed(zero.Base, Allocation.None), a.EmptyString());
        Assert.Equal(new Pointed(zero.Base, Allocation.None), a.NilSlice());
        Assert.All(a.Read(zero.Base, 1024), b => Assert.Equal(0, b));
    }

    /// <summary>Negative control: -corrupt writes slot 5 and the static zero's last byte, which a reader sees.</summary>
    [GoFact]
    public void CorruptFlag_Slot5AndZeroAreWritten()
    {
        using var a = Start("-corrupt");
        var r = a.Regions();
        Assert.NotEqual(5UL, BitConverter.ToUInt64(a.Read(r.Table!.Base + (5 * 8), 8)));
        Assert.NotEqual(0, a.Read(r.StaticZero!.Base + r.StaticZero.Size - 1, 1)[0]);
        Assert.Contains(a.Stderr.Recent(), l => l.Contains("-corrupt: wrote table slot 5", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every op of the protocol (ProtocolJson.Ops: protocol 2's too) answered by real Go, read off the wire: each reply
    /// matches replies.schema.json and its result the $defs entry of its op (a reflect refusal, ChanOf of a 64 KiB element,
    /// included); reset is answered unsupported, as docs/protocol.md says real Go does.
    /// </summary>
    [GoFact]
    public void EveryOp_GoRepliesMatchTheReplySchema()
    {
        var psi = new ProcessStartInfo(Built.Value) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        int id = 0;
        var asked = new HashSet<string>(StringComparer.Ordinal);
        JsonElement Reply(string op, string args = "")
        {
            var line = $"{{\"id\":{++id},\"op\":\"{op}\"{(args.Length > 0 ? "," + args : "")}}}";
            p.StandardInput.WriteLine(line);
            p.StandardInput.Flush();
            var reply = JsonDocument.Parse(p.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"no reply to {line}")).RootElement.Clone();
            ProtocolSchemas.AssertValid("replies.schema.json", null, reply, $"Go's reply to {line}");
            asked.Add(op);
            return reply;
        }
        JsonElement Ask(string op, string args = "")
        {
            var reply = Reply(op, args);
            Assert.True(reply.GetProperty("ok").GetBoolean(), $"{op}({args}): {reply}");
            var result = reply.GetProperty("result");
            ProtocolSchemas.AssertValid("replies.schema.json", op, result, $"Go's result of {op}({args})");
            return result;
        }
        Assert.Equal(2, Ask("hello", "\"protocols\":[1,2]").GetProperty("protocol").GetInt32());
        var table = Ask("regions").GetProperty("table").GetProperty("base").GetString();
        Ask("read", $"\"address\":\"{table}\",\"length\":16");
        Ask("scan", $"\"address\":\"{table}\",\"size\":\"0x800\"");
        var array = Ask("createType", "\"kind\":\"array\",\"size\":\"0x10000\"").GetProperty("type").GetInt32();
        var refused = Ask("createType", $"\"kind\":\"chan\",\"element\":{array}");
        Assert.True(refused.TryGetProperty("panic", out _), $"ChanOf([65536]byte) should be refused: {refused}");
        var small = Ask("createType", "\"kind\":\"struct\",\"size\":\"0x40\"").GetProperty("type").GetInt32();
        Ask("createType", $"\"kind\":\"pointer\",\"element\":{small}");
        Ask("compilerTypes");
        Ask("zeroPointer", $"\"type\":{small}");
        var map = Ask("makeMap", $"\"element\":{small}").GetProperty("map").GetInt32();
        Ask("lookupMissing", $"\"map\":{map},\"key\":\"0xffffffffffffffff\"");
        Ask("assign", $"\"map\":{map},\"key\":\"0x1\",\"fill\":7");
        Ask("convert", "\"kind\":\"uint16\",\"bits\":\"0xc8\"");
        Ask("oneByteString", "\"value\":65");
        Ask("emptyString");
        Ask("nilSlice");
        Ask("emptySlice");
        var fresh = Ask("createType", "\"kind\":\"struct\",\"size\":\"0x80\"").GetProperty("type").GetInt32();
        Ask("raceFirstUse", $"\"types\":[{fresh}],\"threads\":4");
        Assert.Equal("unsupported", Reply("reset").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(ProtocolJson.Ops.Keys.Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
        p.StandardInput.Close();
        Assert.True(p.WaitForExit(10_000), "the Go adapter did not exit when its input ended");
    }

    /// <summary>
    /// Throughput: batched and unbatched conversions per second (printed; both must complete). Set
    /// GOADAPTER_THROUGHPUT="go1.19 s390x" to measure that runtime and arch through run.sh (qemu) instead.
    /// </summary>
    [GoFact]
    public void Throughput_BatchedAndUnbatched_Measured()
    {
        var target = Environment.GetEnvironmentVariable("GOADAPTER_THROUGHPUT") ?? "go1.19 amd64";
        using var a = target == "go1.19 amd64" ? Start() : ExecAdapter.Start(new ExecAdapterOptions(
            Path.Combine(RepoPaths.GoAdapterDir, "run.sh"), target.Split(' ')) { RequestTimeout = TimeSpan.FromSeconds(120) });
        const int n = 2000;
        var values = Enumerable.Range(0, n).Select(i => (ValueKind.Uint32, (ulong)(i % 512))).ToArray();
        var requests = values.Select(v => new ConvertRequest(v.Item1, v.Item2)).ToArray();
        _ = a.Submit(requests[..100]); // warm up
        var clock = Stopwatch.StartNew();
        var batched = a.Submit(requests).Select(r => (PointedResult)r.GetResult()).ToList(); // a fault is thrown here, after the batch
        var batchedRate = n / clock.Elapsed.TotalSeconds;
        clock.Restart();
        foreach (var (k, b) in values)
        {
            _ = a.Convert(k, b);
        }
        var singleRate = n / clock.Elapsed.TotalSeconds;
        output.WriteLine($"{target}: batched {batchedRate:F0} checks/s, unbatched {singleRate:F0} checks/s");
        Assert.Equal(n, batched.Count);
        Assert.All(batched.Take(256), p => Assert.Equal(Allocation.None, (Allocation)p.Allocated));
    }
}
