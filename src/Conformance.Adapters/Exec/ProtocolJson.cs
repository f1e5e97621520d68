using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Conformance.Adapters.Exec;

/// <summary>
/// The source-generated System.Text.Json contract of the messages (Messages.cs), for client and server alike.
/// Names are camelCase; a constructor parameter without a default is required; null is written only where a
/// message says so; every ulong travels as "0x" hex (<see cref="HexConverter"/>), every kind as its name (<see cref="KindConverter{T}"/>).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true, AllowOutOfOrderMetadataProperties = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(HexConverter), typeof(KindConverter<ValueKind>), typeof(KindConverter<TypeKind>)])]
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
/// <see cref="JsonException.Path"/>. A contradiction is well formed but impossible (a region past 2^64, a handle out of range).
/// </summary>
internal sealed class WireException(string message, string? field = null, bool contradiction = false) : JsonException(message)
{
    public string? Field { get; } = field;

    public bool IsContradiction { get; } = contradiction;

    /// <summary>
    /// "\"table.base\" is ...": the field's path, then what is wrong with it. System.Text.Json's own two refusals, which name
    /// .NET types, are said in the protocol's terms (a required field missing; a value of the wrong JSON type); any other
    /// JsonException's message as it is.
    /// </summary>
    public static string Describe(JsonException e)
    {
        var path = (e.Path ?? "").TrimStart('$').TrimStart('.');
        string In(string name) => path.Length == 0 ? name : $"{path}.{name}";
        if (e is WireException w)
        {
            var field = w.Field is null ? path : In(w.Field);
            return field.Length == 0 ? e.Message : $"\"{field}\" {e.Message}";
        }
        const string Missing = "was missing required properties including: ";
        if (e.Message.IndexOf(Missing, StringComparison.Ordinal) is var at and >= 0
            && Regex.Matches(e.Message[(at + Missing.Length)..], "'([^']+)'") is { Count: > 0 } names)
        {
            return $"{string.Join(", ", names.Select(n => $"\"{In(n.Groups[1].Value)}\""))} {(names.Count == 1 ? "is" : "are")} required";
        }
        return path.Length > 0 && e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"\"{path}\" has a value of the wrong JSON type (docs/protocol/*.schema.json give each field's)" : e.Message;
    }
}

/// <summary>A value that travels as a JSON string (anything else fails the read), parsed and formatted by the subclass's functions.</summary>
/// <remarks>Parsing from a string rather than from the UTF-8 bytes costs about 20 ns per reply (760 against 740 ns to read a convert reply).</remarks>
internal abstract class StringConverter<T>(Func<string, T> parse, Func<T, string> format) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? parse(reader.GetString()!) : throw new WireException("must be a string");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
}

/// <summary>A 64-bit quantity: "0x" and 1..16 hex digits of either case, never a JSON number (which loses precision above 2^53).</summary>
internal sealed class HexConverter() : StringConverter<ulong>(ParseHex, Hex)
{
    /// <summary>What <see cref="ParseHex"/> accepts, as the schemas state it (a test checks the two agree).</summary>
    public const string Pattern = "^0x[0-9a-fA-F]{1,16}$";

    public static ulong ParseHex(string s) => s.Length is >= 3 and <= 18 && s.StartsWith("0x", StringComparison.Ordinal)
        && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
        ? v : throw new WireException($"must be \"0x\" and 1..16 hex digits, got \"{s}\"");

    /// <summary>"0x" and lower-case hex digits: how 64-bit numbers travel.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
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
internal sealed class WordConverter() : StringConverter<Word>(s => HexConverter.ParseHex(s), w => HexConverter.Hex(w));

/// <summary>Bytes, two hex digits each (<see cref="Pattern"/>); anything else in a reply is a contradiction, as the client always classified it.</summary>
internal sealed class HexBytesConverter() : StringConverter<byte[]>(text => text.Length % 2 == 0 && !text.AsSpan().ContainsAnyExcept(HexDigits)
    ? Convert.FromHexString(text) : throw new WireException("is not hex", contradiction: true), Convert.ToHexStringLower)
{
    public const string Pattern = "^([0-9a-fA-F]{2})*$";

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}

/// <summary>An enum as its lower-case name ("uint16", "array"); an unknown name, another case or a number fails, naming the enum ("value kind").</summary>
internal sealed class KindConverter<T>() : StringConverter<T>(
    text => ByName.TryGetValue(text, out var v) ? v : throw new WireException($"names an unknown {What} \"{text}\""), v => Names[v]) where T : struct, Enum
{
    private static readonly string What = JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(T).Name).Replace('_', ' ');
    private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());
    private static readonly Dictionary<string, T> ByName = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);
}

/// <summary>An adapter-issued type or map handle, 0..2^31-1 (a JSON number); the client folds the process instance into the handles it gives the suite.</summary>
/// <remarks>A client's handle holds the runtime instance in its high 32 bits, which never travel: only the low 32 are written.</remarks>
[JsonConverter(typeof(HandleConverter))]
internal readonly record struct Handle(long Value);

/// <summary>Reads and writes a <see cref="Handle"/>; one out of range in a reply is a contradiction, as the client always classified it.</summary>
internal sealed class HandleConverter : JsonConverter<Handle>
{
    public override Handle Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) && v >= 0
            ? new(v) : throw new WireException($"must be an integer 0..{int.MaxValue}", contradiction: true);

    public override void Write(Utf8JsonWriter writer, Handle value, JsonSerializerOptions options) => writer.WriteNumberValue(unchecked((uint)value.Value));
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
            .Append(p.PropertyType.GetElementType() is { IsValueType: false } ? new NoNullItemsAttribute() : null).OfType<ValidationAttribute>().Select(a => (p, a)))]))
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
/// The frame of a line, read before the line is deserialized because a fault must be classified (and a bad request
/// answered with its id) even when the rest is garbage: the top-level members the protocol frames a line with, each
/// only when of the JSON kind the protocol gives it (the last one where a name repeats); a result or error object as
/// the range of its bytes in the line. One pass of a reader over the line: no document is built.
/// </summary>
internal readonly record struct Frame(long? Id, bool? Ok, string? Op, bool HasOp, Range? Result, Range? Error)
{
    /// <summary>The frame, or null and why (the line is not UTF-8, or not JSON); a frame without members and why when it is JSON but not an object.</summary>
    public static Frame? Read(ReadOnlySpan<byte> line, out string problem)
    {
        problem = "not UTF-8";
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(line);
            var frame = new Frame();
            reader.Read();
            problem = reader.TokenType == JsonTokenType.StartObject ? "" : "not a JSON object";
            if (problem.Length == 0)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.ValueTextEquals("id"u8) ? "id" : reader.ValueTextEquals("ok"u8) ? "ok" : reader.ValueTextEquals("op"u8) ? "op"
                        : reader.ValueTextEquals("result"u8) ? "result" : reader.ValueTextEquals("error"u8) ? "error" : null;
                    reader.Read();
                    var (kind, start) = (reader.TokenType, (int)reader.TokenStartIndex);
                    reader.Skip(); // past an object or array; a scalar stays the current token
                    Range? body = kind == JsonTokenType.StartObject ? start..(int)reader.BytesConsumed : null;
                    frame = name switch
                    {
                        "id" => frame with { Id = kind == JsonTokenType.Number && reader.TryGetInt64(out var id) ? id : null },
                        "ok" => frame with { Ok = kind is JsonTokenType.True or JsonTokenType.False ? kind == JsonTokenType.True : null },
                        "op" => frame with { Op = kind == JsonTokenType.String ? reader.GetString() : null, HasOp = true },
                        "result" => frame with { Result = body },
                        "error" => frame with { Error = body },
                        _ => frame,
                    };
                }
            }
            else
            {
                reader.Skip();
            }
            reader.Read(); // anything after the value throws
            return frame;
        }
        catch (JsonException e)
        {
            problem = $"not JSON ({e.Message})";
            return null;
        }
    }
}
