using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conformance.Adapters.Exec;

/// <summary>What the stdout reader saw: a line (without its newline), a line over the limit (only counted), the stream ending inside a line, the stream ending.</summary>
internal enum StdoutEventKind { Line, Oversized, Partial, End }

internal readonly record struct StdoutEvent(StdoutEventKind Kind, byte[]? Line, long Length);

/// <summary>
/// One adapter process: stdin for requests, a reader thread turning stdout into line events (never
/// buffering more than the line limit), and a thread draining stderr into the log.
/// </summary>
internal sealed class AdapterProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<StdoutEvent> _events = [];
    private readonly Thread _stdoutThread;
    private readonly Thread _stderrThread;
    private readonly int _maxLine;
    private int _disposed;

    private AdapterProcess(Process process, int maxLine, StderrLog log, int instance)
    {
        _process = process;
        _maxLine = maxLine;
        Instance = instance;
        _stdoutThread = new Thread(ReadStdout) { IsBackground = true, Name = $"adapter {process.Id} stdout" };
        _stderrThread = new Thread(() => log.Drain(process.StandardError.BaseStream, $"[{instance}] ")) { IsBackground = true, Name = $"adapter {process.Id} stderr" };
        _stdoutThread.Start();
        _stderrThread.Start();
    }

    public int Instance { get; }

    public int Pid => _process.Id;

    public static AdapterProcess Start(ExecAdapterOptions options, StderrLog log, int instance)
    {
        var p = new Process
        {
            StartInfo = new(options.Program, options.Arguments)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = options.WorkingDirectory ?? "",
            },
        };
        try
        {
            if (!p.Start())
            {
                p.Dispose();
                throw ExecFaults.Make(ExecFault.Start, "the process did not start", null, options.Display);
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            p.Dispose();
            throw ExecFaults.Make(ExecFault.Start, $"cannot start the program: {e.Message}", null, options.Display, e);
        }
        return new AdapterProcess(p, options.MaxLineBytes, log, instance);
    }

    /// <summary>Writes the lines to stdin on a pool thread; a broken pipe is left for the reader to explain.</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> lines) => Task.Run(() => Quietly(() =>
    {
        _process.StandardInput.BaseStream.Write(lines.Span);
        _process.StandardInput.BaseStream.Flush();
    }));

    public bool TryTake(out StdoutEvent e, TimeSpan timeout)
    {
        var ms = timeout <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds));
        return _events.TryTake(out e, ms);
    }

    /// <summary>The exit status once the process has ended (waiting briefly), or null while it runs.</summary>
    public int? ExitCode(TimeSpan wait)
    {
        try
        {
            return _process.WaitForExit(wait) ? _process.ExitCode : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
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

    private void ReadStdout()
    {
        var lines = new LineReader(_process.StandardOutput.BaseStream, _maxLine);
        Quietly(() =>
        {
            while (lines.Next() is var (line, length, complete))
            {
                _events.Add(length > _maxLine ? new StdoutEvent(StdoutEventKind.Oversized, null, length)
                    : new StdoutEvent(complete ? StdoutEventKind.Line : StdoutEventKind.Partial, line.ToArray(), length));
            }
        });
        _events.Add(new StdoutEvent(StdoutEventKind.End, null, 0));
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
