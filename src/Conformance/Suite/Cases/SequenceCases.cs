using System.Globalization;
using Conformance.Adapters;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Suite.Cases;

/// <summary>One step of a random operation sequence.</summary>
internal enum OpKind
{
    NewType,
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
/// </summary>
internal static class SequenceCases
{
    private static readonly string[] Checked = ["SV-007", "ZV-003", "ZV-009", "ZV-016", "ZV-015"];

    private static Gen<Op> OpGen()
    {
        var size = Gen.OneOf(Gen.Choose(0, 1024), Gen.Choose(1025, 65536), Gen.Choose(65537, 1 << 22)).Select(i => (ulong)i);
        var index = Gen.Choose(0, 15).Select(i => (ulong)i);
        var key = Gen.Choose(0, 7).Select(i => (ulong)i);
        var bits = Gen.OneOf(Gen.Choose(0, 300).Select(i => (ulong)i), ArbMap.Default.GeneratorFor<ulong>());
        var fill = Gen.Choose(1, 255).Select(i => (byte)i);
        return Gen.Frequency(new (int, Gen<Op>)[]
        {
            (3, size.Select(s => new Op(OpKind.NewType, s, 0, 0))),
            (3, index.Select(i => new Op(OpKind.MakeMap, i, 0, 0))),
            (3, index.Zip(key).Select(t => new Op(OpKind.Lookup, t.Item1, t.Item2, 0))),
            (2, index.Zip(key).SelectMany(t => fill.Select(f => new Op(OpKind.Assign, t.Item1, t.Item2, f)))),
            (3, Gen.Choose(0, CaseKit.Kinds.Length - 1).Zip(bits).Select(t => new Op(OpKind.Convert, (ulong)t.Item1, t.Item2, 0))),
            (1, fill.Select(b => new Op(OpKind.OneByteString, 0, 0, b))),
            (1, Gen.Constant(new Op(OpKind.EmptyString, 0, 0, 0))),
            (1, Gen.Constant(new Op(OpKind.NilSlice, 0, 0, 0))),
        });
    }

    public static IEnumerable<ConformanceCase> All(CaseInputs inputs, int sequences, int length)
    {
        var all = inputs.Sample(Gen.ListOf(OpGen(), length).Select(l => l.ToArray()), "sequences", sequences).ToList();
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
                    var outcome = RunAndJudge(ctx, ctx.Adapter, ops, r);
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
                case OpKind.NewType:
                    types.Add(adapter.CreateType(TypeKind.Struct, op.A, null));
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
