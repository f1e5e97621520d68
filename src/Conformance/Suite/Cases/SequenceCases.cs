using System.Globalization;
using Conformance.Adapters;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Suite.Cases;

/// <summary>One step of a random operation sequence.</summary>
internal enum OpKind
{
    NewType,
    /// <summary>A type at the overflow edge of the word: 2^(w-1) bytes (A = 0, the largest a buffer can be), or one byte more (A = 1: making a map of it throws).</summary>
    NewEdgeType,
    MakeMap,
    Lookup,
    Assign,
    Convert,
    OneByteString,
    EmptyString,
    NilSlice,
}

/// <summary>A step: a kind and up to three operands (indices wrap around what exists).</summary>
internal sealed record Op(OpKind Kind, ulong A, ulong B, byte C)
{
    public override string ToString() => Kind switch
    {
        OpKind.NewType => $"t=StructOf({A} bytes)",
        OpKind.NewEdgeType => A == 0 ? "t=StructOf(2^(w-1) bytes)" : "t=StructOf(2^(w-1)+1 bytes)",
        OpKind.MakeMap => $"MakeMap(t#{A})",
        OpKind.Lookup => $"m#{A}[{B}]",
        OpKind.Assign => $"m#{A}[{B}]=fill({C})",
        OpKind.Convert => string.Create(CultureInfo.InvariantCulture, $"any({CaseKit.Kinds[(int)(A % (ulong)CaseKit.Kinds.Length)]}(0x{B:x}))"),
        OpKind.OneByteString => $"string(byte {C})",
        OpKind.EmptyString => "any(\"\")",
        _ => "any([]byte(nil))",
    };
}

/// <summary>
/// Random operation sequences: type creation, map creation, lookups, assignments and conversions
/// interleaved. After a sequence the state is judged: the table and every zero region unchanged, no
/// zero pointer changed once set, every zero at least as large as its type, regions disjoint. A failing
/// sequence is shrunk against a fresh runtime and reported with the seed that replays it.
/// <para>A runtime with the on-demand buffer runs each sequence on a fresh instance (where it can give one), so that the
/// sequence's own growths take the buffer through its states (before any growth, after one, after several, at the
/// overflow edge) and a failure replays from the seed alone; the generator is biased so that sequences reach every pair
/// of operations, every operation in every buffer state and the interleavings of <see cref="SequenceCoverage"/>, which
/// <c>run</c> reports per runtime.</para>
/// </summary>
internal static class SequenceCases
{
    private static readonly string[] Checked = ["SV-007", "ZV-003", "ZV-009", "ZV-016", "ZV-015"];

    /// <summary>
    /// One step. Biased (and measured by <see cref="SequenceCoverage"/>) so that a run's sequences reach every pair of
    /// operations and every operation in every buffer state: the eight kinds about equally likely; sizes log-uniform
    /// from 1 KiB to 4 MiB beside small ones, so that maps of ever larger types grow the buffer several times within a
    /// sequence; now and then a type at the overflow edge of the word.
    /// </summary>
    private static Gen<Op> OpGen()
    {
        var large = Gen.Choose(10, 21).SelectMany(k => Gen.Choose(1, 1 << k).Select(r => (ulong)((1 << k) + r)));
        var size = Gen.Frequency(new (int, Gen<ulong>)[] { (1, Gen.Choose(0, 1024).Select(i => (ulong)i)), (3, large) });
        var index = Gen.Choose(0, 15).Select(i => (ulong)i);
        var key = Gen.Choose(0, 7).Select(i => (ulong)i);
        var bits = Gen.OneOf(Gen.Choose(0, 300).Select(i => (ulong)i), ArbMap.Default.GeneratorFor<ulong>());
        var fill = Gen.Choose(1, 255).Select(i => (byte)i);
        return Gen.Frequency(new (int, Gen<Op>)[]
        {
            (2, size.Select(s => new Op(OpKind.NewType, s, 0, 0))),
            (1, Gen.Elements(new Op(OpKind.NewEdgeType, 0, 0, 0), new Op(OpKind.NewEdgeType, 1, 0, 0))),
            (2, index.Select(i => new Op(OpKind.MakeMap, i, 0, 0))),
            (3, index.Zip(key).Select(t => new Op(OpKind.Lookup, t.Item1, t.Item2, 0))),
            (3, index.Zip(key).SelectMany(t => fill.Select(f => new Op(OpKind.Assign, t.Item1, t.Item2, f)))),
            (3, Gen.Choose(0, CaseKit.Kinds.Length - 1).Zip(bits).Select(t => new Op(OpKind.Convert, (ulong)t.Item1, t.Item2, 0))),
            (3, fill.Select(b => new Op(OpKind.OneByteString, 0, 0, b))),
            (3, Gen.Constant(new Op(OpKind.EmptyString, 0, 0, 0))),
            (3, Gen.Constant(new Op(OpKind.NilSlice, 0, 0, 0))),
        });
    }

    /// <summary>
    /// A sequence: <paramref name="length"/> random steps, three of four of them arranged in phases, so that a run's
    /// sequences visit every buffer state with every operation: the first quarter (about) before any growth (its types
    /// small), then a map of a type larger than any before (one growth), a second such map (several growths), a map of
    /// a type of 2^(w-1) bytes (the overflow edge), and at a random step after it a map of one byte more (which throws).
    /// Each phase boundary replaces two random steps with a type and a map of it, so the length stays.
    /// </summary>
    private static Gen<Op[]> SequenceGen(int length) =>
        Gen.ListOf(OpGen(), length).Zip(Gen.Choose(0, 3)).Zip(Gen.Choose(0, int.MaxValue))
            .Select(t => t.Item1.Item2 == 0 || length < 16 ? t.Item1.Item1.ToArray() : Phased(t.Item1.Item1.ToArray(), t.Item2));

    private static Op[] Phased(Op[] ops, int jitter)
    {
        int n = ops.Length, quarter = n / 4;
        // Phase boundaries, jittered by up to an eighth of the length.
        int[] cuts = [quarter + (jitter % 3) - 1, 2 * quarter + ((jitter >> 2) % 3) - 1, 3 * quarter + ((jitter >> 4) % 3) - 1];
        int overflow = cuts[2] + 2 + ((jitter >> 6) % Math.Max(1, n - cuts[2] - 3));
        int types = 0;
        ulong largest = 0; // the largest type made so far: the buffer is smaller than twice it (or than 4096)
        var result = new Op[n];
        ulong? assigned = null;
        for (int i = 0; i < n; i++)
        {
            var op = ops[i];
            if (i == 0 && n > 1)
            {
                // A map from the start, so that lookups and assignments have one before any growth.
                result[0] = new Op(OpKind.NewType, op.A % 1025, 0, 0);
                result[1] = new Op(OpKind.MakeMap, 0, 0, 0);
                types = 1;
                i++;
                continue;
            }
            if (op.Kind == OpKind.Assign)
            {
                assigned = op.A;
            }
            else if (op.Kind == OpKind.Lookup && assigned is { } a && (op.B & 1) == 0)
            {
                op = op with { A = a }; // half the lookups after an assignment look in the map assigned to
            }
            if (i < cuts[0] && op.Kind == OpKind.NewType)
            {
                op = op with { A = op.A % 1025 }; // before any growth: types the static zero serves
            }
            if (i < cuts[2] && op.Kind == OpKind.NewEdgeType)
            {
                op = op with { Kind = OpKind.NewType, A = op.A % 1025 };
            }
            int boundary = Array.IndexOf(cuts, i);
            if (boundary >= 0 && i + 1 < n)
            {
                ulong grows = (2 * Math.Max(largest, 4096)) + 1;
                result[i] = boundary < 2 ? new Op(OpKind.NewType, grows, 0, 0) : new Op(OpKind.NewEdgeType, 0, 0, 0);
                result[i + 1] = new Op(OpKind.MakeMap, (ulong)types, 0, 0);
                largest = boundary < 2 ? grows : largest;
                types++;
                i++;
                continue;
            }
            if (i == overflow && i + 1 < n)
            {
                result[i] = new Op(OpKind.NewEdgeType, 1, 0, 0);
                result[i + 1] = new Op(OpKind.MakeMap, (ulong)types, 0, 0);
                types++;
                i++;
                continue;
            }
            if (op.Kind is OpKind.NewType or OpKind.NewEdgeType)
            {
                types++;
                largest = op.Kind == OpKind.NewType ? Math.Max(largest, op.A) : largest;
            }
            result[i] = op;
        }
        return result;
    }

    /// <summary>The run's sequences: the same seed, count and length give the same ops on every machine.</summary>
    internal static IReadOnlyList<Op[]> Generate(CaseInputs inputs, int sequences, int length)
    {
        var all = inputs.Sample(SequenceGen(length), "sequences", sequences).ToList();
        // Random steps leave a few pairs of operations unvisited in about a third of runs: each pair no sequence reached
        // (for a runtime asked for every operation, with or without the overflow edge) is appended, as two steps borrowed from the run's own steps, to a
        // sequence that has a map by then, the sequences taken in turn. Pairs appended adjacent stay adjacent for a
        // runtime asked for fewer operations, so every runtime's pairs are complete (SequenceCoverage measures it).
        // Measured twice: as a runtime with the overflow edge runs them, and as one without (NewEdgeType is then skipped).
        var missing = SequenceCoverage.Measure(all, null, 64).MissingPairs
            .Union(SequenceCoverage.Measure(all.Select(s => s.Where(op => op.Kind != OpKind.NewEdgeType).ToArray()), null, 64).MissingPairs).ToList();
        var withMap = Enumerable.Range(0, all.Count).Where(i => all[i].Length > 1 && all[i][0].Kind == OpKind.NewType && all[i][1].Kind == OpKind.MakeMap).ToList();
        for (int k = 0; k < missing.Count && withMap.Count > 0; k++)
        {
            int target = withMap[k % withMap.Count];
            all[target] = [.. all[target], Borrow(all, missing[k].First), Borrow(all, missing[k].Then)];
        }
        return all;
    }

    /// <summary>An op of <paramref name="kind"/> from the run's steps (the first there is), else one with plain operands.</summary>
    private static Op Borrow(IReadOnlyList<Op[]> sequences, OpKind kind) =>
        sequences.SelectMany(s => s).FirstOrDefault(op => op.Kind == kind && (kind != OpKind.NewType || op.A <= 1024)) ?? new Op(kind, 1, 1, 1);

    /// <summary>Whether a runtime claiming <paramref name="features"/> runs each sequence on a fresh instance (when it can give one).</summary>
    internal static bool OnFreshInstances(IReadOnlySet<string> features) => features.Contains("zero.on-demand");

    public static IEnumerable<ConformanceCase> All(CaseInputs inputs, int sequences, int length)
    {
        var all = Generate(inputs, sequences, length);
        for (int i = 0; i < all.Count; i++)
        {
            var generated = all[i];
            int index = i;
            foreach (var requirement in Checked)
            {
                string r = requirement;
                yield return new($"{r}/sequence/{index}", r, $"after random sequence {index} ({generated.Length} ops): {r} holds", ctx =>
                {
                    var ops = Runnable(generated, ctx.Adapter.Info.Features);
                    using var fresh = ctx.NewAdapter is not null && OnFreshInstances(ctx.Info.Features) ? ctx.NewAdapter() : null;
                    var outcome = RunAndJudge(ctx, fresh ?? ctx.Adapter, ops, r);
                    if (outcome.Verdict != Verdict.Fail || ctx.NewAdapter is null)
                    {
                        return outcome with { Input = Describe(ops, ctx.Seed, index, null) };
                    }
                    var (shrunk, shrunkOutcome) = Shrink(ctx, ops, r, outcome);
                    return shrunkOutcome with { Input = Describe(shrunk, ctx.Seed, index, ops.Length) };
                });
            }
        }
    }

    /// <summary>
    /// The feature a runtime must claim to be asked for an op: maps and their types (<c>maps</c>), conversions
    /// (<c>small.table</c> or <c>small.zero-sized</c>, whose cases convert), one-byte strings (<c>small.strings</c>),
    /// the empty string and the nil slice (<c>small.empty</c>). A sequence asks a runtime only for what it claims to
    /// have, so a runtime that does what its design promises is never failed (or errored) by a sequence for lacking
    /// an operation of a feature it does not claim.
    /// </summary>
    internal static bool Claimed(OpKind kind, IReadOnlySet<string> features) => kind switch
    {
        OpKind.NewType or OpKind.MakeMap or OpKind.Lookup or OpKind.Assign => features.Contains("maps"),
        // Only the on-demand buffer has an overflow edge to reach; other designs may refuse a type that large.
        OpKind.NewEdgeType => features.Contains("zero.on-demand"),
        OpKind.Convert => features.Contains("small.table") || features.Contains("small.zero-sized"),
        OpKind.OneByteString => features.Contains("small.strings"),
        OpKind.EmptyString or OpKind.NilSlice => features.Contains("small.empty"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an op kind with no feature"),
    };

    /// <summary>The ops of <paramref name="generated"/> that the runtime claiming <paramref name="features"/> can be asked for, in order.</summary>
    internal static Op[] Runnable(IReadOnlyList<Op> generated, IReadOnlySet<string> features) => [.. generated.Where(op => Claimed(op.Kind, features))];

    private static string Describe(IReadOnlyList<Op> ops, ulong seed, int index, int? originalLength) =>
        (originalLength is { } n ? $"seed {seed}, sequence {index}, shrunk from {n} to {ops.Count} ops: " : $"seed {seed}, sequence {index}: ")
        + string.Join("; ", ops);

    /// <summary>Runs the ops on <paramref name="adapter"/> and judges <paramref name="requirement"/> on the state after them.</summary>
    private static CaseOutcome RunAndJudge(CaseContext ctx, IRuntimeAdapter adapter, IReadOnlyList<Op> ops, string requirement)
    {
        var local = ctx.With(adapter);
        var types = new List<CreatedType>();
        var maps = new List<(MapRef Map, CreatedType Elem)>();
        var firstZero = new Dictionary<long, ulong>();
        var outcomes = new List<CaseOutcome>();
        void Track()
        {
            if (requirement != "ZV-003")
            {
                return;
            }
            foreach (var t in types)
            {
                ulong now = adapter.ZeroPointer(t.Type);
                if (firstZero.TryGetValue(t.Type.Id, out var was))
                {
                    outcomes.Add(local.Judge.Check("ZV-003.ok", $"{t.Size}-byte type", "zero pointer first seen set, and now", new Arg("before", was), new Arg("after", now)));
                }
                else if (now != 0)
                {
                    firstZero[t.Type.Id] = now;
                }
            }
        }
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case OpKind.NewType or OpKind.NewEdgeType:
                    var created = adapter.CreateType(TypeKind.Struct, SequenceCoverage.SizeOf(op, local.Info.Arch.WordBits), null);
                    if (created.Panic is null)
                    {
                        types.Add(created);
                    }
                    break;
                case OpKind.MakeMap when types.Count > 0:
                    var elem = types[(int)(op.A % (ulong)types.Count)];
                    var m = adapter.MakeMap(elem.Type);
                    if (m.Map is { } made)
                    {
                        maps.Add((made, elem));
                    }
                    break;
                case OpKind.Lookup when maps.Count > 0:
                    var (lm, lt) = maps[(int)(op.A % (ulong)maps.Count)];
                    var p = adapter.LookupMissing(lm, 1000 + op.B);
                    if (requirement == "ZV-016")
                    {
                        outcomes.Add(ZeroValueCases.ZeroCovers(local, p, lt.Size, op.ToString()));
                    }
                    break;
                case OpKind.Assign when maps.Count > 0:
                    var (am, at) = maps[(int)(op.A % (ulong)maps.Count)];
                    if (at.Size <= 4096)
                    {
                        adapter.Assign(am, op.B, op.C);
                    }
                    break;
                case OpKind.Convert:
                    // A bool is 0 or 1: its input is the low bit.
                    var kind = CaseKit.Kinds[(int)(op.A % (ulong)CaseKit.Kinds.Length)];
                    adapter.Convert(kind, kind switch { ValueKind.Bool => op.B & 1, ValueKind.ZeroSize => 0, _ => op.B });
                    break;
                case OpKind.OneByteString:
                    adapter.OneByteString(op.C);
                    break;
                case OpKind.EmptyString:
                    adapter.EmptyString();
                    break;
                case OpKind.NilSlice:
                    adapter.NilSlice();
                    break;
                default:
                    break;
            }
            Track();
        }
        switch (requirement)
        {
            case "SV-007":
                for (ulong v = 0; v < 256; v++)
                {
                    outcomes.Add(SmallValueCases.Slot(local, "SV-007", v));
                }
                break;
            case "ZV-009":
                outcomes.Add(ZeroValueCases.RegionsAllZero(local, m => CaseKit.ZeroRegions(m).ToList()));
                break;
            case "ZV-015":
                var map = adapter.Regions();
                var regions = CaseKit.ZeroRegions(map).Concat(map.Table is null ? [] : [map.Table]).ToList();
                for (int i = 0; i < regions.Count; i++)
                {
                    for (int j = i + 1; j < regions.Count; j++)
                    {
                        outcomes.Add(local.Judge.Check("ZV-015.ok", $"{regions[i].Name} vs {regions[j].Name}", "the two ranges",
                            new Arg("a", regions[i].Base), new Arg("alen", regions[i].Size), new Arg("b", regions[j].Base), new Arg("blen", regions[j].Size)));
                    }
                }
                break;
            default:
                break;
        }
        return outcomes.Count == 0
            ? CaseOutcome.Passed("", $"{requirement} holds after the sequence", "the sequence made nothing to judge (no set zero pointer or lookup)")
            : Judge.All(outcomes);
    }

    /// <summary>Greedy shrinking on fresh runtimes: drop chunks of steps, then make operands smaller, while it still fails.</summary>
    private static (IReadOnlyList<Op> Ops, CaseOutcome Outcome) Shrink(CaseContext ctx, Op[] ops, string requirement, CaseOutcome original)
    {
        var current = ops.ToList();
        CaseOutcome? last = null;
        int budget = 300;
        bool Fails(List<Op> candidate)
        {
            if (budget-- <= 0)
            {
                return false;
            }
            using var fresh = ctx.NewAdapter!();
            var o = RunAndJudge(ctx, fresh, candidate, requirement);
            if (o.Verdict == Verdict.Fail)
            {
                last = o;
                return true;
            }
            return false;
        }
        if (!Fails(current))
        {
            // Not reproducible on a fresh runtime: it depends on what ran before. Report the original.
            return (ops, original with { Reason = original.Reason + " (fails only after the cases before it, not on a fresh runtime)" });
        }
        for (int chunk = current.Count / 2; chunk >= 1; chunk /= 2)
        {
            for (int start = 0; start + chunk <= current.Count;)
            {
                var candidate = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                if (Fails(candidate))
                {
                    current = candidate;
                }
                else
                {
                    start += chunk;
                }
            }
        }
        for (int i = 0; i < current.Count; i++)
        {
            foreach (var simpler in Simpler(current[i]))
            {
                var candidate = current.ToList();
                candidate[i] = simpler;
                if (Fails(candidate))
                {
                    current = candidate;
                    break;
                }
            }
        }
        return (current, last!);
    }

    private static IEnumerable<Op> Simpler(Op op)
    {
        if (op.A > 0)
        {
            yield return op with { A = 0 };
            yield return op with { A = op.A / 2 };
        }
        if (op.B > 0)
        {
            yield return op with { B = 0 };
            yield return op with { B = op.B / 2 };
        }
    }
}
