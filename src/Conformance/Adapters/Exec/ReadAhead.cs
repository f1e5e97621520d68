namespace Conformance.Adapters.Exec;

/// <summary>
/// Read-ahead for a client that is asked one request at a time: a request that may change the runtime's state is
/// sent together with the read-only requests (regions, read, scan, zeroPointer) that followed the last two requests
/// of its kind, and every answer to a read-only request, read ahead or asked, is kept until the state may change.
/// A kept answer is exactly the answer the request would get when asked again: nothing that may change the state
/// was sent in between (any other request forgets every answer kept). One round trip then carries, say, a
/// conversion and the regions and reads that judge it, and a second look at the regions costs none.
/// </summary>
internal sealed class ReadAhead
{
    private readonly Dictionary<Request, ExecReply> _kept = [];
    private readonly List<Request> _asked = []; // read-only requests asked since the last other request
    private readonly Dictionary<Type, (List<Request> Last, HashSet<Request> Before)> _followed = [];
    private Type? _kind; // the last request that may change the state

    /// <summary>Whether a request leaves the runtime's state as it is.</summary>
    public static bool IsReadOnly(Request message) => message is RegionsRequest or ReadRequest or ScanRequest or ZeroPointerRequest;

    /// <summary>How many answers were taken from those read ahead (for tests and diagnostics).</summary>
    public long Hits { get; private set; }

    /// <summary>The answer kept for a read-only request, if any.</summary>
    public ExecReply? Take(Request message)
    {
        _asked.Add(message);
        if (_kept.TryGetValue(message, out var reply))
        {
            Hits++;
            if (reply.Fault is not null && reply.ErrorCode is null)
            {
                _kept.Remove(message); // the process died answering it: asked again, it goes to the next process
            }
            return reply;
        }
        return null;
    }

    /// <summary>
    /// A request that may change the state is about to be sent: forgets the answers kept, learns what followed the
    /// previous such request, and returns the read-only requests to send after this one (those that followed each of
    /// the last two requests of its kind).
    /// </summary>
    public IReadOnlyList<Request> Before(Request changing)
    {
        if (_kind is { } kind)
        {
            var before = _followed.TryGetValue(kind, out var seen) ? seen.Last : [];
            _followed[kind] = ([.. _asked], [.. before]);
        }
        Forget();
        _kind = changing.GetType();
        return _followed.TryGetValue(_kind, out var followed) ? [.. followed.Last.Where(followed.Before.Contains).Distinct()] : [];
    }

    /// <summary>Keeps the answer to a read-only request (read ahead, or asked) until the state may change.</summary>
    public void Keep(Request message, ExecReply reply) => _kept[message] = reply;

    /// <summary>Keeps an answer the client asked for, unless the process died giving it (then nothing is known of the state).</summary>
    public void KeepAsked(Request message, ExecReply reply)
    {
        if (reply.Fault is null || reply.ErrorCode is not null)
        {
            _kept[message] = reply;
        }
    }

    /// <summary>Forgets the answers kept (the runtime was replaced, or the state may have changed).</summary>
    public void Forget()
    {
        _kept.Clear();
        _asked.Clear();
        _kind = null;
    }
}
