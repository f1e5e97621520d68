using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Conformance.Suite;

namespace Conformance.Reports;

/// <summary>One line of a results file: the run header, a result, or the summary.</summary>
public sealed record ReportLine(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("header")] RunHeader? Header = null,
    [property: JsonPropertyName("result")] CaseResult? Result = null,
    [property: JsonPropertyName("summary")] RunSummary? Summary = null);

/// <summary>A results file is corrupt: the message names the file and line.</summary>
public sealed class ReportFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ReportFormatException() : base("malformed results file") { }

    /// <summary>Creates the exception.</summary>
    public ReportFormatException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// JSON lines, written as results arrive and flushed line by line: a crash mid-run keeps every
/// finished result. The format is one <see cref="ReportLine"/> per line.
/// </summary>
public sealed class JsonLinesSink : IResultSink, IDisposable
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly StreamWriter writer;
    private readonly Lock gate = new();

    /// <summary>Creates (or truncates) the file.</summary>
    public JsonLinesSink(string path)
    {
        writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    /// <inheritdoc/>
    public void Begin(RunHeader header) => Write(new ReportLine("run", Header: header));

    /// <inheritdoc/>
    public void Add(CaseResult result) => Write(new ReportLine("result", Result: result));

    /// <inheritdoc/>
    public void Finish(RunSummary summary) => Write(new ReportLine("summary", Summary: summary));

    /// <inheritdoc/>
    public void Dispose() => writer.Dispose();

    private void Write(ReportLine line)
    {
        lock (gate)
        {
            writer.WriteLine(JsonSerializer.Serialize(line, Options));
        }
    }

    /// <summary>
    /// Reads results files, plain or gzipped (a name ending in .gz). A file cut off mid-line (a crash) keeps every complete line; any other
    /// malformed line is a <see cref="ReportFormatException"/> naming the file and line.
    /// </summary>
    public static IReadOnlyList<CaseResult> Read(string path, out IReadOnlyList<RunHeader> headers)
    {
        if (!File.Exists(path))
        {
            throw new ReportFormatException($"{path}: no such results file");
        }
        var results = new List<CaseResult>();
        var runs = new List<RunHeader>();
        // Results kept gzipped (docs/results/*.jsonl.gz) are read as they are.
        string[] lines;
        using (var file = File.OpenRead(path))
        using (var reader = new StreamReader(path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file))
        {
            var list = new List<string>();
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    list.Add(line);
                }
            }
            catch (InvalidDataException e)
            {
                throw new ReportFormatException($"{path}: not a gzip file: {e.Message}", e);
            }
            lines = [.. list];
        }
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            ReportLine? line;
            try
            {
                line = JsonSerializer.Deserialize<ReportLine>(lines[i], Options);
            }
            catch (JsonException e) when (i == lines.Length - 1)
            {
                _ = e; // the last line of a crashed run may be cut off: keep what came before
                break;
            }
            catch (JsonException e)
            {
                throw new ReportFormatException($"{path}:{i + 1}: not a results line: {e.Message}", e);
            }
            switch (line?.Type)
            {
                case "run" when line.Header is not null:
                    runs.Add(line.Header);
                    break;
                case "result" when line.Result is not null:
                    results.Add(line.Result);
                    break;
                case "summary":
                    break;
                default:
                    throw new ReportFormatException($"{path}:{i + 1}: unknown line type '{line?.Type}'");
            }
        }
        headers = runs;
        return results;
    }
}
