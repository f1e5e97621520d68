namespace Conformance.Adapters.Exec;

/// <summary>
/// The ways an out-of-process adapter can fail. Every fault becomes an <see cref="AdapterException"/>
/// whose message starts with <c>adapter fault [name]</c> (the name is <see cref="ExecFaults.Name"/>)
/// and whose <c>Data["fault"]</c> holds the value; the suite records it as an "error" verdict.
/// </summary>
public enum ExecFault
{
    /// <summary>The program could not be started.</summary>
    Start,
    /// <summary>The handshake reply was missing, malformed or unusable.</summary>
    Handshake,
    /// <summary>The adapter speaks a protocol version this client does not.</summary>
    ProtocolVersion,
    /// <summary>The process exited with a non-zero status or a signal while requests were outstanding.</summary>
    Crash,
    /// <summary>The process exited with status 0 while requests were outstanding.</summary>
    EarlyExit,
    /// <summary>No reply within the per-request timeout.</summary>
    Hang,
    /// <summary>The per-run time budget was used up.</summary>
    RunTimeout,
    /// <summary>A stdout line that is not a well-formed reply (bad UTF-8, bad JSON, missing fields).</summary>
    Malformed,
    /// <summary>A stdout line longer than the maximum line length.</summary>
    Oversized,
    /// <summary>A reply whose id is not that of an outstanding request.</summary>
    WrongId,
    /// <summary>The stream ended in the middle of a line.</summary>
    PartialLine,
    /// <summary>A reply contradicting the handshake or the request (a region past 2^64, a read of the wrong length).</summary>
    Contradiction,
    /// <summary>The adapter answered the request with an error reply (ok: false); the process is kept.</summary>
    ErrorReply,
    /// <summary>A handle issued by an adapter process that has since been restarted.</summary>
    StaleHandle,
    /// <summary>A request that was not answered because an earlier request of its batch faulted.</summary>
    Aborted,
    /// <summary>The adapter has failed more often than the restart budget allows.</summary>
    RestartsExhausted,
}

/// <summary>Names of <see cref="ExecFault"/> values as they appear in messages.</summary>
public static class ExecFaults
{
    /// <summary>The kebab-case name used in messages, e.g. "early-exit".</summary>
    public static string Name(ExecFault fault) => Enum.IsDefined(fault)
        ? System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(fault.ToString())
        : throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault");

    /// <summary>The fault recorded on an exception made by this client, or null.</summary>
    public static ExecFault? Of(AdapterException exception) => (exception ?? throw new ArgumentNullException(nameof(exception))).Data["fault"] as ExecFault?;

    internal static AdapterException Make(ExecFault fault, string what, string? request, string adapter, Exception? inner = null)
    {
        var message = $"adapter fault [{Name(fault)}]: {what}" +
            (request is null ? "" : $"; request {request}") + $"; adapter {adapter}";
        var e = new AdapterException(message, inner);
        e.Data["fault"] = fault;
        return e;
    }
}
