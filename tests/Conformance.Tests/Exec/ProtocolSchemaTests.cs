using System.Text.Json;
using Conformance.Adapters;
using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>docs/protocol/*.schema.json describe every message the client sends and reads.</summary>
public sealed class ProtocolSchemaTests
{
    private static readonly ExecRequest[] EveryRequest =
    [
        ExecRequest.Regions(), ExecRequest.Read(0, 1), ExecRequest.CreateType(TypeKind.Array, 1, null),
        ExecRequest.CompilerTypes(), ExecRequest.ZeroPointer(default), ExecRequest.MakeMap(default),
        ExecRequest.LookupMissing(default, 0), ExecRequest.Assign(default, 0, 0), ExecRequest.Convert(ValueKind.Bool, 0),
        ExecRequest.OneByteString(0), ExecRequest.EmptyString(), ExecRequest.NilSlice(), ExecRequest.RaceFirstUse([], 1),
    ];

    private static JsonElement Defs(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol", file)));
        return doc.RootElement.GetProperty("$defs").Clone();
    }

    /// <summary>Every op: has a request schema and a result schema, and the hello handshake too.</summary>
    [Fact]
    public void EveryOp_HasRequestAndResultSchema()
    {
        var requests = Defs("requests.schema.json");
        var replies = Defs("replies.schema.json");
        foreach (var op in EveryRequest.Select(r => r.Op).Append("hello"))
        {
            Assert.True(requests.TryGetProperty(op, out _), $"requests.schema.json has no $defs/{op}");
            Assert.True(replies.TryGetProperty(op, out _), $"replies.schema.json has no $defs/{op}");
        }
    }

    /// <summary>Hex numbers: 64-bit values are written as "0x" strings, never JSON numbers.</summary>
    [Fact]
    public void Convert_Uint64Max_WrittenAsHexString()
    {
        Assert.Equal("0xffffffffffffffff", ExecRequest.Hex(ulong.MaxValue));
        Assert.Equal("0x0", ExecRequest.Hex(0));
    }
}
