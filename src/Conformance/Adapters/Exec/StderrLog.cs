namespace Conformance.Adapters.Exec;

/// <summary>
/// The adapter's stderr: a diagnostics channel, never parsed as results. Drained continuously on its
/// own thread into a bounded ring of recent lines, so that a flood neither blocks the adapter nor
/// grows memory.
/// </summary>
public sealed class StderrLog
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly int _lineChars;
    private readonly Action<string>? _sink;
    private long _totalBytes;

    internal StderrLog(int capacity, int lineChars, Action<string>? sink) => (_capacity, _lineChars, _sink) = (Math.Max(1, capacity), Math.Max(16, lineChars), sink);

    /// <summary>Bytes read from stderr so far, over every process instance.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>The most recent lines, oldest first.</summary>
    public IReadOnlyList<string> Recent()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    /// <summary>Drains <paramref name="stream"/> until it ends; of a long line only what the cut keeps is held.</summary>
    internal void Drain(Stream stream, string prefix)
    {
        // Enough bytes for the characters kept, however wide.
        var lines = new LineReader(stream, (4 * _lineChars) + 4, count => Interlocked.Add(ref _totalBytes, count));
        try
        {
            while (lines.Next() is var (bytes, _, _))
            {
                var line = prefix + System.Text.Encoding.UTF8.GetString(bytes.Span);
                line = line.Length > _lineChars ? string.Concat(line.AsSpan(0, _lineChars), " ...(cut)") : line;
                lock (_lines)
                {
                    _lines.Enqueue(line);
                    if (_lines.Count > _capacity)
                    {
                        _lines.Dequeue();
                    }
                }
                _sink?.Invoke(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process went away; whatever was read is kept.
        }
    }
}
