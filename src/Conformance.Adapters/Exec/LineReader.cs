using System.Buffers;

namespace Conformance.Adapters.Exec;

/// <summary>
/// Splits a stream into lines (the client's replies and the adapter's stderr; the server's requests), reading
/// 64 KiB at a time: of a line longer than <paramref name="maxLine"/> bytes only the first ones are kept, the
/// rest is counted as it passes, so a flood never grows memory. <paramref name="read"/> hears every read's size;
/// <paramref name="wait"/>, when given, runs before every read (the exec client waits there, with a deadline, until
/// the stream has bytes).
/// </summary>
internal sealed class LineReader(Stream input, int maxLine, Action<int>? read = null, Action? wait = null)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private int _start;
    private int _end;

    /// <summary>
    /// The next line without its newline (at most its first <c>maxLine</c> bytes), its full length, and whether a
    /// newline ended it (false: the stream ended inside it). Null at the end of the stream.
    /// </summary>
    public (ReadOnlyMemory<byte> Line, long Length, bool Complete)? Next()
    {
        _line.ResetWrittenCount();
        long length = 0;
        while (true)
        {
            if (_start == _end)
            {
                wait?.Invoke();
                (_start, _end) = (0, input.Read(_buffer, 0, _buffer.Length));
                read?.Invoke(_end);
                if (_end == 0)
                {
                    return length == 0 ? null : (_line.WrittenMemory, length, false);
                }
            }
            var chunk = _buffer.AsSpan(_start, _end - _start);
            var newline = chunk.IndexOf((byte)'\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            _line.Write(part[..(int)Math.Clamp(maxLine - length, 0, part.Length)]);
            length += part.Length;
            _start += part.Length + (newline < 0 ? 0 : 1);
            if (newline >= 0)
            {
                return (_line.WrittenMemory, length, true);
            }
        }
    }
}
