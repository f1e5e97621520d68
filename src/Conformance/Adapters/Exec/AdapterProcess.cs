using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conformance.Adapters.Exec;

/// <summary>A stdout line as <see cref="LineReader"/> read it (Length over the limit: only counted; not Complete: the stream ended inside it).</summary>
internal readonly record struct StdoutLine(byte[] Bytes, long Length, bool Complete);

/// <summary>
/// One adapter process: stdin for requests, a reader thread turning stdout into lines (never buffering more
/// than the line limit; a null line is the end of stdout), and a thread draining stderr into the log.
/// </summary>
internal sealed class AdapterProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<StdoutLine?> _lines = [];
    private readonly Thread _stdoutThread;
    private readonly Thread _stderrThread;
    private int _disposed;

    private AdapterProcess(Process process, int maxLine, StderrLog log, int instance)
    {
        _process = process;
        Instance = instance;
        _stdoutThread = new Thread(() => ReadStdout(maxLine)) { IsBackground = true, Name = $"adapter {process.Id} stdout" };
        _stderrThread = new Thread(() => log.Drain(process.StandardError.BaseStream, $"[{instance}] ")) { IsBackground = true, Name = $"adapter {process.Id} stderr" };
        _stdoutThread.Start();
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
        catch (System.ComponentModel.Win32Exception e)
        {
            throw ExecFaults.Make(ExecFault.Start, $"cannot start the program: {e.Message}", null, options.Display, e);
        }
    }

    /// <summary>The most bytes written on the calling thread: what a Linux pipe holds, so such a write does not wait for the adapter.</summary>
    private const int PipeBuffer = 64 * 1024;

    /// <summary>True once a write waited <c>timeout</c> for the adapter to read its stdin and the process was killed for it.</summary>
    public bool Deaf => Volatile.Read(ref _deaf);

    private bool _deaf;

    /// <summary>
    /// Writes the lines to stdin; a broken pipe is left for the reader to explain. Up to <see cref="PipeBuffer"/> bytes
    /// are written on the calling thread (a hop to a pool thread cost more than half the client's CPU per round trip), a
    /// larger batch on a pool thread, so that replies are read while the adapter still reads requests. A write on the
    /// calling thread waits only for an adapter that stopped reading its stdin with earlier requests unread (one that
    /// answers without reading): after <paramref name="timeout"/> the process is killed and <see cref="Deaf"/> says why.
    /// </summary>
    public void Write(ReadOnlyMemory<byte> lines, TimeSpan timeout)
    {
        void WriteAll() => Quietly(() =>
        {
            _process.StandardInput.BaseStream.Write(lines.Span);
            _process.StandardInput.BaseStream.Flush();
        });
        if (lines.Length > PipeBuffer)
        {
            _ = Task.Run(WriteAll);
            return;
        }
        using var watchdog = new Timer(_ =>
        {
            Volatile.Write(ref _deaf, true);
            Kill();
        }, null, TimeSpan.FromMilliseconds(Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue)), Timeout.InfiniteTimeSpan);
        WriteAll();
    }

    /// <summary>The next stdout line (null: stdout ended), or false when none came within <paramref name="timeout"/>.</summary>
    public bool TryTake(out StdoutLine? line, TimeSpan timeout) =>
        _lines.TryTake(out line, timeout <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds)));

    /// <summary>
    /// The exit status once the process has ended (waiting briefly), or null while it runs. Once it has ended, its
    /// last stderr lines are drained too (briefly waited for), so that a message quoting the stderr tail has them.
    /// </summary>
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

    private void ReadStdout(int maxLine)
    {
        var lines = new LineReader(_process.StandardOutput.BaseStream, maxLine);
        Quietly(() =>
        {
            while (lines.Next() is var (line, length, complete))
            {
                _lines.Add(new StdoutLine(length > maxLine ? [] : line.ToArray(), length, complete));
            }
        });
        _lines.Add(null);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Quietly(_process.StandardInput.Close);
        if (_process.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            _stdoutThread.Join(TimeSpan.FromSeconds(2));
        }
        else
        {
            Kill();
        }
        _stderrThread.Join(TimeSpan.FromSeconds(2));
        _process.Dispose();
    }
}
