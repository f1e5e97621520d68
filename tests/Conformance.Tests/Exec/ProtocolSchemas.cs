using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Conformance.Tests.Exec;

/// <summary>docs/protocol/*.schema.json, checked with JsonSchema.Net: what third-party adapters implement.</summary>
internal static class ProtocolSchemas
{
    private static readonly Dictionary<string, JsonSchema> Cache = [];
    private static readonly Lock Gate = new();

    /// <summary>Validates <paramref name="value"/> against the file's root schema, or against its $defs entry <paramref name="def"/>.</summary>
    public static void AssertValid(string file, string? def, JsonElement value, string what)
    {
        var key = file + "#" + def;
        JsonSchema? schema;
        lock (Gate)
        {
            if (!Cache.TryGetValue(key, out schema))
            {
                var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "protocol", file)))!.AsObject();
                if (def is not null)
                {
                    Assert.True(root["$defs"]!.AsObject().ContainsKey(def), $"{file} has no $defs/{def}");
                    // The same document with the entry as its root, so that its $refs still resolve.
                    root.Remove("oneOf");
                    root["$ref"] = $"#/$defs/{def}";
                    root["$id"] = $"{root["$id"]}/{def}";
                }
                schema = JsonSchema.FromText(root.ToJsonString());
                Cache[key] = schema;
            }
        }
        var result = schema.Evaluate(value, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{what}: {value} does not match {key}: " +
            string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))));
    }
}
