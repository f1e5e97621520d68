using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Adapters.Exec;

/// <summary>
/// The source-generated System.Text.Json contract of the messages (Messages.cs), for client and server alike.
/// Names are camelCase; a constructor parameter without a default is required; null is written only where a
/// message says so; every ulong travels as "0x" hex (<see cref="HexConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true, AllowOutOfOrderMetadataProperties = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(HexConverter)])]
[JsonSerializable(typeof(Request)), JsonSerializable(typeof(Reply)), JsonSerializable(typeof(HelloResult)), JsonSerializable(typeof(RegionsResult))]
[JsonSerializable(typeof(ReadResult)), JsonSerializable(typeof(CreatedTypeResult)), JsonSerializable(typeof(CompilerTypesResult))]
[JsonSerializable(typeof(ZeroPointerResult)), JsonSerializable(typeof(MakeMapResult)), JsonSerializable(typeof(PointedResult))]
[JsonSerializable(typeof(EmptyResult)), JsonSerializable(typeof(RaceResult)), JsonSerializable(typeof(LookupResult)), JsonSerializable(typeof(ScanReply))]
internal sealed partial class ProtocolJson : JsonSerializerContext
{
    /// <summary>Each op's request type, by name (its discriminator).</summary>
    public static IReadOnlyDictionary<string, Type> Ops { get; } =
        typeof(Request).GetCustomAttributes<JsonDerivedTypeAttribute>().ToDictionary(a => (string)a.TypeDiscriminator!, a => a.DerivedType);
}

/// <summary>
/// A message breaks the protocol (found while reading it). <see cref="Field"/> is relative to the exception's
/// <see cref="JsonException.Path"/>. A contradiction is well formed but impossible (a word wider than the handshake's).
/// </summary>
internal sealed class WireException(string message, string? field = null, bool contradiction = false) : JsonException(message)
{
    public string? Field { get; } = field;

    public bool IsContradiction { get; } = contradiction;

    /// <summary>"\"table.base\" is ...": the field's path, then what is wrong with it; any other JsonException's message as it is.</summary>
    public static string Describe(JsonException e)
    {
        var path = (e.Path ?? "").TrimStart('$').TrimStart('.');
        var field = e is not WireException w ? "" : w.Field is null ? path : path.Length == 0 ? w.Field : $"{path}.{w.Field}";
        return field.Length == 0 ? e.Message : $"\"{field}\" {e.Message}";
    }
}

/// <summary>A value that travels as a JSON string (anything else fails the read), parsed and formatted by the subclass.</summary>
internal abstract class StringConverter<T> : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType != JsonTokenType.String ? throw new WireException("must be a string")
        : !reader.ValueIsEscaped && TryParse(reader.ValueSpan, out var value) ? value : Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    protected abstract T Parse(string text);

    /// <summary>The value of well-formed UTF-8 text without making a string (replies are read one per request: the hot path); false sends the text to <see cref="Parse"/>.</summary>
    protected virtual bool TryParse(ReadOnlySpan<byte> utf8, out T value)
    {
        value = default!;
        return false;
    }

    protected abstract string Format(T value);
}

/// <summary>A 64-bit quantity: "0x" and 1..16 hex digits of either case, never a JSON number (which loses precision above 2^53).</summary>
internal sealed class HexConverter : StringConverter<ulong>
{
    /// <summary>What <see cref="Parse"/> accepts, as the schemas state it (a test checks the two agree).</summary>
    public const string Pattern = "^0x[0-9a-fA-F]{1,16}$";

    public static ulong ParseHex(string s) => s.Length is >= 3 and <= 18 && s.StartsWith("0x", StringComparison.Ordinal)
        && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
        ? v : throw new WireException($"must be \"0x\" and 1..16 hex digits, got \"{s}\"");

    protected override ulong Parse(string text) => ParseHex(text);

    protected override bool TryParse(ReadOnlySpan<byte> utf8, out ulong value) => TryHex(utf8, out value);

    /// <summary>What <see cref="ParseHex"/> accepts, read from UTF-8 (Utf8Parser's "x" takes 1..16 digits of either case, no sign).</summary>
    /// <summary>"0x" and lower-case hex digits: how 64-bit numbers travel.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static bool TryHex(ReadOnlySpan<byte> utf8, out ulong value)
    {
        value = 0;
        return utf8.Length is >= 3 and <= 18 && utf8.StartsWith("0x"u8)
            && System.Buffers.Text.Utf8Parser.TryParse(utf8[2..], out value, out var used, 'x') && used == utf8.Length - 2;
    }

    protected override string Format(ulong value) => HexConverter.Hex(value);
}

/// <summary>An address or size in the adapter's memory: hex like any 64-bit quantity, and it must fit the handshake's word.</summary>
[JsonConverter(typeof(WordConverter))]
internal readonly record struct Word(ulong Value)
{
    public static implicit operator ulong(Word w) => w.Value;

    public static implicit operator Word(ulong v) => new(v);
}

/// <summary>
/// Reads and writes a <see cref="Word"/>. Whether it fits the word the handshake declared is not the wire's business:
/// a runtime that reports an address its word cannot hold breaks AR-001, and the suite judges it there (ObservedRuntime).
/// </summary>
internal sealed class WordConverter : StringConverter<Word>
{
    protected override Word Parse(string text) => HexConverter.ParseHex(text);

    protected override bool TryParse(ReadOnlySpan<byte> utf8, out Word value)
    {
        var ok = HexConverter.TryHex(utf8, out var v);
        value = v;
        return ok;
    }

    protected override string Format(Word value) => HexConverter.Hex(value);
}

/// <summary>Bytes, two hex digits each (<see cref="Pattern"/>); anything else in a reply is a contradiction, as the client always classified it.</summary>
internal sealed class HexBytesConverter : StringConverter<byte[]>
{
    public const string Pattern = "^([0-9a-fA-F]{2})*$";

    protected override byte[] Parse(string text) =>
        text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text) : throw new WireException("is not hex", contradiction: true);

    protected override string Format(byte[] value) => Convert.ToHexStringLower(value);
}

/// <summary>An enum as its lower-case name ("uint16", "array"); an unknown name, another case or a number fails, naming <paramref name="what"/>.</summary>
internal class KindConverter<T>(string what) : StringConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());
    private static readonly Dictionary<string, T> ByName = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    protected override T Parse(string text) => ByName.TryGetValue(text, out var v) ? v : throw new WireException($"names an unknown {what} \"{text}\"");

    protected override string Format(T value) => Names[value];
}

internal sealed class ValueKindConverter() : KindConverter<ValueKind>("value kind");

internal sealed class TypeKindConverter() : KindConverter<TypeKind>("type kind");

/// <summary>An adapter-issued type or map handle, 0..2^31-1 (a JSON number); the client folds the process instance into the handles it gives the suite.</summary>
[JsonConverter(typeof(HandleConverter))]
internal readonly record struct Handle(int Value);

/// <summary>Reads and writes a <see cref="Handle"/>; one out of range in a reply is a contradiction, as the client always classified it.</summary>
internal sealed class HandleConverter : JsonConverter<Handle>
{
    public override Handle Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) && v >= 0
            ? new(v) : throw new WireException($"must be an integer 0..{int.MaxValue}", contradiction: true);

    public override void Write(Utf8JsonWriter writer, Handle value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}

/// <summary>
/// A message checks itself as soon as it is read: its properties' validation attributes (which the schemas
/// state as minimum, maximum, enum, minLength, pattern), no null inside an array, then <see cref="Check"/>.
/// </summary>
internal abstract record Message : IJsonOnDeserialized
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, ValidationAttribute Rule)[]> Rules = new();

    void IJsonOnDeserialized.OnDeserialized()
    {
        foreach (var (p, rule) in Rules.GetOrAdd(GetType(), t => [.. t.GetProperties().SelectMany(p => p.GetCustomAttributes<ValidationAttribute>()
            .Append(p.PropertyType.IsArray ? new NoNullItemsAttribute() : null).OfType<ValidationAttribute>().Select(a => (p, a)))]))
        {
            if (!rule.IsValid(p.GetValue(this)))
            {
                throw new WireException(rule switch
                {
                    RangeAttribute r => $"must be an integer {r.Minimum}..{r.Maximum}",
                    AllowedValuesAttribute a => $"must be one of {string.Join(", ", a.Values)}",
                    MinLengthAttribute m => $"must have at least {m.Length} element(s)",
                    RegularExpressionAttribute x => $"must match {x.Pattern}",
                    NoNullItemsAttribute => "must not hold null",
                    _ => $"breaks {rule.GetType().Name}",
                }, JsonNamingPolicy.CamelCase.ConvertName(p.Name));
            }
        }
        Check();
    }

    /// <summary>Checks what one attribute cannot say (a field depending on another); throws a <see cref="WireException"/>.</summary>
    protected virtual void Check() { }

    private sealed class NoNullItemsAttribute : ValidationAttribute
    {
        public override bool IsValid(object? value) => value is not Array a || a.Cast<object?>().All(x => x is not null && IsValid(x));
    }
}

/// <summary>
/// The frame of a line, read before the line is deserialized because a fault must be classified (and a bad
/// request answered with its id) even when the rest is garbage: the top-level id, ok and op, and where the
/// result or error object lies. The only JSON read by hand.
/// </summary>
internal readonly record struct Envelope(long? Id, bool? Ok, string? Op, bool HasOp, Range? Result, Range? Error)
{
    /// <summary>The frame, or null and why (the line is not UTF-8, or not JSON); an empty frame and why when it is JSON but not an object.</summary>
    public static Envelope? Read(ReadOnlySpan<byte> line, out string problem)
    {
        problem = "not UTF-8";
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return null;
        }
        problem = "";
        var frame = new Envelope();
        try
        {
            var r = new Utf8JsonReader(line);
            if (r.Read() && r.TokenType != JsonTokenType.StartObject)
            {
                problem = "not a JSON object";
                r.Skip();
            }
            while (problem.Length == 0 && r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                // The names the frame needs, compared without allocating (one reply line per request: this is the hot path).
                var name = r.ValueTextEquals("id"u8) ? "id" : r.ValueTextEquals("ok"u8) ? "ok" : r.ValueTextEquals("op"u8) ? "op"
                    : r.ValueTextEquals("result"u8) ? "result" : r.ValueTextEquals("error"u8) ? "error" : null;
                r.Read();
                var start = (int)r.TokenStartIndex;
                r.Skip(); // to the value's last token: the value itself when it is not an object or array
                frame = name switch
                {
                    "id" when r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var id) => frame with { Id = id },
                    "ok" when r.TokenType is JsonTokenType.True or JsonTokenType.False => frame with { Ok = r.GetBoolean() },
                    "op" => frame with { HasOp = true, Op = r.TokenType == JsonTokenType.String ? r.GetString() : null },
                    "result" when r.TokenType == JsonTokenType.EndObject => frame with { Result = start..(int)r.BytesConsumed },
                    "error" when r.TokenType == JsonTokenType.EndObject => frame with { Error = start..(int)r.BytesConsumed },
                    _ => frame,
                };
            }
            while (r.Read())
            {
                // Anything after the first value (a second one, garbage) throws here.
            }
        }
        catch (JsonException e)
        {
            problem = $"not JSON ({e.Message})";
            return null;
        }
        return frame;
    }
}
