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
    /// Reads a results file, plain or gzipped (a name ending in .gz); see <see cref="Load"/>. A file cut off keeps every
    /// complete result (use <see cref="Load"/> to learn that it was cut off).
    /// </summary>
    /// <exception cref="ReportFormatException">The file is missing or corrupt (see <see cref="Load"/>).</exception>
    public static IReadOnlyList<CaseResult> Read(string path, out IReadOnlyList<RunHeader> headers)
    {
        var file = Load(path);
        headers = file.Runs;
        return file.Results;
    }

    /// <summary>
    /// Reads a results file, plain or gzipped (a name ending in .gz), and checks that it is whole: every run it begins
    /// (a <c>run</c> line) holds as many results as its header declares cases and ends with a <c>summary</c> line whose
    /// counts are its results' verdicts. A file cut off (a crash, a copy that stopped: no summary, or half a last line)
    /// keeps every complete result and says what is missing in <see cref="ResultsFile.Incomplete"/>.
    /// </summary>
    /// <exception cref="ReportFormatException">No such file, not gzip, a malformed line before the last, a result or
    /// summary outside a run, or a finished run whose results disagree with its header or summary: names the file and line.</exception>
    public static ResultsFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ReportFormatException($"{path}: no such results file");
        }
        var results = new List<CaseResult>();
        var runs = new List<RunHeader>();
        var missing = new List<string>();
        RunHeader? open = null; // the run begun and not yet summarised
        int first = 0; // its first result's index
        using var file = File.OpenRead(path);
        // Results kept gzipped (docs/results/*.jsonl.gz) are read as they are.
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file);
        string Where(int number) => $"{path}:{number}";
        string Run(RunHeader h) => $"run {runs.Count} ({h.Runtime} {h.RuntimeVersion} {h.Arch}, shard {h.Shard})"; // the open run is the last begun
        string? NextLine()
        {
            try
            {
                return reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new ReportFormatException($"{path}: not a gzip file, or a damaged one: {e.Message}", e);
            }
        }
        var (number, text) = (1, NextLine());
        for (string? next; text is not null; (number, text) = (number + 1, next))
        {
            next = NextLine();
            if (text.Length == 0)
            {
                continue;
            }
            ReportLine? line;
            try
            {
                line = JsonSerializer.Deserialize<ReportLine>(text, Options);
            }
            catch (JsonException e) when (next is null)
            {
                // The last line of a run that crashed (or of a copy that stopped) may be cut off: keep what came before.
                missing.Add($"line {number} is cut off ({e.Message})");
                break;
            }
            catch (JsonException e)
            {
                throw new ReportFormatException($"{Where(number)}: not a results line: {e.Message}", e);
            }
            switch (line?.Type)
            {
                case "run" when line.Header is not null:
                    if (open is not null)
                    {
                        missing.Add($"{Run(open)} has no summary line: {results.Count - first} of its {open.Cases} results, then line {number} begins another run");
                    }
                    (open, first) = (line.Header, results.Count);
                    runs.Add(open);
                    break;
                case "result" when line.Result is not null:
                    results.Add(open is null ? throw new ReportFormatException($"{Where(number)}: a result outside a run (no run line begins it)") : line.Result);
                    break;
                case "summary" when line.Summary is not null:
                    Finished(open ?? throw new ReportFormatException($"{Where(number)}: a summary outside a run (no run line begins it)"), line.Summary, results.Count - first, number);
                    open = null;
                    break;
                default:
                    throw new ReportFormatException($"{Where(number)}: unknown line type '{line?.Type}'");
            }
        }
        if (open is not null)
        {
            missing.Add($"{Run(open)} ends without its summary line: {results.Count - first} of its {open.Cases} results");
        }
        if (runs.Count == 0)
        {
            missing.Add("it holds no run (not even a run line)");
        }
        return new ResultsFile(runs, results, missing.Count == 0 ? null : string.Join("; ", missing));

        // A finished run's results must be the ones its header announced and its summary counted.
        void Finished(RunHeader run, RunSummary summary, int count, int number)
        {
            var held = results.Skip(first).CountBy(r => r.Verdict).ToDictionary();
            int Held(Verdict v) => held.GetValueOrDefault(v);
            var counted = (summary.Passed, summary.Failed, summary.Errors, summary.NotApplicable, summary.Unknown);
            var found = (Held(Verdict.Pass), Held(Verdict.Fail), Held(Verdict.Error), Held(Verdict.NotApplicable), Held(Verdict.Unknown));
            if (count != run.Cases || counted != found)
            {
                throw new ReportFormatException($"{Where(number)}: {Run(run)} holds {count} results (pass, fail, error, not applicable, unknown: {found}), " +
                    $"its run line announced {run.Cases} and its summary counts {counted}");
            }
        }
    }
}

/// <summary>A results file as read.</summary>
/// <param name="Runs">The header of each run the file begins, in order.</param>
/// <param name="Results">Every complete result, in order.</param>
/// <param name="Incomplete">What is missing when the file was cut off (a run without its summary, half a last line, no run at all); null when whole.</param>
public sealed record ResultsFile(IReadOnlyList<RunHeader> Runs, IReadOnlyList<CaseResult> Results, string? Incomplete);
