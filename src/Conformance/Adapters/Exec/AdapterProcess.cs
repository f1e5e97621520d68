using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conformance.Adapters.Exec;

/// <summary>What the stdout reader saw.</summary>
internal enum StdoutEventKind
{
    /// <summary>A complete line (without its newline).</summary>
    Line,
    /// <summary>A line longer than the limit; its bytes were discarded as they came.</summary>
    Oversized,
    /// <summary>The stream ended inside a line.</summary>
    Partial,
    /// <summary>The stream ended.</summary>
    End,
}

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
        _stderrThread = new Thread(() => log.Drain(process.StandardError.BaseStream, $"[{instance}] "))
        {
            IsBackground = true,
            Name = $"adapter {process.Id} stderr",
        };
        _stdoutThread.Start();
        _stderrThread.Start();
    }

    public int Instance { get; }

    public int Pid => _process.Id;

    public static AdapterProcess Start(ExecAdapterOptions options, StderrLog log, int instance)
    {
        var info = new ProcessStartInfo(options.Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        foreach (var a in options.Arguments)
        {
            info.ArgumentList.Add(a);
        }
        var p = new Process { StartInfo = info };
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
    public Task WriteAsync(IReadOnlyList<byte[]> lines) => Task.Run(() =>
    {
        try
        {
            var stdin = _process.StandardInput.BaseStream;
            foreach (var line in lines)
            {
                stdin.Write(line);
            }
            stdin.Flush();
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    });

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

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    private void ReadStdout()
    {
        var stream = _process.StandardOutput.BaseStream;
        var buffer = new byte[64 << 10];
        var line = new MemoryStream();
        long oversized = -1; // >= 0: bytes of the current over-long line, which are being discarded
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                while (start < n)
                {
                    var nl = Array.IndexOf(buffer, (byte)'\n', start, n - start);
                    var end = nl < 0 ? n : nl;
                    var count = end - start;
                    if (oversized >= 0)
                    {
                        oversized += count;
                    }
                    else if (line.Length + count > _maxLine)
                    {
                        oversized = line.Length + count;
                        line.SetLength(0);
                        line.Capacity = 0;
                    }
                    else
                    {
                        line.Write(buffer, start, count);
                    }
                    if (nl < 0)
                    {
                        break;
                    }
                    if (oversized >= 0)
                    {
                        _events.Add(new StdoutEvent(StdoutEventKind.Oversized, null, oversized));
                        oversized = -1;
                    }
                    else
                    {
                        _events.Add(new StdoutEvent(StdoutEventKind.Line, line.ToArray(), line.Length));
                        line.SetLength(0);
                    }
                    start = nl + 1;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        if (oversized >= 0)
        {
            _events.Add(new StdoutEvent(StdoutEventKind.Oversized, null, oversized));
        }
        else if (line.Length > 0)
        {
            _events.Add(new StdoutEvent(StdoutEventKind.Partial, line.ToArray(), line.Length));
        }
        _events.Add(new StdoutEvent(StdoutEventKind.End, null, 0));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        catch (InvalidOperationException)
        {
        }
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
