using System.Text.Json;
using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>
/// How a result that breaks the protocol is classified while it is read (Messages.cs, ProtocolJson.cs): a
/// contradiction (well formed, impossible for this adapter) or malformed, with the field named by its path.
/// The client turns the first into the "contradiction" fault and the second into "malformed", keeping the process.
/// </summary>
public sealed class MessagesTests
{
    private const string None = """{"objects":"0x0","bytes":"0x0"}""";

    [Theory]
    [InlineData(typeof(PointedResult), $$"""{"pointer":"0x10000000000000000","allocated":{{None}}}""", false, "must be \"0x\" and 1..16 hex digits")]
    [InlineData(typeof(RegionsResult), """{"table":null,"staticZero":null,"compilerZero":null,"zeroBuffers":[null]}""", false, "\"zeroBuffers\" must not hold null")]
    [InlineData(typeof(RegionsResult), """{"table":null,"staticZero":null,"zeroBuffers":[]}""", false, "\"compilerZero\" is required")]
    [InlineData(typeof(CreatedTypeResult), $$"""{"type":3,"allocated":{{None}}}""", false, "\"size\" is required unless \"panic\" is given")]
    [InlineData(typeof(CreatedTypeResult), $$"""{"type":-4,"size":"0x8","allocated":{{None}}}""", true, "\"type\" must be a handle 0..2147483647 unless \"panic\" is given")]
    [InlineData(typeof(MakeMapResult), $$"""{"map":null,"allocated":{{None}},"throw":null}""", true, "exactly one of \"map\" and \"throw\" must be given")]
    [InlineData(typeof(MakeMapResult), $$"""{"map":-1,"allocated":{{None}},"throw":null}""", true, "\"map\" must be an integer 0..2147483647")]
    [InlineData(typeof(ReadResult), """{"bytes":"0g"}""", true, "\"bytes\" is not hex")]
    [InlineData(typeof(RaceResult), """{"sightings":[[{"zero":"0x1","ready":1}]]}""", false, "\"sightings[0][0].ready\" has a value of the wrong JSON type")]
    [InlineData(typeof(HelloResult), """{"protocol":1,"runtime":{"name":"r","version":"1"},"arch":{"wordBits":16,"byteOrder":"big"},"features":[]}""", false, "\"arch.wordBits\" must be one of 32, 64")]
    [InlineData(typeof(HelloResult), """{"protocol":1,"runtime":{"name":"","version":"1"},"arch":{"wordBits":64,"byteOrder":"big"},"features":[]}""", false, "\"runtime.name\" must have at least 1")]
    public void BrokenResult_ClassifiedAndNamed(Type type, string json, bool contradiction, string named)
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ProtocolJson.Default.GetTypeInfo(type)!));
        Assert.True(contradiction == e is WireException { IsContradiction: true }, $"contradiction expected: {contradiction}; {e.Message}");
        Assert.Contains(named, WireException.Describe(e), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedType_NeedsNoSizeAndNoHandle()
    {
        var t = JsonSerializer.Deserialize($$"""{"type":-1,"allocated":{{None}},"panic":"reflect: too large"}""", ProtocolJson.Default.CreatedTypeResult)!;
        Assert.Equal(("reflect: too large", (Word?)null), (t.Panic, t.Size));
    }
}
