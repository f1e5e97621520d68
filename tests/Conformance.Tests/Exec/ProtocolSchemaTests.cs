using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.Adapters;
using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>docs/protocol/*.schema.json are generated from the message types, and say what the client and server accept.</summary>
public sealed class ProtocolSchemaTests
{
    /// <summary>The committed schemas are exactly what the message types generate (PROTOCOL_SCHEMAS=write rewrites them).</summary>
    [Fact]
    public void CommittedSchemas_AreGeneratedFromTheMessageTypes()
    {
        var write = Environment.GetEnvironmentVariable("PROTOCOL_SCHEMAS") == "write";
        foreach (var (name, generated) in ProtocolSchemaGenerator.Files())
        {
            var path = Path.Combine(RepoPaths.Root, "docs", "protocol", name);
            if (write)
            {
                File.WriteAllText(path, generated);
            }
            Assert.True(File.ReadAllText(path) == generated,
                $"docs/protocol/{name} differs from what Messages.cs generates; rewrite it with PROTOCOL_SCHEMAS=write dotnet test tests/Conformance.Tests --filter {nameof(CommittedSchemas_AreGeneratedFromTheMessageTypes)}");
        }
    }

    /// <summary>Every op has a request schema and a result schema, named after it.</summary>
    [Fact]
    public void EveryOp_HasRequestAndResultSchema()
    {
        foreach (var file in new[] { "requests.schema.json", "replies.schema.json" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol", file)));
            foreach (var op in ProtocolJson.Ops.Keys)
            {
                Assert.True(doc.RootElement.GetProperty("$defs").TryGetProperty(op, out _), $"{file} has no $defs/{op}");
            }
        }
    }

    /// <summary>The hex patterns the schemas state accept exactly what the converters accept (alone and in a message).</summary>
    [Theory]
    [InlineData("0x0", true)]
    [InlineData("0xffffffffffffffff", true)]
    [InlineData("0xABCdef", true)]
    [InlineData("0x", false)]
    [InlineData("0x10000000000000000", false)]
    [InlineData("0X1", false)]
    [InlineData("1", false)]
    [InlineData("0x-1", false)]
    [InlineData("0x+1", false)]
    [InlineData(" 0x1", false)]
    [InlineData("0x1 ", false)]
    [InlineData("0x1g", false)]
    public void HexPattern_AgreesWithTheConverter(string text, bool valid)
    {
        Assert.Equal(valid, Regex.IsMatch(text, HexConverter.Pattern));
        Assert.Equal(valid, Accepts(() => HexConverter.ParseHex(text)));
        Assert.Equal(valid, Accepts(() => JsonSerializer.Deserialize($"{{\"pointer\":\"{text}\"}}", ProtocolJson.Default.ZeroPointerResult)));
        var bytes = text.Length > 2 ? text[2..] : text;
        Assert.Equal(Regex.IsMatch(bytes, HexBytesConverter.Pattern),
            Accepts(() => JsonSerializer.Deserialize($"{{\"bytes\":\"{bytes}\"}}", ProtocolJson.Default.ReadResult)));
    }

    private static bool Accepts(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Hex numbers: 64-bit values are written as "0x" strings, never JSON numbers.</summary>
    [Fact]
    public void Convert_Uint64Max_WrittenAsHexString()
    {
        Assert.Equal("0xffffffffffffffff", HexConverter.Hex(ulong.MaxValue));
        Assert.Equal("""{"op":"convert","id":0,"kind":"uint64","bits":"0xffffffffffffffff"}""",
            JsonSerializer.Serialize<Request>(new ConvertRequest(ValueKind.Uint64, ulong.MaxValue), ProtocolJson.Default.Request));
    }

    /// <summary>The fault names in messages are the ones docs/protocol.md lists, each once.</summary>
    [Fact]
    public void FaultNames_AreTheOnesTheProtocolDocumentLists()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol.md"));
        var table = text[text.IndexOf("## Faults (client side)", StringComparison.Ordinal)..];
        var documented = Regex.Matches(table, @"^\| `([a-z-]+)`(?: / `([a-z-]+)`)? \|", RegexOptions.Multiline)
            .SelectMany(m => m.Groups.Values.Skip(1).Where(g => g.Success).Select(g => g.Value));
        Assert.Equal(documented.Order(StringComparer.Ordinal), Enum.GetValues<ExecFault>().Select(ExecFaults.Name).Order(StringComparer.Ordinal));
    }
}
