namespace Conformance.Adapters.Exec;

/// <summary>
/// The adapter's stderr: a diagnostics channel, never parsed as results. Drained continuously on its
/// own thread into a bounded ring of recent lines, so that a flood neither blocks the adapter nor
/// grows memory.
/// </summary>
public sealed class StderrLog
{
    private readonly object _gate = new();
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly int _lineChars;
    private readonly Action<string>? _sink;
    private long _totalBytes;
    private long _totalLines;

    internal StderrLog(int capacity, int lineChars, Action<string>? sink)
    {
        _capacity = Math.Max(1, capacity);
        _lineChars = Math.Max(16, lineChars);
        _sink = sink;
    }

    /// <summary>Bytes read from stderr so far, over every process instance.</summary>
    public long TotalBytes { get { lock (_gate) { return _totalBytes; } } }

    /// <summary>Lines read from stderr so far (including those no longer kept).</summary>
    public long TotalLines { get { lock (_gate) { return _totalLines; } } }

    /// <summary>The most recent lines, oldest first.</summary>
    public IReadOnlyList<string> Recent() { lock (_gate) { return [.. _lines]; } }

    internal void AddBytes(int count) { lock (_gate) { _totalBytes += count; } }

    internal void AddLine(string line)
    {
        if (line.Length > _lineChars)
        {
            line = string.Concat(line.AsSpan(0, _lineChars), " ...(cut)");
        }
        lock (_gate)
        {
            _totalLines++;
            _lines.Enqueue(line);
            while (_lines.Count > _capacity)
            {
                _lines.Dequeue();
            }
        }
        _sink?.Invoke(line);
    }

    /// <summary>Drains <paramref name="stream"/> until it ends; of a long line only what the cut keeps is held.</summary>
    internal void Drain(Stream stream, string prefix)
    {
        var lines = new LineReader(stream, (4 * _lineChars) + 4, AddBytes); // enough bytes for the characters kept, however wide
        try
        {
            while (lines.Next() is var (line, _, _))
            {
                AddLine(prefix + System.Text.Encoding.UTF8.GetString(line.Span));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process went away; whatever was read is kept.
        }
    }
}
