using Conformance.Adapters;

namespace Conformance.Suite;

/// <summary>
/// The runtime reported an address or size that does not fit the word it declared: a failure of AR-001 wherever it
/// is observed (spec AR-001, Decision), never a protocol error. The case that received it cannot judge its own
/// requirement on a value that cannot be true, so it is undecided and links to the AR-001 failure.
/// </summary>
public sealed class OutOfWordException : Exception
{
    /// <summary>Creates the exception for <paramref name="value"/>, reported as <paramref name="what"/>.</summary>
    public OutOfWordException(string what, ulong value, int wordBits)
        : base($"{what} 0x{value:x} does not fit the declared {wordBits}-bit word")
    {
        What = what;
        Value = value;
    }

    /// <summary>Creates the exception.</summary>
    public OutOfWordException() : base("a value does not fit the declared word") { What = ""; }

    /// <summary>Creates the exception.</summary>
    public OutOfWordException(string message) : base(message) { What = ""; }

    /// <summary>Creates the exception.</summary>
    public OutOfWordException(string message, Exception inner) : base(message, inner) { What = ""; }

    /// <summary>What the value was ("the data pointer of convert uint64(0x1234)").</summary>
    public string What { get; }

    /// <summary>The value.</summary>
    public ulong Value { get; }
}

/// <summary>An object the runtime was seen to allocate: where, how large, and the operation that made it.</summary>
internal sealed record SeenObject(ulong Base, ulong Size, string MadeBy);

/// <summary>
/// The runtime under test as the suite sees it during a run: every address and size it reports is checked against
/// its declared word before any case sees it (AR-001); every object it is seen to allocate, every type it creates and
/// every operation that may change its state are recorded, so that <see cref="StateWatch"/> can judge the state
/// invariants after every case that changed something. It adds no judgement of its own and forwards everything else.
/// </summary>
internal sealed class ObservedRuntime : IRuntimeAdapter
{
    private readonly IRuntimeAdapter inner;
    private readonly Func<ValueKind, ulong> width;
    private readonly ulong mask;
    private readonly int wordBits;

    /// <summary>Observes <paramref name="inner"/>; <paramref name="width"/> gives a kind's storage width (the models' AR-002.width).</summary>
    public ObservedRuntime(IRuntimeAdapter inner, Func<ValueKind, ulong> width)
    {
        this.inner = inner;
        this.width = width;
        Info = inner.Info;
        instance = inner.Instance;
        wordBits = Info.Arch.WordBits;
        mask = wordBits == 64 ? ulong.MaxValue : (1UL << wordBits) - 1;
    }

    public RuntimeInfo Info { get; }

    /// <summary>What the state watch remembers of this instance between checks (forgotten when the adapter replaces the runtime).</summary>
    public InstanceState State { get; private set; } = new();

    /// <summary>The runtime instance <see cref="State"/> describes (<see cref="IRuntimeAdapter.Instance"/>).</summary>
    private long instance;

    /// <summary>Called before the runtime is closed: the watch judges its last state.</summary>
    public Action? Closing { get; set; }

    /// <summary>Whether the adapter reads every byte of a scan (see <see cref="IRuntimeAdapter.ScansInPlace"/>).</summary>
    public bool ScansInPlace => inner.ScansInPlace;

    /// <summary>True once an operation may have changed the runtime's state since <see cref="TakeChanged"/>.</summary>
    public bool Changed { get; private set; }

    /// <summary>Objects seen allocated that the watch has not yet judged.</summary>
    public List<SeenObject> NewObjects { get; } = [];

    /// <summary>Types created, with their sizes, that the watch has not yet seen.</summary>
    public List<(TypeRef Type, ulong Size)> NewTypes { get; } = [];

    /// <summary>The operations since the watch last looked, for the history of a failure.</summary>
    public List<string> Operations { get; } = [];

    /// <summary>Operations sent ahead (<see cref="Pipeline"/>) whose answers no case has taken yet, in order.</summary>
    private readonly Queue<(int Owner, Operation Op, Answer Answer)> sentAhead = new();
    private int changesAhead; // how many of those may have changed the state

    /// <summary>The index of the case running now (the owner of the operations it may take from those sent ahead).</summary>
    public int Owner { get; set; }

    /// <summary>
    /// True while the runtime has executed a state-changing operation that no case has asked for yet: its state is then
    /// later than the running case's, and the watch waits until the cases have caught up (see <see cref="Pipeline"/>).
    /// </summary>
    public bool Ahead => changesAhead > 0;

    /// <summary>Whether operations sent ahead are still waiting for their cases.</summary>
    public bool HasSentAhead => sentAhead.Count > 0;

    /// <summary>Sends <paramref name="operations"/> (each with the index of the case that will ask for it) in one exchange where the runtime can.</summary>
    public void SendAhead(IReadOnlyList<(int Owner, Operation Op)> operations)
    {
        var answers = Batching.RunAll(inner, [.. operations.Select(o => o.Op)]);
        for (int i = 0; i < operations.Count; i++)
        {
            sentAhead.Enqueue((operations[i].Owner, operations[i].Op, answers[i]));
            changesAhead += operations[i].Op.Changes ? 1 : 0;
        }
    }

    /// <summary>The value the next operation sent ahead returned, if it returned one (for planning from it).</summary>
    public bool TryPeekAhead<T>(out T value)
    {
        value = default!;
        if (!sentAhead.TryPeek(out var next) || next.Answer.NotRun)
        {
            return false;
        }
        try
        {
            value = next.Answer.Get<T>();
            return true;
        }
#pragma warning disable CA1031 // the case that asks for it gets the exception
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="op"/> was sent ahead: true, with its answer, when it is the next operation sent ahead
    /// and the running case's; false when nothing was sent ahead, or nothing state-changing is (or the rest was never
    /// executed): then it is asked now. Asking anything else while the runtime is ahead would observe a later state: a
    /// harness fault (a case that asks other than it planned), never an observation.
    /// </summary>
    private bool SentAhead<T>(Operation op, out T answer)
    {
        answer = default!;
        if (sentAhead.Count == 0)
        {
            return false;
        }
        var (owner, planned, kept) = sentAhead.Peek();
        if (owner == Owner && planned == op && !kept.NotRun)
        {
            sentAhead.Dequeue();
            changesAhead -= op.Changes ? 1 : 0;
            answer = kept.Get<T>();
            return true;
        }
        if (kept.NotRun || changesAhead == 0)
        {
            // Nothing the runtime executed is ahead of this case: what was sent ahead is forgotten, and this is asked now.
            sentAhead.Clear();
            changesAhead = 0;
            return false;
        }
        throw new InvalidOperationException(
            $"harness: case #{Owner} asked {op} while {changesAhead} state-changing operation(s) sent ahead were unasked, the next {planned} for case #{owner}");
    }

    /// <summary>
    /// The running case has ended: the operations sent ahead for it that it did not ask for (it stopped early) were
    /// executed all the same, so they are taken here, in order, and recorded like any other operation (objects they
    /// allocated, words out of the declared word); <paramref name="outOfWord"/> receives an AR-001 failure among them.
    /// </summary>
    public void Settle(Action<OutOfWordException> outOfWord)
    {
        ArgumentNullException.ThrowIfNull(outOfWord);
        while (sentAhead.TryPeek(out var next) && next.Owner == Owner)
        {
            if (next.Answer.NotRun)
            {
                sentAhead.Clear(); // never executed: nothing to record
                changesAhead = 0;
                return;
            }
            Operations.Add($"(sent ahead for case #{Owner}, not asked:)");
            try
            {
                next.Op.CallOn(this);
            }
            catch (OutOfWordException e)
            {
                outOfWord(e);
            }
#pragma warning disable CA1031 // what an operation no case asked for threw is no case's observation; the operation is in the history
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>Returns whether the state may have changed, and clears the flag.</summary>
    public bool TakeChanged()
    {
        bool c = Changed;
        Changed = false;
        return c;
    }

    /// <summary>
    /// Called after every operation: when the adapter replaced the runtime during it (a crashed process restarted, a
    /// reset), what was seen of the old instance says nothing of the new one's memory, so the watch starts afresh.
    /// </summary>
    private void Sync()
    {
        if (inner.Instance != instance)
        {
            instance = inner.Instance;
            State = new();
            NewObjects.Clear();
            NewTypes.Clear();
            Operations.Add($"(the adapter replaced the runtime: instance {instance} from here on)");
        }
    }

    /// <summary><see cref="Sync"/>, passing an operation's result through.</summary>
    private T Follow<T>(T result)
    {
        Sync();
        return result;
    }

    private void Op(string what, bool changes)
    {
        Sync();
        Changed |= changes;
        if (Operations.Count < 10_000)
        {
            Operations.Add(what);
        }
    }

    private ulong Word(string what, ulong value) =>
        (value & mask) == value ? value : throw new OutOfWordException(what, value, wordBits);

    private Region Checked(Region r)
    {
        Word($"the base of {r.Name}", r.Base);
        if (r.Size > 0)
        {
            // The last byte must fit too; written so that nothing overflows.
            if (r.Size - 1 > mask - r.Base)
            {
                throw new OutOfWordException($"the end of {r.Name} (base 0x{r.Base:x}, size)", r.Size, wordBits);
            }
        }
        return r;
    }

    public RegionMap Regions()
    {
        var m = Follow(HasSentAhead && SentAhead(new Operation.Regions(), out RegionMap kept) ? kept : inner.Regions());
        foreach (var r in new[] { m.Table, m.StaticZero }.Concat(m.CompilerZeros).Concat(m.ZeroBuffers))
        {
            if (r is not null)
            {
                Checked(r);
            }
        }
        return m;
    }

    public byte[] Read(ulong address, int length) =>
        Follow(HasSentAhead && SentAhead(new Operation.Read(address, length), out byte[] kept) ? kept : inner.Read(address, length));

    public ScanResult Scan(ulong address, ulong length, ulong seed) => Follow(inner.Scan(address, length, seed));

    public long Instance => inner.Instance;

    public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element)
    {
        var t = inner.CreateType(kind, length, element);
        Op($"CreateType({kind}, {length})", changes: true);
        if (t.Panic is null)
        {
            Word($"the size of a created {kind} type", t.Size);
            NewTypes.Add((t.Type, t.Size));
        }
        return t;
    }

    public IReadOnlyList<CreatedType> CompilerTypes()
    {
        var list = Follow(inner.CompilerTypes());
        foreach (var t in list)
        {
            Word("the size of a compiler-known type", t.Size);
        }
        return list;
    }

    public ulong ZeroPointer(TypeRef type) => Word("a type's zero pointer", Follow(inner.ZeroPointer(type)));

    public MapCreation MakeMap(TypeRef element)
    {
        var m = inner.MakeMap(element);
        Op($"MakeMap(t{element.Id})", changes: true);
        return m;
    }

    public Lookup LookupMissing(MapRef map, ulong key)
    {
        var p = inner.LookupMissing(map, key);
        Op($"LookupMissing(m{map.Id}, {key})", changes: p.Allocated.Objects > 0);
        return p.Absent ? p : p with { Zero = Word("the zero a lookup handed out", p.Zero) };
    }

    public void Assign(MapRef map, ulong key, byte fill)
    {
        inner.Assign(map, key, fill);
        Op($"Assign(m{map.Id}, {key}, {fill})", changes: true);
    }

    public Pointed Convert(ValueKind kind, ulong bits) =>
        Allocating($"Convert({kind}, 0x{bits:x})", HasSentAhead && SentAhead(new Operation.Convert(kind, bits), out Pointed kept) ? kept : inner.Convert(kind, bits), width(kind));

    public Pointed OneByteString(byte value) =>
        Allocating($"OneByteString({value})", HasSentAhead && SentAhead(new Operation.OneByteString(value), out Pointed kept) ? kept : inner.OneByteString(value), 1);

    public Pointed EmptyString() => Allocating("EmptyString()", inner.EmptyString(), 2 * (ulong)Info.Arch.WordBytes);

    public Pointed NilSlice() => Allocating("NilSlice()", inner.NilSlice(), 3 * (ulong)Info.Arch.WordBytes);

    public Pointed EmptySlice() => Allocating("EmptySlice()", inner.EmptySlice(), 3 * (ulong)Info.Arch.WordBytes);

    public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads)
    {
        var seen = inner.RaceFirstUse(types, threads);
        Op($"RaceFirstUse({types.Count} types, {threads} threads)", changes: true);
        foreach (var s in seen.SelectMany(t => t))
        {
            Word("a zero pointer a racing thread saw", s.Zero);
        }
        return seen;
    }

    public void Dispose()
    {
        try
        {
            Closing?.Invoke(); // the watch's last look: an adapter that fails it leaves the state unjudged, said by the watch
        }
        finally
        {
            inner.Dispose();
        }
    }

    private Pointed Allocating(string what, Pointed p, ulong size)
    {
        Word($"the data pointer of {what}", p.Data);
        Op(what, changes: p.Allocated.Objects > 0);
        if (p.Allocated.Objects > 0 && size > 0)
        {
            NewObjects.Add(new SeenObject(p.Data, size, what));
        }
        return p;
    }
}
