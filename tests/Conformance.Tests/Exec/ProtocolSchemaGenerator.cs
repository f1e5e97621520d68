using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Conformance.Adapters;
using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>
/// docs/protocol/*.schema.json, generated from the message types of src/Conformance.Adapters/Exec/Messages.cs with
/// System.Text.Json's JsonSchemaExporter: shapes and required fields from the contract, bounds from the validation
/// attributes, descriptions from the doc comments, patterns from the converters. ProtocolSchemaTests fails when a
/// committed file differs; PROTOCOL_SCHEMAS=write rewrites them.
/// </summary>
internal static partial class ProtocolSchemaGenerator
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Types with a $defs entry of their own, referred to wherever they appear.</summary>
    private static readonly Dictionary<Type, string> Shared = new()
    {
        [typeof(ulong)] = "hex64", [typeof(Word)] = "word", [typeof(Handle)] = "handle", [typeof(AllocationResult)] = "allocation",
        [typeof(RegionResult)] = "region", [typeof(CreatedTypeResult)] = "createdType", [typeof(PointedResult)] = "pointed", [typeof(ErrorBody)] = "error",
    };

    private static readonly Lazy<XDocument> Docs = new(() => XDocument.Load(Path.ChangeExtension(typeof(Request).Assembly.Location, ".xml")));

    /// <summary>The two files, by name, as they are committed.</summary>
    public static IReadOnlyDictionary<string, string> Files() => new Dictionary<string, string>
    {
        ["requests.schema.json"] = Text(Requests()),
        ["replies.schema.json"] = Text(Replies()),
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Indented where a value does not fit a line of 140 characters, on one line where it does (so the files stay readable).</summary>
    private static string Text(JsonNode node) => Block(node, "") + "\n";

    private static string Block(JsonNode? node, string indent)
    {
        var line = Line(node);
        var inner = indent + "  ";
        return indent.Length + line.Length <= 140 ? line : node switch
        {
            JsonObject o => "{\n" + string.Join(",\n", o.Select(p => $"{inner}{JsonSerializer.Serialize(p.Key, Relaxed)}: {Block(p.Value, inner)}")) + $"\n{indent}}}",
            JsonArray a => "[\n" + string.Join(",\n", a.Select(v => inner + Block(v, inner))) + $"\n{indent}]",
            _ => line,
        };
    }

    private static string Line(JsonNode? node) => node switch
    {
        JsonObject o => o.Count == 0 ? "{}" : "{ " + string.Join(", ", o.Select(p => $"{JsonSerializer.Serialize(p.Key, Relaxed)}: {Line(p.Value)}")) + " }",
        JsonArray a => "[" + string.Join(", ", a.Select(Line)) + "]",
        null => "null",
        _ => node.ToJsonString(Relaxed),
    };

    private static IEnumerable<(string Op, Type Request, Type Result)> Ops() =>
        ProtocolJson.Ops.Select(o => (o.Key, o.Value, o.Value.BaseType!.GetGenericArguments()[0]));

    private static JsonObject Requests()
    {
        var defs = new JsonObject
        {
            ["id"] = Schema(typeof(Request).GetProperty(nameof(Request.Id))!),
            ["hex64"] = Hex64(),
            ["handle"] = HandleSchema(),
        };
        foreach (var (op, request, _) in Ops())
        {
            var schema = Export(request);
            var properties = schema["properties"]!.AsObject();
            properties.Remove("id");
            var rest = properties.ToList();
            properties.Clear();
            properties["id"] = Ref("id");
            properties["op"] = new JsonObject { ["const"] = op };
            foreach (var (name, value) in rest)
            {
                properties[name] = value!.DeepClone();
            }
            schema["required"] = new JsonArray([.. new[] { "id", "op" }.Concat(Required(schema)).Select(r => JsonValue.Create(r))]);
            defs[op] = schema;
        }
        return Document("requests", "Exec protocol 1: a request (client -> adapter stdin, one per line)", Ops().Select(o => o.Op), defs);
    }

    private static JsonObject Replies()
    {
        var defs = new JsonObject { ["hex64"] = Hex64(), ["word"] = Described(typeof(Word), Ref("hex64")), ["handle"] = HandleSchema() };
        foreach (var (type, name) in Shared.Where(s => s.Key.IsClass))
        {
            defs[name] = Export(type);
        }
        foreach (var (op, _, result) in Ops())
        {
            defs[op] = Shared.TryGetValue(result, out var shared) ? Ref(shared) : Export(result);
        }
        JsonObject Envelope(bool ok, string body, JsonNode bodySchema) => new()
        {
            ["type"] = "object",
            ["required"] = new JsonArray("id", "ok", body),
            ["properties"] = new JsonObject
            {
                ["id"] = Described(typeof(Reply).GetProperty(nameof(Reply.Id))!, new JsonObject { ["type"] = "integer", ["minimum"] = ok ? 0 : -1 }),
                ["ok"] = new JsonObject { ["const"] = ok },
                [body] = bodySchema,
            },
        };
        var document = Document("replies", "Exec protocol 1: a reply (adapter stdout -> client, one per line). The result's shape is the $defs entry named after the request's op.", [], defs);
        document["oneOf"] = new JsonArray(
            Envelope(true, "result", Described(typeof(Reply).GetProperty(nameof(Reply.Result))!, new JsonObject { ["type"] = "object" })),
            Envelope(false, "error", Ref("error")));
        return document;
    }

    private static JsonObject Document(string name, string title, IEnumerable<string> oneOf, JsonObject defs) => new()
    {
        ["$schema"] = Draft,
        ["$id"] = $"exec-protocol-1/{name}.schema.json",
        ["title"] = title,
        ["oneOf"] = new JsonArray([.. oneOf.Select(op => (JsonNode)Ref(op))]),
        ["$defs"] = defs,
    };

    private static JsonObject Hex64() => Described(typeof(HexConverter), new JsonObject { ["type"] = "string", ["pattern"] = HexConverter.Pattern });

    private static JsonObject HandleSchema() => Described(typeof(Handle), new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = int.MaxValue });

    private static JsonObject Ref(string def) => new() { ["$ref"] = $"#/$defs/{def}" };

    private static IEnumerable<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray required ? required.Select(r => r!.GetValue<string>()) : [];

    /// <summary>
    /// The exporter's schema of <paramref name="type"/>. Each object's properties are finished here, from the contract:
    /// shared types referred to (the exporter cannot see through the converters of Word, Handle and ulong), kinds
    /// listed as the converter writes them, bounds from the validation attributes, descriptions from the doc comments.
    /// </summary>
    private static JsonObject Export(Type type)
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (context.TypeInfo.Kind != JsonTypeInfoKind.Object || node is not JsonObject schema)
                {
                    return node;
                }
                var properties = schema["properties"]?.AsObject() ?? [];
                foreach (var p in context.TypeInfo.Properties)
                {
                    properties[p.Name] = Property(p, properties[p.Name] as JsonObject ?? []);
                }
                return Described(context.TypeInfo.Type, schema);
            },
        };
        return JsonSchemaExporter.GetJsonSchemaAsNode(ProtocolJson.Default.GetTypeInfo(type)!, options).AsObject();
    }

    private static JsonObject Property(JsonPropertyInfo p, JsonObject exported)
    {
        var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        var item = t.IsArray ? t.GetElementType()! : t;
        var schema = p.CustomConverter is HexBytesConverter ? new JsonObject { ["type"] = "string", ["pattern"] = HexBytesConverter.Pattern }
            : Shared.TryGetValue(item, out var shared) ? Ref(shared)
            : t.IsEnum ? new JsonObject { ["enum"] = new JsonArray([.. Enum.GetValues(t).Cast<object>().Select(v => JsonSerializer.SerializeToNode(v, t, ProtocolJson.Default.Options))]) }
            : p.Name == "features" ? new JsonObject { ["enum"] = new JsonArray([.. Conformance.Requirements.RequirementCatalog.LoadEmbedded().Features.Order(StringComparer.Ordinal).Select(f => JsonValue.Create(f))]) }
            : exported;
        if (t.IsArray && schema != exported && p.CustomConverter is null)
        {
            schema = new JsonObject { ["type"] = "array", ["items"] = schema };
        }
        if (p.Name == "features")
        {
            schema["uniqueItems"] = true;
        }
        var nullable = t != p.PropertyType || p.IsGetNullable;
        if (nullable && schema.ContainsKey("$ref"))
        {
            schema = new JsonObject { ["oneOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        }
        schema.Remove("default");
        return p.AttributeProvider is MemberInfo member ? Bounded(member, Described(member, schema)) : schema;
    }

    /// <summary>A property's schema for one that is itself: its description, then the rest.</summary>
    private static JsonObject Schema(PropertyInfo property) => Bounded(property, Described(property, new JsonObject { ["type"] = "integer" }));

    private static JsonObject Bounded(MemberInfo member, JsonObject schema)
    {
        var target = schema["type"]?.ToString() == "array" ? schema["items"] as JsonObject ?? schema : schema;
        foreach (var rule in member.GetCustomAttributes<ValidationAttribute>())
        {
            switch (rule)
            {
                case RangeAttribute r:
                    target["minimum"] = JsonValue.Create(Convert.ToInt64(r.Minimum, System.Globalization.CultureInfo.InvariantCulture));
                    target["maximum"] = JsonValue.Create(Convert.ToInt64(r.Maximum, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case AllowedValuesAttribute a:
                    target["enum"] = new JsonArray([.. a.Values.Select(v => JsonSerializer.SerializeToNode(v))]);
                    break;
                case RegularExpressionAttribute x:
                    target["pattern"] = x.Pattern;
                    break;
                case MinLengthAttribute m:
                    schema[schema["type"]?.ToString() == "array" ? "minItems" : "minLength"] = m.Length;
                    break;
                default:
                    throw new InvalidOperationException($"no schema keyword for {rule.GetType().Name} on {member.Name}");
            }
        }
        return schema;
    }

    /// <summary><paramref name="schema"/> with the member's doc comment as its first keyword, "description".</summary>
    private static JsonObject Described(MemberInfo member, JsonObject schema)
    {
        var id = member is Type t ? $"T:{t.FullName}" : $"P:{member.DeclaringType!.FullName}.{member.Name}";
        var summary = Docs.Value.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == id)?.Element("summary");
        if (summary is null)
        {
            return schema;
        }
        var text = Whitespace().Replace(string.Concat(summary.Nodes().Select(n => n switch
        {
            XElement { Name.LocalName: "see" } see => string.Join('.', ((string?)see.Attribute("cref") ?? "").Split('(')[0].Split('.', ':').TakeLast(2)),
            XElement e => e.Value,
            _ => n.ToString(),
        })), " ").Trim();
        var described = new JsonObject { ["description"] = System.Net.WebUtility.HtmlDecode(text) };
        foreach (var (key, value) in schema.ToList())
        {
            if (key != "description")
            {
                described[key] = value?.DeepClone();
            }
        }
        return described;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
