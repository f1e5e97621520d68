using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Conformance.Adapters.Exec;

/// <summary>A stdout line as <see cref="LineReader"/> read it (Length over the limit: only counted; not Complete: the stream ended inside it).</summary>
internal readonly record struct StdoutLine(byte[] Bytes, long Length, bool Complete);

/// <summary>
/// One adapter process: stdin for requests, stdout read into lines on the asking thread (never buffering more than the
/// line limit; a null line is the end of stdout), and a thread draining stderr into the log.
/// </summary>
/// <remarks>
/// Requests are written without blocking (stdin is non-blocking): what the pipe does not take at once stays pending and
/// is written while the asking thread waits for replies, in one poll(2) over stdout and stdin. So an adapter that
/// answers while its stdin still holds requests never waits on a client that waits on it, whatever the pipes' sizes
/// (pipe(7): a user over the pipe-buffer quota gets pipes of one or two pages), and no reply crosses a thread: a reader
/// thread handing every reply over cost a wake-up per reply, a quarter to a third of the client's CPU per check.
/// </remarks>
internal sealed partial class AdapterProcess : IDisposable
{
    private readonly Process _process;
    private readonly Thread _stderrThread;
    private readonly int _stdin;
    private readonly int _stdout;
    private readonly LineReader _lines;
    private readonly int _maxLine;
    private ReadOnlyMemory<byte> _pending;
    private long _deadline; // Environment.TickCount64 by which the current wait for a reply ends
    private bool _ended;
    private int _disposed;

    private AdapterProcess(Process process, int maxLine, StderrLog log, int instance)
    {
        _process = process;
        Instance = instance;
        _maxLine = maxLine;
        _stdin = (int)((PipeStream)process.StandardInput.BaseStream).SafePipeHandle.DangerousGetHandle();
        var stdout = (PipeStream)process.StandardOutput.BaseStream;
        _stdout = (int)stdout.SafePipeHandle.DangerousGetHandle();
        if (Fcntl(_stdin, GetFlags, 0) is var flags && (flags < 0 || Fcntl(_stdin, SetFlags, flags | NonBlocking) < 0))
        {
            int errno = Marshal.GetLastPInvokeError();
            process.Kill(entireProcessTree: true);
            throw new IOException($"cannot make the adapter's stdin non-blocking (errno {errno})");
        }
        _lines = new LineReader(stdout, maxLine, wait: WaitReadable);
        _stderrThread = new Thread(() => log.Drain(process.StandardError.BaseStream, $"[{instance}] ")) { IsBackground = true, Name = $"adapter {process.Id} stderr" };
        _stderrThread.Start();
    }

    public int Instance { get; }

    public int Pid => _process.Id;

    public static AdapterProcess Start(ExecAdapterOptions options, StderrLog log, int instance)
    {
        var start = new ProcessStartInfo(options.Program, options.Arguments)
        {
            UseShellExecute = false, // so a process is always started, or Start throws
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        try
        {
            return new AdapterProcess(Process.Start(start)!, options.MaxLineBytes, log, instance);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            throw ExecFaults.Make(ExecFault.Start, $"cannot start the program: {e.Message}", null, options.Display, e);
        }
    }

    /// <summary>True once requests stayed unwritten for a whole wait (the adapter stopped reading its stdin) and the process was killed for it.</summary>
    public bool Deaf { get; private set; }

    /// <summary>
    /// Writes as much of the lines to stdin as the pipe takes now; the rest is written while <see cref="TryTake"/> waits.
    /// A broken pipe is left for the stdout reader to explain (the adapter's end).
    /// </summary>
    public void Write(ReadOnlyMemory<byte> lines)
    {
        // Bytes still pending here were never read: a forging adapter answered requests it had not read.
        _pending = _pending.IsEmpty ? lines : (byte[])[.. _pending.Span, .. lines.Span];
        WriteSome();
    }

    /// <summary>
    /// The next stdout line (null: stdout ended), or false when none came within <paramref name="timeout"/>. A wait that
    /// ends with requests still unwritten kills the process as deaf: it stopped reading them.
    /// </summary>
    public bool TryTake(out StdoutLine? line, TimeSpan timeout)
    {
        line = null;
        if (_ended)
        {
            return true;
        }
        _deadline = Environment.TickCount64 + (long)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, long.MaxValue / 2);
        try
        {
            if (_lines.Next() is var (bytes, length, complete))
            {
                line = new StdoutLine(length > _maxLine ? [] : bytes.ToArray(), length, complete);
            }
            else
            {
                _ended = true;
            }
            return true;
        }
        catch (TimeoutException)
        {
            if (_pending.IsEmpty)
            {
                return false;
            }
            Deaf = true;
            Kill();
            _ended = true;
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _ended = true;
            return true;
        }
    }

    /// <summary>
    /// Runs before every read of stdout: waits until it has bytes (writing pending requests as stdin takes them), so that
    /// no read outlives the wait's deadline; throws TimeoutException at the deadline.
    /// </summary>
    private void WaitReadable()
    {
        Span<PollFd> fds = [new(_stdout, PollIn), new(_stdin, PollOut)];
        while (true)
        {
            long left = _deadline - Environment.TickCount64;
            if (left <= 0)
            {
                throw new TimeoutException();
            }
            int n = Poll(fds, _pending.IsEmpty ? 1 : 2, (int)Math.Min(left, int.MaxValue));
            if (n < 0 && Marshal.GetLastPInvokeError() is var errno && errno != EINTR)
            {
                throw new IOException($"poll failed (errno {errno})");
            }
            if (n > 0 && fds[1].Revents != 0 && !_pending.IsEmpty)
            {
                WriteSome();
            }
            if (n > 0 && fds[0].Revents != 0)
            {
                return; // data, end of file or an error: the read says which
            }
        }
    }

    /// <summary>Writes pending bytes until the pipe is full (EAGAIN) or none are left; a broken pipe drops them.</summary>
    private unsafe void WriteSome()
    {
        while (!_pending.IsEmpty)
        {
            nint written;
            fixed (byte* p = _pending.Span)
            {
                written = WriteFd(_stdin, p, _pending.Length);
            }
            if (written > 0)
            {
                _pending = _pending[(int)written..];
                continue;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (written < 0 && errno == EINTR)
            {
                continue;
            }
            if (written < 0 && errno != EAGAIN)
            {
                _pending = default; // EPIPE and the like: the adapter's end, which its stdout tells
            }
            return;
        }
    }

    /// <summary>The exit status once the process has ended (waiting briefly), or null while it runs. Once it has ended, its
    /// last stderr lines are drained too (briefly waited for), so that a message quoting the stderr tail has them.</summary>
    public int? ExitCode(TimeSpan wait)
    {
        int? code = null;
        Quietly(() =>
        {
            if (_process.WaitForExit(wait))
            {
                _stderrThread.Join(wait);
                code = _process.ExitCode;
            }
        });
        return code;
    }

    public void Kill() => Quietly(() =>
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    });

    /// <summary>Runs <paramref name="action"/>, ignoring what a process that went away throws: its end is explained by the stdout reader.</summary>
    private static void Quietly(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Quietly(_process.StandardInput.Close);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            Kill();
        }
        _stderrThread.Join(TimeSpan.FromSeconds(2));
        _process.Dispose();
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd(int fd, short events)
    {
        public int Fd = fd;
        public short Events = events;
        public short Revents;
    }

    private const short PollIn = 0x1, PollOut = 0x4;
    private const int GetFlags = 3, SetFlags = 4, NonBlocking = 0x800, EINTR = 4, EAGAIN = 11;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);

    private static unsafe int Poll(Span<PollFd> fds, int count, int timeout)
    {
        fixed (PollFd* p = fds)
        {
            return Poll(p, (nuint)count, timeout);
        }
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteFd(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
