using System.ComponentModel.DataAnnotations;
using System.Reflection;
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

    /// <summary>
    /// docs/protocol.md's table of ops has one row per op, naming every argument of its request and every field of its
    /// result (the prose is the document's, the names are the message types'), and the IRuntimeAdapter member it mirrors.
    /// </summary>
    [Fact]
    public void OpTable_InTheProtocolDocument_NamesEveryOpArgumentAndResultField()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol.md"));
        var start = text.IndexOf("| op | arguments | result | mirrors |", StringComparison.Ordinal);
        var table = text[start..text.IndexOf("\n\n", start, StringComparison.Ordinal)];
        var rows = Regex.Matches(table, @"^\| `([A-Za-z]+)`[^|]*\|([^|]*)\|([^|]*)\|([^|]*)\|$", RegexOptions.Multiline)
            .Select(m => (Op: m.Groups[1].Value, Arguments: Names(m.Groups[2].Value), Result: Names(m.Groups[3].Value), Mirrors: m.Groups[4].Value.Trim())).ToList();
        Assert.Equal(ProtocolJson.Ops.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Op).Order(StringComparer.Ordinal));
        var members = typeof(IRuntimeAdapter).GetMembers().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (op, arguments, result, mirrors) in rows)
        {
            var request = ProtocolJson.Ops[op];
            var resultType = request.BaseType!.GetGenericArguments().Single();
            Assert.All(Fields(request).Where(f => f != "id"), f => Assert.True(arguments.Contains(f), $"docs/protocol.md: the row of {op} does not name its argument `{f}`"));
            Assert.All(Fields(resultType), f => Assert.True(result.Contains(f), $"docs/protocol.md: the row of {op} does not name its result field `{f}` ({resultType.Name})"));
            Assert.True(mirrors == "(fresh instances)" || members.Contains(mirrors.Trim('`').Replace("()", "", StringComparison.Ordinal)),
                $"docs/protocol.md: the row of {op} mirrors {mirrors}, which IRuntimeAdapter does not have");
        }

        static HashSet<string> Names(string column) => [.. Regex.Matches(column, "`([A-Za-z]+)[^`]*`").Select(m => m.Groups[1].Value)];
        static IEnumerable<string> Fields(Type type) => ProtocolJson.Default.GetTypeInfo(type)!.Properties.Select(p => p.Name);
    }

    /// <summary>docs/protocol.md explains every error code an error reply may carry (the codes are ErrorBody's, so the schema's).</summary>
    [Fact]
    public void ErrorCodes_AreEachExplainedInTheProtocolDocument()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol.md"));
        var start = text.IndexOf("Error codes:", StringComparison.Ordinal);
        var paragraph = text[start..text.IndexOf("\n\n", start, StringComparison.Ordinal)];
        var codes = typeof(ErrorBody).GetProperty(nameof(ErrorBody.Code))!.GetCustomAttribute<AllowedValuesAttribute>()!.Values;
        Assert.All(codes, c => Assert.Contains($"`{c}`", paragraph, StringComparison.Ordinal));
    }

    /// <summary>
    /// The numbers docs/protocol.md writes for people are their declarations' (a copy by hand, checked): the versions the
    /// client offers (ExecProtocol.Versions, in the handshake and its refusal example) and the longest read served.
    /// </summary>
    [Fact]
    public void ProtocolDocumentNumbers_AreTheirDeclarations()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol.md"));
        var versions = string.Join(", ", ExecProtocol.Versions);
        Assert.True(text.Contains($"the client offers `protocols: [{versions}]`", StringComparison.Ordinal),
            $"docs/protocol.md's handshake must say the client offers `protocols: [{versions}]` (ExecProtocol.Versions)");
        Assert.True(text.Contains($"this client speaks protocols {versions}\"", StringComparison.Ordinal),
            $"docs/protocol.md's refusal example must say \"this client speaks protocols {versions}\"");
        var bounds = Regex.Matches(text, @"`length` int \(<= (\d+)\)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(bounds.SequenceEqual([ExecServer.MaxReadBytes]),
            $"docs/protocol.md's read row must bound `length` as (<= {ExecServer.MaxReadBytes}) (ExecServer.MaxReadBytes), once; it writes [{string.Join(", ", bounds)}]");
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
