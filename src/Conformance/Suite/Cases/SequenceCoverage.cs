using Conformance.Adapters;

namespace Conformance.Suite.Cases;

/// <summary>
/// What a run's random sequences reach, for one runtime (its claimed features and word size): every ordered pair of
/// consecutive operations, every operation in every state of the on-demand buffer (before any growth, after one,
/// after several, at the overflow edge), and the interleavings that matter to the zero values (a map or lookup of a
/// type older than the latest growth, a second map of one element type, a lookup in a map holding an entry, type
/// creation and conversions between two growths, a map whose element is past the overflow edge). Computed from the
/// generated operations alone, as the sequence runner performs them (the same index wrapping and skips): the states
/// follow ZV-005's growth (the first buffer 4096 bytes, doubling until large enough) and ZV-006's overflow, so they
/// are the states a conforming runtime passes through; no runtime is asked anything.
/// </summary>
internal sealed class SequenceCoverage
{
    private const ulong StaticZeroSize = 1024;
    private const ulong FirstBuffer = 4096;

    private static readonly OpKind[] Kinds = [.. Enum.GetValues<OpKind>().Where(k => k != OpKind.NewEdgeType)];
    private static readonly string[] BufferStates = ["before any growth", "after one growth", "after several growths", "at the overflow edge"];

    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);

    private SequenceCoverage(IReadOnlyList<string> goals) => Goals = goals;

    /// <summary>What sequences should reach for this runtime, by group ("pairs", "states", "interleavings"), in a fixed order.</summary>
    public IReadOnlyList<string> Goals { get; }

    /// <summary>The pairs of operation kinds no sequence reached (NewType stands for both type-creating kinds).</summary>
    public IReadOnlyList<(OpKind First, OpKind Then)> MissingPairs =>
        [.. Kinds.SelectMany(a => Kinds.Select(b => (a, b))).Where(p => Goals.Contains(Pair(p.a, p.b)) && !_reached.Contains(Pair(p.a, p.b)))];

    /// <summary>The goals no sequence reached.</summary>
    public IReadOnlyList<string> Missing => [.. Goals.Where(g => !_reached.Contains(g))];

    /// <summary>The size of the type a type-creating op makes on a <paramref name="wordBits"/>-bit machine.</summary>
    public static ulong SizeOf(Op op, int wordBits) => op.Kind == OpKind.NewEdgeType ? (1UL << (wordBits - 1)) + (op.A == 0 ? 0UL : 1UL) : op.A;

    /// <summary>
    /// Measures <paramref name="sequences"/> as a runtime claiming <paramref name="features"/> (null: a runtime asked for
    /// every operation, with the on-demand buffer) with a <paramref name="wordBits"/>-bit word runs them.
    /// </summary>
    public static SequenceCoverage Measure(IEnumerable<Op[]> sequences, IReadOnlySet<string>? features, int wordBits)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        bool Claims(OpKind k) => features is null || SequenceCases.Claimed(k, features);
        bool onDemand = Claims(OpKind.NewEdgeType);
        bool maps = Claims(OpKind.MakeMap);
        bool converts = Kinds.Any(k => k is OpKind.Convert or OpKind.OneByteString or OpKind.EmptyString or OpKind.NilSlice && Claims(k));
        var kinds = Kinds.Where(Claims).ToList();
        var states = onDemand ? BufferStates : ["no on-demand buffer"];
        var goals = kinds.SelectMany(a => kinds.Select(b => Pair(a, b)))
            .Concat(kinds.SelectMany(k => states.Select(st => InState(k, st))))
            .Concat(Interleavings(onDemand, maps, converts))
            .ToList();
        var coverage = new SequenceCoverage(goals);
        foreach (var sequence in sequences)
        {
            coverage.Walk(features is null ? sequence : SequenceCases.Runnable(sequence, features), onDemand, wordBits);
        }
        return coverage;
    }

    /// <summary>"pairs 64/64, operation x buffer state 32/32, interleavings 6/6", then what is missing (the first few).</summary>
    public string Summary()
    {
        string Group(string prefix, string label)
        {
            var goals = Goals.Where(g => g.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            return $"{label} {goals.Count(_reached.Contains)}/{goals.Count}";
        }
        var missing = Missing;
        return $"{Group("pair ", "pairs")}, {Group("state ", "operation x buffer state")}, {Group("interleaving ", "interleavings")}"
            + (missing.Count == 0 ? "" : $"; not reached: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}");
    }

    private static string Pair(OpKind a, OpKind b) => $"pair {a} then {b}";

    private static string InState(OpKind k, string state) => $"state {k} {state}";

    private static IEnumerable<string> Interleavings(bool onDemand, bool maps, bool converts)
    {
        if (maps)
        {
            yield return "interleaving a second map of one element type";
            yield return "interleaving a lookup in a map holding an entry";
        }
        if (maps && onDemand)
        {
            yield return "interleaving a map or lookup of a type older than the latest growth";
            yield return "interleaving a type created between two growths";
            yield return "interleaving a map whose element is past the overflow edge (it throws)";
        }
        if (maps && onDemand && converts)
        {
            yield return "interleaving a conversion between two growths";
        }
    }

    /// <summary>One sequence, from a fresh runtime: what the runner does with each op, and what that reaches.</summary>
    private void Walk(IReadOnlyList<Op> ops, bool onDemand, int wordBits)
    {
        ulong edge = 1UL << (wordBits - 1);
        var types = new List<(ulong Size, int Growths)>();
        var maps = new List<(int Type, bool HasEntry)>();
        var mapped = new HashSet<int>();
        ulong buffer = 0;
        int growths = 0;
        bool typeSinceGrowth = false, conversionSinceGrowth = false;
        OpKind? previous = null;
        foreach (var op in ops)
        {
            var kind = op.Kind == OpKind.NewEdgeType ? OpKind.NewType : op.Kind;
            string state = !onDemand ? "no on-demand buffer" : buffer == edge ? BufferStates[3] : growths switch { 0 => BufferStates[0], 1 => BufferStates[1], _ => BufferStates[2] };
            bool performed = true;
            switch (op.Kind)
            {
                case OpKind.NewType or OpKind.NewEdgeType:
                    types.Add((SizeOf(op, wordBits), growths));
                    typeSinceGrowth |= growths > 0;
                    break;
                case OpKind.MakeMap when types.Count > 0:
                    int t = (int)(op.A % (ulong)types.Count);
                    if (!mapped.Add(t))
                    {
                        _reached.Add("interleaving a second map of one element type");
                    }
                    OlderType(t);
                    ulong size = types[t].Size;
                    if (onDemand && size > edge)
                    {
                        _reached.Add("interleaving a map whose element is past the overflow edge (it throws)");
                        break;
                    }
                    if (onDemand && size > StaticZeroSize && size > buffer)
                    {
                        // ZV-005: the first buffer is 4096 bytes; it doubles until the type fits (ZV-006: a type over 2^(w-1) throws, above).
                        ulong grown = buffer == 0 ? FirstBuffer : buffer;
                        while (grown < size)
                        {
                            grown <<= 1;
                        }
                        buffer = grown;
                        growths++;
                        if (growths > 1 && typeSinceGrowth)
                        {
                            _reached.Add("interleaving a type created between two growths");
                        }
                        if (growths > 1 && conversionSinceGrowth)
                        {
                            _reached.Add("interleaving a conversion between two growths");
                        }
                        typeSinceGrowth = conversionSinceGrowth = false;
                    }
                    maps.Add((t, false));
                    break;
                case OpKind.Lookup when maps.Count > 0:
                    var (lt, entry) = maps[(int)(op.A % (ulong)maps.Count)];
                    if (entry)
                    {
                        _reached.Add("interleaving a lookup in a map holding an entry");
                    }
                    OlderType(lt);
                    break;
                case OpKind.Assign when maps.Count > 0:
                    int m = (int)(op.A % (ulong)maps.Count);
                    // The runner assigns only into maps of elements up to 4096 bytes.
                    if (types[maps[m].Type].Size <= 4096)
                    {
                        maps[m] = (maps[m].Type, true);
                    }
                    break;
                case OpKind.MakeMap or OpKind.Lookup or OpKind.Assign:
                    performed = false; // nothing to map or look up yet: the runner skips it
                    break;
                default:
                    conversionSinceGrowth |= growths > 0;
                    break;
            }
            if (!performed)
            {
                continue;
            }
            _reached.Add(InState(kind, state));
            if (previous is { } p)
            {
                _reached.Add(Pair(p, kind));
            }
            previous = kind;
        }

        void OlderType(int t)
        {
            if (onDemand && growths > 0 && types[t].Growths < growths)
            {
                _reached.Add("interleaving a map or lookup of a type older than the latest growth");
            }
        }
    }
}

/// <summary>What a run's random sequences reach, for the runner's report.</summary>
public static class SequenceReport
{
    /// <summary>One line for the runtime described by <paramref name="info"/>: the run's sequences' <see cref="SequenceCoverage.Summary"/>.</summary>
    public static string Coverage(CaseInputs inputs, RunOptions options, RuntimeInfo info)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(info);
        return SequenceCoverage.Measure(SequenceCases.Generate(inputs, options.Sequences, options.SequenceLength), info.Features, info.Arch.WordBits).Summary();
    }
}
