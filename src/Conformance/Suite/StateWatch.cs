using Conformance.Adapters;
using Conformance.Suite.Cases;

namespace Conformance.Suite;

/// <summary>
/// Judges the state invariants on every state the suite visits: after every case that may have changed a runtime
/// (and before a fresh instance a case made is closed), every invariant whose features the runtime claims is judged
/// on every region the runtime reports and every object it was seen to allocate: the table's contents (SV-007),
/// every zero region all zero (ZV-009), buffers aligned, kept and readable (ZV-007), the memory bound (ZV-014),
/// disjointness of the table, the zero regions and the objects, objects against each other too (ZV-015), the zero
/// pointer of every type seen so far unchanged (ZV-003), and every reported word inside the declared word (AR-001).
/// Each invariant's verdict is reported once per run by its "every-state" case, naming the first case after which
/// it failed and the operations that led there.
/// </summary>
/// <remarks>
/// Cost: only what changed since the last check is judged where that is exact (new objects and regions against the
/// rest, new types); the table (2 KiB) and the static zero (1 KiB) are read every time (a table whose bytes are those
/// judged last is not judged again: the same bytes, the same verdicts, counted again); larger zero regions are
/// scanned in full when the adapter scans in place, otherwise their first and last pages and one rotating page are
/// read each time, and the whole scan plan (<see cref="ScanPlan"/>) when the runtime is closed and at the end.
/// </remarks>
internal sealed class StateWatch
{
    /// <summary>The invariants judged on every state, in report order.</summary>
    public static readonly string[] Invariants = ["AR-001", "SV-007", "ZV-003", "ZV-007", "ZV-009", "ZV-014", "ZV-015"];

    private readonly Judge judge;
    private readonly ulong seed;
    private readonly Dictionary<string, CaseOutcome> firstFailure = new(StringComparer.Ordinal);
    private CaseOutcome? firstUnjudged; // the first state the adapter failed to show (it crashed, hung, ...)
    private readonly Dictionary<string, int> judged = new(StringComparer.Ordinal);
    private readonly HashSet<string> applicable;
    private double zeroBytes, zeroBytesRead;
    private int checks;
    private (byte[] Bytes, bool BigEndian)? judgedTable; // SV-007: the table last judged (all 256 slots held: after a failure SV-007 is off)

    public StateWatch(Judge judge, RuntimeInfo info, ulong seed)
    {
        this.judge = judge;
        this.seed = seed;
        applicable = Invariants.Where(id => judge.Catalog.Get(id).AppliesTo(info.Features)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The case that is running (named in every failure found while it runs).</summary>
    public string CurrentCase { get; set; } = "(start)";

    /// <summary>Wraps a runtime so that its state is judged after every case and before it is closed.</summary>
    public ObservedRuntime Watch(IRuntimeAdapter runtime, Func<ValueKind, ulong> width)
    {
        var observed = new ObservedRuntime(runtime, width);
        observed.Closing = () => Check(observed, full: true);
        return observed;
    }

    /// <summary>Records an out-of-word value the runtime reported while <see cref="CurrentCase"/> ran (AR-001).</summary>
    public void OutOfWord(OutOfWordException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Record("AR-001", new CaseOutcome(Verdict.Fail, $"after case {CurrentCase}", "every address and size fits the declared word",
            e.Message, $"AR-001.ok does not hold for {e.What} = {Judge.Show(e.Value)}"));
    }

    /// <summary>Judges every applicable invariant on <paramref name="rt"/>'s state, if it may have changed (or <paramref name="full"/>).</summary>
    public void Check(ObservedRuntime rt, bool full)
    {
        ArgumentNullException.ThrowIfNull(rt);
        if (!full && rt.Ahead)
        {
            return; // the runtime is ahead of the cases (Pipeline): its state is judged once they catch up
        }
        if (!rt.TakeChanged() && !full)
        {
            return;
        }
        checks++;
        var history = rt.Operations.Count == 0 ? "" : $"; operations since the last check: {string.Join("; ", rt.Operations.TakeLast(8))}{(rt.Operations.Count > 8 ? $" (last 8 of {rt.Operations.Count})" : "")}";
        rt.Operations.Clear();
        string input = $"the state after case {CurrentCase}{history}";
        try
        {
            CheckAll(rt, input, full);
        }
        catch (OutOfWordException e)
        {
            OutOfWord(e);
        }
        catch (MemoryFaultException e)
        {
            // A zero region, the table or a buffer the runtime reports faulted: each says its memory is readable.
            Record("ZV-009", new CaseOutcome(Verdict.Fail, input, "every zero region is readable and all zero", e.Message, "a reported region faulted when read"));
        }
        catch (AdapterException e)
        {
            // The adapter failed while showing this state: it was not judged, so no invariant can be said to hold in
            // every state (each every-state case is an error naming this, unless it failed on a state that was judged).
            firstUnjudged ??= new CaseOutcome(Verdict.Error, input, "", $"no observation: {e.Message}",
                $"adapter failed while the state after case {CurrentCase} was read: {e.Message}");
        }
    }

    private void CheckAll(ObservedRuntime rt, string input, bool full)
    {
        var map = rt.Regions();
        var ctx = rt.State; // after Regions: a runtime replaced during it starts with a fresh state
        if (On("SV-007") && map.Table is { } table)
        {
            var bytes = rt.Read(table.Base, 256 * 8);
            bool bigEndian = rt.Info.Arch.BigEndian;
            if (judgedTable is var (last, lastBigEndian) && lastBigEndian == bigEndian && bytes.AsSpan().SequenceEqual(last))
            {
                // The very bytes judged last, all 256 slots as required: the judge is a function of them and the byte
                // order, so the verdicts are the same, counted again. Most states leave the table as it was.
                judged["SV-007"] += 256;
            }
            else
            {
                for (ulong v = 0; v < 256; v++)
                {
                    ulong raw = CaseKit.AddressOrder(bytes.AsSpan((int)(8 * v), 8));
                    if (!Judge1("SV-007", "SV-007.ok", $"{input}: table slot {v}", "the slot's 8 bytes in address order",
                        new Arg("be", bigEndian ? 1UL : 0), new Arg("v", v), new Arg("raw", raw)))
                    {
                        break;
                    }
                }
                judgedTable = ([.. bytes], bigEndian);
            }
        }
        var zeros = CaseKit.ZeroRegions(map).ToList();
        if (On("ZV-009"))
        {
            foreach (var r in zeros)
            {
                var scan = ScanZero(rt, r, full);
                if (full)
                {
                    zeroBytes += r.Size;
                    zeroBytesRead += scan.BytesRead;
                }
                Judge1("ZV-009", "ZV-009.ok", $"{input}: {r.Name}",
                    $"non-zero bytes in {r.Name} ({CaseKit.N(r.Size)} bytes; {CaseKit.N(scan.BytesRead)} read{(scan.FirstNonZero is { } f ? $"; the first at offset {CaseKit.N(f)}" : "")})",
                    new Arg("nonzerobytes", scan.NonZero));
            }
        }
        var buffers = map.ZeroBuffers;
        if (On("ZV-007"))
        {
            foreach (var gone in ctx.Buffers.Where(b => !buffers.Any(n => n.Base == b.Base && n.Size == b.Size)).ToList())
            {
                Judge1("ZV-007", "ZV-007.ok", $"{input}: {gone.Name}", $"{gone.Name} (0x{gone.Base:x}, {CaseKit.N(gone.Size)} bytes) is no longer reported",
                    new Arg("buf", gone.Base), new Arg("stillvalid", 0));
            }
            foreach (var b in buffers)
            {
                bool readable = Readable(rt, b);
                Judge1("ZV-007", "ZV-007.ok", $"{input}: {b.Name}", "buffer base and whether its first and last bytes still read as zero",
                    new Arg("buf", b.Base), new Arg("stillvalid", readable ? 1UL : 0));
            }
        }
        if (On("ZV-014"))
        {
            ulong total = 0;
            foreach (var b in buffers)
            {
                total = unchecked(total + b.Size);
            }
            Judge1("ZV-014", "ZV-014.ok", input, $"{buffers.Count} buffers ever allocated", new Arg("total", total), new Arg("current", CaseKit.CurrentBufferSize(map)));
        }
        if (On("ZV-015"))
        {
            // Every range seen (the table, the zero regions, the objects) is kept sorted by base and pairwise
            // disjoint; a new range overlaps one of them exactly when it overlaps its neighbour below or above.
            var regions = (map.Table is null ? zeros : [map.Table, .. zeros]).Select(r => new SeenObject(r.Base, r.Size, r.Name));
            foreach (var item in regions.Where(r => !ctx.Seen.Contains(r)).Concat(rt.NewObjects).ToList())
            {
                int at = ctx.Sorted.BinarySearch(item, ByBase);
                at = at < 0 ? ~at : at;
                foreach (var other in new[] { at > 0 ? ctx.Sorted[at - 1] : null, at < ctx.Sorted.Count ? ctx.Sorted[at] : null })
                {
                    if (other is not null && !Judge1("ZV-015", "ZV-015.ok", $"{input}: {item.MadeBy} vs {other.MadeBy}", "the two ranges",
                        new Arg("a", item.Base), new Arg("alen", item.Size), new Arg("b", other.Base), new Arg("blen", other.Size)))
                    {
                        break;
                    }
                }
                ctx.Sorted.Insert(at, item);
                ctx.Seen.Add(item);
            }
        }
        rt.NewObjects.Clear();
        if (On("ZV-003"))
        {
            ctx.Types.AddRange(rt.NewTypes.Select(t => (t.Type, t.Size, 0UL)));
            for (int i = 0; i < ctx.Types.Count; i++)
            {
                var (type, size, first) = ctx.Types[i];
                ulong now = rt.ZeroPointer(type);
                if (first == 0)
                {
                    ctx.Types[i] = (type, size, now);
                }
                else
                {
                    Judge1("ZV-003", "ZV-003.ok", $"{input}: the {CaseKit.N(size)}-byte type t{type.Id}", "its zero pointer when first seen set, and now",
                        new Arg("before", first), new Arg("after", now));
                }
            }
        }
        rt.NewTypes.Clear();
        ctx.Buffers = [.. buffers];
    }

    private ScanResult ScanZero(ObservedRuntime rt, Region r, bool full)
    {
        if (full || r.Size <= 2 * ScanPlan.Page || rt.ScansInPlace)
        {
            return rt.Scan(r.Base, r.Size, seed ^ r.Base);
        }
        // Light check of a large region: its first and last page and one page that moves with every check.
        ulong pages = r.Size / ScanPlan.Page;
        ulong rotating = (ulong)checks * 7919 % pages * ScanPlan.Page;
        ulong nonZero = 0;
        ulong? first = null;
        foreach (var off in new ulong[] { 0, r.Size - ScanPlan.Page, rotating }.Distinct())
        {
            var bytes = rt.Read(r.Base + off, (int)ScanPlan.Page);
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != 0)
                {
                    nonZero++;
                    first ??= off + (ulong)i;
                }
            }
        }
        return new ScanResult(nonZero, first, 3 * ScanPlan.Page);
    }

    private static bool Readable(ObservedRuntime rt, Region b)
    {
        try
        {
            return rt.Read(b.Base, 1)[0] == 0 && rt.Read(b.Base + b.Size - 1, 1)[0] == 0;
        }
        catch (MemoryFaultException)
        {
            return false;
        }
    }

    private static readonly Comparer<SeenObject> ByBase = Comparer<SeenObject>.Create((a, b) => a.Base.CompareTo(b.Base));

    private bool On(string requirement) => applicable.Contains(requirement) && !firstFailure.ContainsKey(requirement);

    /// <summary>Judges one observation of an invariant; keeps its first failure. Returns whether it held.</summary>
    private bool Judge1(string requirement, string predicate, string input, string observed, params ReadOnlySpan<Arg> args)
    {
        judged[requirement] = judged.GetValueOrDefault(requirement) + 1;
        if (judge.Holds(predicate, args))
        {
            return true;
        }
        Record(requirement, judge.Check(predicate, input, observed, args));
        return false;
    }

    private void Record(string requirement, CaseOutcome outcome) => firstFailure.TryAdd(requirement, outcome);

    /// <summary>The verdict of <paramref name="requirement"/>'s every-state case: its first failure, or a pass saying what was judged.</summary>
    public CaseOutcome Outcome(string requirement)
    {
        if (firstFailure.TryGetValue(requirement, out var failed))
        {
            return failed;
        }
        if (firstUnjudged is { } unjudged)
        {
            return unjudged with { Expected = $"{requirement} holds in every state" };
        }
        string read = requirement == "ZV-009" && zeroBytes > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; closing scans read {zeroBytesRead:0.###e0} of {zeroBytes:0.###e0} zero-region bytes ({100.0 * zeroBytesRead / zeroBytes:0.###}%)")
            : "";
        return CaseOutcome.Passed($"every state of the run ({checks} checks)", $"{requirement} holds in every state",
            $"{judged.GetValueOrDefault(requirement)} observations, all as required{read}");
    }
}

/// <summary>What the watch remembers of one runtime instance between checks.</summary>
internal sealed class InstanceState
{
    /// <summary>Every range judged for ZV-015 so far, sorted by base.</summary>
    public List<SeenObject> Sorted { get; } = [];

    /// <summary>The same ranges, for membership.</summary>
    public HashSet<SeenObject> Seen { get; } = [];

    public List<Region> Buffers { get; set; } = [];

    public List<(TypeRef Type, ulong Size, ulong First)> Types { get; } = [];
}
