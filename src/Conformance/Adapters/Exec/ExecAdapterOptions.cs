namespace Conformance.Adapters.Exec;

/// <summary>How to start and supervise an out-of-process adapter (docs/protocol.md).</summary>
/// <param name="Program">The program, started directly (no shell).</param>
/// <param name="Arguments">Its arguments, passed as they are (no shell quoting or expansion).</param>
public sealed record ExecAdapterOptions(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>The "exec:" prefix of an adapter specification on the command line.</summary>
    public const string Prefix = "exec:";

    /// <summary>The longest reply to wait for, per request (and for the handshake). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The time budget for the adapter's whole life, restarts included. Default 1 hour.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest stdout line accepted, in bytes without the newline. Default 1 MiB, the server's request limit (<see cref="ExecServer.MaxLineBytes"/>).</summary>
    public int MaxLineBytes { get; init; } = ExecServer.MaxLineBytes;

    /// <summary>How many times a failed adapter process is replaced by a new one. Default 2.</summary>
    public int MaxRestarts { get; init; } = 2;

    /// <summary>How many stderr lines the bounded diagnostics log keeps (the most recent). Default 200.</summary>
    public int StderrLogLines { get; init; } = 200;

    /// <summary>Longest stderr line kept in the log, in characters; longer lines are cut. Default 2000.</summary>
    public int StderrLineChars { get; init; } = 2000;

    /// <summary>
    /// Whether a request that may change the state is sent with the read-only requests that followed it last time
    /// (<see cref="ReadAhead"/>: fewer round trips, the same answers). Default true.
    /// </summary>
    public bool ReadAhead { get; init; } = true;

    /// <summary>Working directory of the process; null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Receives every stderr line (already cut to <see cref="StderrLineChars"/>), on the draining thread.</summary>
    public Action<string>? StderrSink { get; init; }

    /// <summary>"exec:/path/prog" plus arguments, as messages name the adapter.</summary>
    public string Display => Prefix + string.Join(' ', new[] { Program }.Concat(Arguments));

    /// <summary>
    /// Parses <c>exec:&lt;program&gt; [args...]</c>: the text after the prefix is split on whitespace,
    /// without any shell quoting (write a wrapper script for anything fancier).
    /// </summary>
    /// <exception cref="FormatException">The text does not start with "exec:" or names no program.</exception>
    public static ExecAdapterOptions Parse(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        if (!specification.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"an exec adapter is written \"{Prefix}<program> [args...]\", got \"{specification}\"");
        }
        var words = specification[Prefix.Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw new FormatException($"\"{specification}\" names no program");
        }
        return new ExecAdapterOptions(words[0], words[1..]);
    }
}
