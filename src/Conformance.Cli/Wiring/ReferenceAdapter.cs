using System.Collections.Concurrent;
using Conformance.Adapters;
using Conformance.Requirements;
using Reference;
using SuiteKind = Conformance.Adapters.TypeKind;
using SuiteValue = Conformance.Adapters.ValueKind;

namespace Conformance.Cli.Wiring;

/// <summary>
/// The reference runtime (or a deliberately broken variant of it) seen through the suite's adapter
/// interface: the only place that knows both. It reports what the runtime did; it judges nothing.
/// </summary>
internal sealed class ReferenceAdapter : IRuntimeAdapter
{
    private readonly ReferenceRuntime runtime;
    private readonly ConcurrentDictionary<long, RType> types = new();
    private readonly ConcurrentDictionary<long, GoMap> maps = new();

    private static readonly Lazy<RequirementCatalog> Spec = new(RequirementCatalog.LoadEmbedded);

    /// <summary>Wraps <paramref name="runtime"/>; its claims are the spec's profile for its design (spec/features.md).</summary>
    public ReferenceAdapter(ReferenceRuntime runtime, string? name = null)
    {
        this.runtime = runtime;
        var arch = runtime.Architecture;
        Info = new RuntimeInfo(name ?? NameOf(runtime.Options.Design), typeof(ReferenceRuntime).Assembly.GetName().Version?.ToString() ?? "0",
            new Arch(arch.WordBits, arch.IsBigEndian), Spec.Value.Profile(ProfileOf(runtime.Options.Design)).Features);
    }

    /// <summary>The spec profile the reference implements in <paramref name="design"/>.</summary>
    public static string ProfileOf(ZeroDesign design) => design == ZeroDesign.OnDemand ? "reference" : "gc";

    /// <summary>How the runner names the reference in <paramref name="design"/>: "reference" or "reference-gc".</summary>
    public static string NameOf(ZeroDesign design) => design == ZeroDesign.OnDemand ? "reference" : "reference-gc";

    public RuntimeInfo Info { get; }

    public RegionMap Regions() => new(
        Map(runtime.Table), Map(runtime.StaticZero), Map(runtime.CompilerZero),
        runtime.ZeroBuffers.Select(Map).ToList());

    // Protection as a real process would map the segment: read-only data is "r--", the rest writable (the
    // reference's write guards stand in for what a real runtime must simply never do).
    private static Region Map(MemoryRegion r) => new(r.Name, r.Base, r.Size, r.Segment == Segment.ReadOnlyData ? "r--" : "rw-");

    public byte[] Read(ulong address, int length) => Faulting(address, (ulong)length, () => runtime.Memory.Read(address, length));

    public bool ScansInPlace => true;

    /// <summary>Every byte of the range, at the cost of the pages the simulation has written (its memory is sparse).</summary>
    public ScanResult Scan(ulong address, ulong length, ulong seed)
    {
        var (nonZero, first) = Faulting(address, length, () => runtime.Memory.CountNonZero(address, length));
        return new ScanResult(nonZero, first, length);
    }

    public CreatedType CreateType(SuiteKind kind, ulong length, TypeRef? element)
    {
        var before = runtime.Memory.Counters;
        RType t;
        try
        {
            t = CreateOrPanic(kind, length, element);
        }
        catch (ArraySizeExceedsAddressSpaceException e)
        {
            // Go's reflect panic: the runtime refused to make the type.
            return new CreatedType(new TypeRef(-1), 0, Allocated(before), e.Message);
        }
        types[t.Id] = t;
        return new CreatedType(new TypeRef(t.Id), t.Size, Allocated(before));
    }

    private RType CreateOrPanic(SuiteKind kind, ulong length, TypeRef? element) =>
        Guarded(() => kind switch
        {
            SuiteKind.Array => runtime.ByteArrayOf(length),
            SuiteKind.Struct => runtime.StructOf(length),
            SuiteKind.Pointer => runtime.PtrTo(Type(element)),
            SuiteKind.Chan => runtime.ChanOf(Type(element)),
            SuiteKind.Map => runtime.MapOf(runtime.Uint64Type, Type(element)),
            SuiteKind.Func => runtime.FuncOf([], [Type(element)], false),
            SuiteKind.Slice => runtime.SliceOf(Type(element)),
            _ => throw new AdapterException($"unknown type kind {kind}"),
        });

    public IReadOnlyList<CreatedType> CompilerTypes() => runtime.CompilerTypes.Select(t =>
    {
        types[t.Id] = t;
        return new CreatedType(new TypeRef(t.Id), t.Size, Allocation.None);
    }).ToList();

    public ulong ZeroPointer(TypeRef type) => Type(type).ZeroPointer;

    public MapCreation MakeMap(TypeRef element)
    {
        var before = runtime.Memory.Counters;
        try
        {
            var m = Guarded(() => runtime.MakeMapOf(Type(element)));
            maps[m.Id] = m;
            return new MapCreation(new MapRef(m.Id), Allocated(before), null);
        }
        catch (GoRuntimeException e)
        {
            // A fatal runtime error (Go's throw): data for the suite, not an adapter failure.
            return new MapCreation(null, Allocated(before), e.Message);
        }
    }

    public Lookup LookupMissing(MapRef map, ulong key)
    {
        var before = runtime.Memory.Counters;
        ulong? zero;
        try
        {
            zero = Guarded(() => runtime.Lookup(Map(map), key));
        }
        catch (GoRuntimeException e)
        {
            // A fatal error in a lookup (a broken runtime's throw): the runtime died, as a real one's process would; no observation.
            throw new AdapterException($"the runtime died with a fatal error during the lookup (Go's throw): {e.Message}", e);
        }
        return zero is { } z ? Adapters.Lookup.HandedOut(z, Allocated(before)) : Adapters.Lookup.KeyAbsent(Allocated(before));
    }

    public void Assign(MapRef map, ulong key, byte fill) => Guarded(() => runtime.Assign(Map(map), key, fill));

    public Pointed Convert(SuiteValue kind, ulong bits) => Measure(() => runtime.ConvertToInterface((Reference.ValueKind)(int)kind, bits));

    public Pointed OneByteString(byte value) => Measure(() => runtime.OneByteString(value));

    public Pointed EmptyString() => Measure(runtime.EmptyStringToInterface);

    public Pointed NilSlice() => Measure(runtime.NilSliceToInterface);

    public Pointed EmptySlice() => Measure(runtime.EmptySliceToInterface);

    /// <summary>
    /// The race of ZV-011, with its interleaving scheduled rather than hoped for: makers (even threads) race to make the
    /// first map of each type and then read its zero pointer; watchers (odd threads) take the runtime's unlocked fast
    /// path. A simulation can be paused: at the instant a maker publishes a raced type's zero pointer (inside the zero
    /// lock when the buffer grew, before the maker goes on) every watcher reads the pointer and checks the memory it
    /// points at, so a pointer published before its buffer is allocated is seen every time, not only when a thread
    /// happens to run in the window. The watchers' reads are made there, on the publishing thread: a watcher of its own
    /// would only wait for that instant and make it wait in turn, two thread hand-offs per publication that a loaded
    /// machine serves a scheduler slice each (ZooTests.RaceRates beside six busy loops: 7 s alone, 106 s so).
    /// A type published before the race is watched before the makers start; one never published, after they end.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> raced, int threads)
    {
        var list = raced.Select(t => Type(t)).ToList();
        var seen = Enumerable.Range(0, threads).Select(_ => new RaceSighting[list.Count]).ToArray();
        var watched = new bool[list.Count];
        var index = list.Select((t, i) => (t.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i);
        RaceSighting Look(RType t, ulong zero)
        {
            // Only the memory is asked (its own short lock), never the runtime's zero lock, which the publisher holds.
            // A zero that faults when read (its buffer was freed) is not ready either.
            var region = zero == 0 ? null : runtime.Memory.FindRegion(zero, Math.Max(t.Size, 1));
            bool ready = region is { Kind: RegionKind.StaticZero or RegionKind.CompilerZero or RegionKind.ZeroBuffer }
                && ReadsAsZero(zero, Math.Min(t.Size, 4096));
            return new RaceSighting(zero, ready);
        }
        void Watch(int k)
        {
            lock (watched) // a broken runtime may publish outside its zero lock, from two makers at once
            {
                for (int i = 1; i < threads && !watched[k]; i += 2)
                {
                    seen[i][k] = Look(list[k], list[k].ZeroPointer);
                }
                watched[k] = true; // the first publication is the one watched (a broken runtime may publish again)
            }
        }
        void OnPublish(RType t, ulong pointer)
        {
            if (index.TryGetValue(t.Id, out int k))
            {
                Watch(k);
            }
        }
        // A type whose zero pointer is already set (a broken runtime may set it early) has nothing left to publish.
        foreach (int k in Enumerable.Range(0, list.Count).Where(k => list[k].ZeroPointer != 0))
        {
            Watch(k);
        }
        var makers = Enumerable.Range(0, threads).Where(i => i % 2 == 0).ToList();
        using var start = new Barrier(makers.Count);
        Exception? failure = null;
        runtime.Published += OnPublish;
        try
        {
            var workers = makers.Select(i => new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    for (int k = 0; k < list.Count; k++)
                    {
                        runtime.MakeMapOf(list[k]);
                        seen[i][k] = Look(list[k], list[k].ZeroPointer);
                    }
                }
#pragma warning disable CA1031 // A racing thread's failure is reported to the caller as an adapter failure.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = e;
                    start.RemoveParticipant();
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
        }
        finally
        {
            runtime.Published -= OnPublish;
        }
        for (int k = 0; k < list.Count; k++)
        {
            Watch(k); // never published (a maker failed, or the runtime never publishes): the watchers look last
        }
        return failure is null ? seen : throw new AdapterException($"a racing thread failed: {failure.Message}", failure);
    }

    private bool ReadsAsZero(ulong address, ulong length)
    {
        try
        {
            return runtime.Memory.IsZero(address, length);
        }
        catch (UnmappedMemoryException)
        {
            return false;
        }
    }

    public void Dispose()
    {
    }

    private Pointed Measure(Func<ulong> op)
    {
        var before = runtime.Memory.Counters;
        ulong p = Guarded(op);
        return new Pointed(p, Allocated(before));
    }

    private Allocation Allocated(AllocationCounters before)
    {
        var d = runtime.Memory.Counters - before;
        // Zero buffers count too: a runtime that allocates a zero at type creation must show it.
        return new Allocation(d.HeapObjects + d.ZeroBuffers, d.HeapBytes + d.ZeroBufferBytes);
    }

    /// <summary>A read of the simulated memory; touching freed memory is the runtime's memory fault, as in a real process.</summary>
    private static T Faulting<T>(ulong address, ulong length, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (UnmappedMemoryException e)
        {
            throw new MemoryFaultException(address, length, e.Message);
        }
    }

    private static T Guarded<T>(Func<T> op)
    {
        try
        {
            return op();
        }
        catch (WriteGuardViolationException e)
        {
            throw new AdapterException($"the reference tripped its own write guard: {e.Message}", e);
        }
        catch (UnmappedMemoryException e)
        {
            throw new AdapterException($"the runtime faulted: {e.Message}", e);
        }
        catch (NonTerminationException e)
        {
            throw new AdapterException($"the runtime hung: {e.Message}", e);
        }
    }

    private RType Type(TypeRef? t) =>
        t is { } r && types.TryGetValue(r.Id, out var type) ? type : throw new AdapterException($"unknown type handle {t?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}");

    private GoMap Map(MapRef m) =>
        maps.TryGetValue(m.Id, out var map) ? map : throw new AdapterException($"unknown map handle {m.Id}");
}
