using System.Text;
using System.Text.Json;
using Conformance.Adapters.Exec;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Tests.Exec;

/// <summary>
/// A line's frame (ProtocolJson.cs, <see cref="Frame"/>) is read in one reader pass; it must say exactly what a parsed
/// document says of the same line: each framing member only when of its JSON kind (the last where a name repeats, names
/// matched after unescaping), the body object's bytes, and why a line has no frame (not UTF-8, not JSON, not an object).
/// The oracle below is how the client and the server read frames before (a JsonDocument per line).
/// </summary>
public sealed class FrameTests
{
    private static readonly string[] Names = ["id", "ok", "op", "result", "error", "x", "i\\u0064", "re\\u0073ult"];

    private static readonly string[] Values =
    [
        "7", "-1", "0", "1.5", "1e3", "123456789012345678901234567890", "true", "false", "null", "\"convert\"", "\"o\\u0070\"", "\"\"",
        "{}", "{\"a\":1}", "{\"b\":{\"c\":[1,2,{\"d\":null}]}}", "[]", "[1,{\"b\":2}]",
    ];

    private static readonly string[] Tails = ["", "", "", " ", "\t ", " x", " {}", ",", "}"];

    /// <summary>What a frame says, as text: equal texts, equal frames.</summary>
    private static string Describe(byte[] line, Frame? frame, string problem) => frame is not { } f ? $"no frame: {problem}"
        : $"id={f.Id} ok={f.Ok} op={f.Op ?? "(none)"} hasOp={f.HasOp} result={Body(line, f.Result)} error={Body(line, f.Error)} problem={problem}";

    private static string Body(byte[] line, Range? range) => range is { } r ? Encoding.UTF8.GetString(line.AsSpan(r)) : "(none)";

    /// <summary>The frame as a JsonDocument reads it.</summary>
    private static string Oracle(byte[] line)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return "no frame: not UTF-8";
        }
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "id= ok= op=(none) hasOp=False result=(none) error=(none) problem=not a JSON object";
            }
            JsonElement? Member(string name, JsonValueKind kind) => root.TryGetProperty(name, out var v) && v.ValueKind == kind ? v : null;
            var id = Member("id", JsonValueKind.Number) is { } i && i.TryGetInt64(out var n) ? n : (long?)null;
            var ok = (Member("ok", JsonValueKind.True) ?? Member("ok", JsonValueKind.False))?.GetBoolean();
            var hasOp = root.TryGetProperty("op", out var op);
            var opText = hasOp && op.ValueKind == JsonValueKind.String ? op.GetString() : null;
            return $"id={id} ok={ok} op={opText ?? "(none)"} hasOp={hasOp} result={Member("result", JsonValueKind.Object)?.GetRawText() ?? "(none)"} "
                + $"error={Member("error", JsonValueKind.Object)?.GetRawText() ?? "(none)"} problem=";
        }
        catch (JsonException e)
        {
            return $"no frame: not JSON ({e.Message})";
        }
    }

    private static string Read(byte[] line) => Describe(line, Frame.Read(line, out var problem), problem);

    /// <summary>A line to read: its members (name, value), or a bare value as the root; a tail; where it is cut short and where a byte that is not UTF-8 goes (-1: nowhere).</summary>
    private sealed record Line((int Name, int Value)[] Members, int? Bare, int Tail, int Cut, int Damage)
    {
        public byte[] Bytes()
        {
            var text = (Bare is { } b ? Values[b] : "{" + string.Join(",", Members.Select(m => $"\"{Names[m.Name]}\":{Values[m.Value]}")) + "}") + Tails[Tail];
            var bytes = Encoding.UTF8.GetBytes(text).ToList();
            if (Cut >= 0 && Cut < bytes.Count)
            {
                bytes.RemoveRange(Cut, bytes.Count - Cut);
            }
            if (Damage >= 0)
            {
                bytes.Insert(Math.Min(Damage, bytes.Count), 0xff);
            }
            return [.. bytes];
        }

        public override string ToString() => Encoding.UTF8.GetString(Bytes());
    }

    /// <summary>Shorter lines first: a member less, no tail, no cut, no damage, a bare value dropped.</summary>
    private static IEnumerable<Line> Shrink(Line l) =>
        Enumerable.Range(0, l.Members.Length).Select(i => l with { Members = [.. l.Members.Take(i), .. l.Members.Skip(i + 1)] })
            .Concat(l.Tail != 0 ? [l with { Tail = 0 }] : [])
            .Concat(l.Cut >= 0 ? [l with { Cut = -1 }] : [])
            .Concat(l.Damage >= 0 ? [l with { Damage = -1 }] : [])
            .Concat(l.Bare is not null ? [l with { Bare = null }] : []);

    [Fact]
    public void Frame_SaysWhatADocumentSays_OfAnyLine()
    {
        var member = Gen.Choose(0, Names.Length - 1).Zip(Gen.Choose(0, Values.Length - 1));
        var members = Gen.Choose(0, 6).SelectMany(n => member.ArrayOf(n));
        var bare = Gen.Frequency((8, Gen.Constant((int?)null)), (1, Gen.Choose(0, Values.Length - 1).Select(v => (int?)v)));
        var rare = Gen.Frequency((6, Gen.Constant(-1)), (1, Gen.Choose(0, 200)));
        var lines = members.Zip(bare).Zip(Gen.Choose(0, Tails.Length - 1).Zip(rare.Zip(rare)))
            .Select(t => new Line(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2.Item1, t.Item2.Item2.Item2));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(lines, Shrink), line =>
        {
            var bytes = line.Bytes();
            var (oracle, frame) = (Oracle(bytes), Read(bytes));
            Assert.True(oracle == frame, $"line {line}:\n  document: {oracle}\n  frame:    {frame}");
        }));
    }

    [Theory]
    [InlineData("""{"id":1,"id":"x"}""", "id= ok= op=(none) hasOp=False result=(none) error=(none) problem=")]
    [InlineData("""{"i\u0064":4,"ok":true,"result":{"a":1},"result":[]}""", "id=4 ok=True op=(none) hasOp=False result=(none) error=(none) problem=")]
    [InlineData("""{"op":3}""", "id= ok= op=(none) hasOp=True result=(none) error=(none) problem=")]
    [InlineData("""[1]""", "id= ok= op=(none) hasOp=False result=(none) error=(none) problem=not a JSON object")]
    public void Frame_LastMemberOfAName_OfItsKindOnly(string line, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.Equal(expected, Read(bytes));
        Assert.Equal(expected, Oracle(bytes));
    }
}
