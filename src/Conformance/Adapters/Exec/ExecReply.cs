namespace Conformance.Adapters.Exec;

/// <summary>The answer to one request of a batch: a result, or the fault that stands for it.</summary>
/// <param name="Request">The request answered, as the caller gave it (without the id it was sent with).</param>
/// <param name="Id">The id the client gave the request.</param>
/// <param name="Result">The result message (the op's result record of Messages.cs) when the request succeeded.</param>
/// <param name="Fault">Why there is no result: an adapter fault, an error reply, or an abort.</param>
/// <param name="ErrorCode">The code of the adapter's error reply (e.g. "unsupported", on which a client may fall back), when it answered <c>ok: false</c>.</param>
internal sealed record ExecReply(Request Request, long Id, object? Result, AdapterException? Fault, string? ErrorCode = null)
{
    /// <summary>True when there is a result.</summary>
    public bool IsOk => Fault is null;

    /// <summary>The result, or the fault thrown.</summary>
    /// <exception cref="AdapterException">The request has no result.</exception>
    public object GetResult() => Fault is not null ? throw Fault : Result!;
}
