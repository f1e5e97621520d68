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

    /// <summary>Drains <paramref name="stream"/> until it ends; lines longer than the cut are not accumulated.</summary>
    internal void Drain(Stream stream, string prefix)
    {
        var buffer = new byte[16 << 10];
        var line = new System.Text.StringBuilder();
        var decoder = new System.Text.UTF8Encoding(false, false).GetDecoder();
        var chars = new char[buffer.Length + 1];
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                AddBytes(n);
                var count = decoder.GetChars(buffer, 0, n, chars, 0);
                for (var i = 0; i < count; i++)
                {
                    var c = chars[i];
                    if (c == '\n')
                    {
                        AddLine(prefix + line.ToString());
                        line.Clear();
                    }
                    else if (line.Length <= _lineChars)
                    {
                        line.Append(c);
                    }
                }
            }
        }
        catch (IOException)
        {
            // The process went away; whatever was read is kept.
        }
        catch (ObjectDisposedException)
        {
        }
        if (line.Length > 0)
        {
            AddLine(prefix + line.ToString());
        }
    }
}
