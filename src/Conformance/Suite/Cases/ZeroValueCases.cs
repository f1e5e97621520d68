using Conformance.Adapters;

namespace Conformance.Suite.Cases;

/// <summary>
/// Cases of spec/zero-values.md. "The zero a type gets" is observed the same way on every runtime:
/// through a missing-key lookup in a map of the type (ZV-016 judges what that lookup hands out, whatever
/// the design), so a runtime without per-type zero pointers is judged on the same observation.
/// </summary>
internal static class ZeroValueCases
{
    private const string MapElementTooLarge = "map element too large";

    /// <summary>A key no case ever stores: lookups with it always miss.</summary>
    private const ulong MissingKey = 0x6d697373696e67;

    public static IEnumerable<ConformanceCase> All(Arch arch, CaseInputs inputs, RunOptions? options = null)
    {
        options ??= new RunOptions(inputs.Seed);
        var sizes = inputs.Sizes(arch);
        for (int i = 0; i < sizes.Count; i++)
        {
            var size = sizes[i];
            // Each size case runs on a fresh runtime (when the runtime can be restarted) after a map of a
            // seeded "prior" size, so that cases cover (prior state, size) pairs and never depend on the
            // order they run in; on 32-bit, growing one runtime through every power of two would need more
            // never-freed buffer than a 32-bit address space holds.
            ulong? prior = (CaseInputs.StableHash($"{inputs.Seed}/{arch.Name}/{i}") % 4) switch
            {
                0 => null,
                var k => sizes[(int)((CaseInputs.StableHash($"{inputs.Seed}/{i}/{k}") >> 8) % (ulong)sizes.Count)].Value,
            };
            string input = $"size {CaseKit.N(size.Value)} ({size.Name}){(prior is { } p ? $", after a map of {CaseKit.N(p)} bytes" : ", first map")}";
            string id = CaseKit.N(size.Value);
            var v = size.Value;
            yield return new($"ZV-001/struct/{id}", "ZV-001", $"creating a {id}-byte type allocates no zero", ctx => CreationAllocatesNoZero(ctx, v, input));
            // Half of those up to 64 KiB look up a missing key in a map that holds an entry (Go's lookup walks the
            // buckets first); a larger entry would be a real allocation of that size in the runtime under test.
            bool withEntry = v <= 1 << 16 && i % 2 == 1;
            yield return new($"ZV-004/{id}", "ZV-004", $"a {id}-byte type uses the static zero if it fits", ctx => OnFresh(ctx, prior, f => SmallUsesStatic(f, v, withEntry,
                withEntry ? $"{input}, the map holding one entry" : $"{input}, the map empty")));
            yield return new($"ZV-005/{id}", "ZV-005", $"a {id}-byte type gets the shared doubling buffer", ctx => OnFresh(ctx, prior, f => LargeUsesBuffer(f, v, input)));
            if (v > 1024 && (v & (v - 1)) == 0 && v <= 1UL << (arch.WordBits - 1))
            {
                // ZV-005's "MUST NOT grow, nor be replaced by a new buffer, when it is already large enough", at its edge: the buffer already
                // holds exactly this many bytes (a prior map of the same size made it).
                string full = $"size {id} ({size.Name}), after a map of {id} bytes (the buffer already holds exactly {id} bytes)";
                yield return new($"ZV-005/{id}/buffer-exactly-full", "ZV-005", $"a {id}-byte type reuses a buffer of exactly {id} bytes", ctx => OnFresh(ctx, v, f => LargeUsesBuffer(f, v, full)));
            }
            yield return new($"ZV-006/{id}", "ZV-006", $"a {id}-byte type throws exactly when doubling overflows", ctx => OnFresh(ctx, prior, f => OverflowThrows(f, v, input)));
            yield return new($"ZV-016/{id}", "ZV-016", $"the zero handed out for a {id}-byte type covers it and is zero", ctx => OnFresh(ctx, prior, f => ZeroCoversType(f, v, input)));
            yield return new($"ZV-017/{id}", "ZV-017", $"missing-key lookups of a {id}-byte type agree and allocate nothing", ctx => OnFresh(ctx, prior, f => LookupsAgree(f, v, input)));
            yield return new($"ZV-018/{id}", "ZV-018", $"a {id}-byte run-time type: absent when over 1024 bytes", ctx => OnFresh(ctx, prior, f => LargeReportedAbsent(f, v, input)));
        }

        // ZV-001: the seed's example, asked twice, and every derived kind of a large type.
        const ulong GB = 1_000_000_000;
        yield return new("ZV-001/seed-1GB-twice", "ZV-001", "ArrayOf(1e9, byte) twice allocates no zero", ctx => Judge.All(Enumerable.Range(0, 2).Select(i =>
        {
            var t = ctx.Adapter.CreateType(TypeKind.Array, GB, null);
            return ctx.Judge.Check("ZV-001.ok", $"ArrayOf(1e9, byte), call {i + 1}", "bytes allocated and the zero pointer",
                new Arg("size", t.Size), new Arg("allocbytes", t.Allocated.Bytes), new Arg("zero", ctx.Adapter.ZeroPointer(t.Type)));
        })));
        foreach (var kind in new[] { TypeKind.Pointer, TypeKind.Chan, TypeKind.Map, TypeKind.Func, TypeKind.Slice })
        {
            var k = kind;
            yield return new($"ZV-001/{k.ToString().ToLowerInvariant()}-of-1GB", "ZV-001", $"{k} of a 1e9-byte type allocates no zero", ctx =>
            {
                var elem = ctx.Adapter.CreateType(TypeKind.Array, GB, null);
                var t = ctx.Adapter.CreateType(k, 0, elem.Type);
                // Judged against the element's size: the seed's bug was a zero the size of what the type holds.
                // A runtime may refuse the type (Go: ChanOf panics for elements of 64 KiB or more): then no
                // type exists and there is no zero pointer; what the refusal allocated is still judged.
                return ctx.Judge.Check("ZV-001.ok", $"{k}Of(ArrayOf(1e9, byte))",
                    t.Panic is null ? "bytes allocated and the zero pointer" : $"the runtime refused the type: {t.Panic}",
                    new Arg("size", elem.Size), new Arg("allocbytes", t.Allocated.Bytes), new Arg("zero", t.Panic is null ? ctx.Adapter.ZeroPointer(t.Type) : 0));
            });
        }

        yield return new("ZV-002/small", "ZV-002", "a small type's zero pointer is set by the first map and nothing else", ctx => SetOnlyByMakeMap(ctx, 8));
        yield return new("ZV-002/large", "ZV-002", "a large type's zero pointer is set by the first map and nothing else", ctx => SetOnlyByMakeMap(ctx, 5000));
        yield return new("ZV-003/growth", "ZV-003", "zero pointers do not change when the buffer grows", PointersSurviveGrowth);
        yield return new("ZV-007/buffers", "ZV-007", "every on-demand buffer is 64-byte aligned and still valid", BuffersAlignedAndKept);
        yield return new("ZV-008/old-buffer", "ZV-008", "a type keeps its older buffer, which stays valid and zero", OldBufferKept);
        yield return new("ZV-009/static", "ZV-009", "the static zero is all zero bytes", ctx => RegionsAllZero(ctx, m => m.StaticZero is null ? [] : [m.StaticZero]));
        yield return new("ZV-009/compiler", "ZV-009", "the compiler's static zeros are all zero bytes", ctx => RegionsAllZero(ctx, m => [.. m.CompilerZeros]));
        yield return new("ZV-009/buffers", "ZV-009", "every on-demand buffer is all zero bytes", ctx => RegionsAllZero(ctx, m => m.ZeroBuffers));
        // On a fresh runtime, so that the race itself makes the buffer grow (publication happens on growth).
        int trials = options.RaceTrials;
        var budget = TimeSpan.FromSeconds(options.RaceBudgetSeconds);
        yield return new("ZV-011/race", "ZV-011", "threads racing on first use all see one ready zero, trial after trial", ctx => RaceTrials(ctx, trials, budget));
        yield return new("ZV-012/compiler-types", "ZV-012", "compiled lookups of compiler-known types use the compiler's zero", CompilerTypesShareZero);
        yield return new("ZV-016/compiler-types", "ZV-016", "compiled lookups hand out zeros that cover their types", CompilerZerosCover);
        yield return new("ZV-014/bound", "ZV-014", "all buffers ever allocated total at most twice the current one", MemoryBounded);
        yield return new("ZV-015/regions", "ZV-015", "table, zero regions and allocated objects are pairwise disjoint", RegionsDisjoint);
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a fresh instance of the runtime (or on the shared one when it cannot be
    /// restarted or has no on-demand buffer), after making a map of a fresh type of <paramref name="prior"/> bytes, if any.
    /// </summary>
    private static CaseOutcome OnFresh(CaseContext ctx, ulong? prior, Func<CaseContext, CaseOutcome> body)
    {
        // Only the on-demand buffer makes a runtime's history matter to these cases: a runtime without it
        // is observed on its one instance (restarting an out-of-process adapter per case costs seconds).
        if (ctx.NewAdapter is null || !ctx.Info.Features.Contains("zero.on-demand"))
        {
            return Prepared(ctx);
        }
        using var fresh = ctx.NewAdapter();
        return Prepared(ctx.With(fresh));

        CaseOutcome Prepared(CaseContext c)
        {
            if (prior is { } p)
            {
                FreshMap(c, p);
            }
            return body(c);
        }
    }

    /// <summary>Makes a fresh type of <paramref name="size"/> bytes and a map of it.</summary>
    private static (CreatedType Type, MapCreation Map) FreshMap(CaseContext ctx, ulong size)
    {
        var t = ctx.Adapter.CreateType(TypeKind.Struct, size, null);
        return t.Panic is null
            ? (t, ctx.Adapter.MakeMap(t.Type))
            : throw new AdapterException($"the runtime refused to make a {size}-byte struct type: {t.Panic}");
    }

    /// <summary>
    /// The runtime threw instead of making the map, so nothing of this case's requirement can be observed for this
    /// size. The throw itself belongs to ZV-006 and is judged by ZV-006's case for the same size, never here: a
    /// throw ZV-006 allows leaves this case with nothing to judge (a pass saying so); any other throw leaves it
    /// undecided, linked to ZV-006.
    /// </summary>
    private static CaseOutcome Threw(CaseContext ctx, ulong size, string input, CreatedType t, MapCreation m)
    {
        var args = new[]
        {
            new Arg("w", ctx.W), new Arg("size", size), new Arg("threw", 1), new Arg("msgok", m.Throw == MapElementTooLarge ? 1UL : 0),
            new Arg("zero", ctx.Adapter.ZeroPointer(t.Type)),
        };
        return ctx.Judge.Holds("ZV-006.ok", args)
            ? CaseOutcome.Passed(input, "nothing to judge: the runtime threw as ZV-006 requires for this size", $"the runtime threw \"{m.Throw}\"")
            : new CaseOutcome(Verdict.Error, input, "a map of this size, or the throw ZV-006 requires", $"the runtime threw \"{m.Throw}\"",
                $"undecided: making the map threw; the throw is judged under ZV-006 (case ZV-006/{CaseKit.N(size)})");
    }

    private static CaseOutcome CreationAllocatesNoZero(CaseContext ctx, ulong size, string input)
    {
        var t = ctx.Adapter.CreateType(TypeKind.Struct, size, null);
        return ctx.Judge.Check("ZV-001.ok", input, t.Panic is null ? "bytes allocated and the zero pointer" : $"the runtime refused the type: {t.Panic}",
            new Arg("size", size), new Arg("allocbytes", t.Allocated.Bytes), new Arg("zero", t.Panic is null ? ctx.Adapter.ZeroPointer(t.Type) : 0));
    }

    private static CaseOutcome SmallUsesStatic(CaseContext ctx, ulong size, bool withEntry, string input)
    {
        if (!CaseKit.TryStaticZero(ctx, "ZV-004", input, out var zero, out var missing))
        {
            return missing;
        }
        ulong prior = CaseKit.CurrentBufferSize(ctx.Adapter.Regions());
        var (t, m) = FreshMap(ctx, size);
        if (m.Map is not { } map)
        {
            return Threw(ctx, size, input, t, m);
        }
        if (withEntry)
        {
            ctx.Adapter.Assign(map, MissingKey ^ 1, 0xA5); // a stored key one bit from the missing one: as near as keys get
        }
        var p = ctx.Adapter.LookupMissing(map, MissingKey);
        ulong post = CaseKit.CurrentBufferSize(ctx.Adapter.Regions());
        return ctx.Judge.Check("ZV-004.ok", input, $"the lookup handed out {p} and the buffer size around it",
            new Arg("size", size), new Arg("absent", p.Absent ? 1UL : 0), new Arg("zero", p.Zero), new Arg("staticbase", zero.Base), new Arg("priorbuf", prior), new Arg("postbuf", post));
    }

    private static CaseOutcome LargeUsesBuffer(CaseContext ctx, ulong size, string input)
    {
        var before = ctx.Adapter.Regions();
        ulong prior = CaseKit.CurrentBufferSize(before);
        var (t, m) = FreshMap(ctx, size);
        if (m.Map is null)
        {
            return Threw(ctx, size, input, t, m);
        }
        var after = ctx.Adapter.Regions();
        return ctx.Judge.Check("ZV-005.ok", input, "the type's zero pointer and the buffer before and after",
            new Arg("w", ctx.W), new Arg("size", size), new Arg("prior", prior), new Arg("priorbuf", CaseKit.CurrentBufferBase(before)), new Arg("post", CaseKit.CurrentBufferSize(after)),
            new Arg("zero", ctx.Adapter.ZeroPointer(t.Type)), new Arg("buf", CaseKit.CurrentBufferBase(after)));
    }

    private static CaseOutcome OverflowThrows(CaseContext ctx, ulong size, string input)
    {
        var (t, m) = FreshMap(ctx, size);
        bool threw = m.Throw is not null;
        return ctx.Judge.Check("ZV-006.ok", input, threw ? $"throw \"{m.Throw}\"" : "no throw",
            new Arg("w", ctx.W), new Arg("size", size), new Arg("threw", threw ? 1UL : 0), new Arg("msgok", m.Throw == MapElementTooLarge ? 1UL : 0),
            new Arg("zero", ctx.Adapter.ZeroPointer(t.Type)));
    }

    private static CaseOutcome ZeroCoversType(CaseContext ctx, ulong size, string input)
    {
        var (t, m) = FreshMap(ctx, size);
        if (m.Map is not { } map)
        {
            return Threw(ctx, size, input, t, m);
        }
        return ZeroCovers(ctx, ctx.Adapter.LookupMissing(map, MissingKey), size, input);
    }

    /// <summary>ZV-016 on one lookup: the zero handed out lies in one zero region, covers the type and reads as zero.</summary>
    internal static CaseOutcome ZeroCovers(CaseContext ctx, Lookup p, ulong size, string input)
    {
        if (p.Absent)
        {
            return ctx.Judge.Check("ZV-016.ok", input, "the lookup reported the key absent (no zero handed out)",
                new Arg("absent", 1), new Arg("ptr", 0), new Arg("size", size), new Arg("rbase", 0), new Arg("rsize", 0), new Arg("nonzero", 0));
        }
        var region = CaseKit.ContainingZero(ctx.Adapter.Regions(), p.Zero);
        ulong nonZero = region is null ? 0 : NonZeroBytes(ctx, new Region("the zero handed out", p.Zero, Math.Min(size, region.Size - (p.Zero - region.Base))));
        return ctx.Judge.Check("ZV-016.ok", input, region is null ? $"the zero at {CaseKit.N(p.Zero)} lies in no zero region" : $"the zero lies in {region.Name}",
            new Arg("absent", 0), new Arg("ptr", p.Zero), new Arg("size", size), new Arg("rbase", region?.Base ?? 0), new Arg("rsize", region?.Size ?? 0), new Arg("nonzero", nonZero));
    }

    private static CaseOutcome LookupsAgree(CaseContext ctx, ulong size, string input)
    {
        var (t, m) = FreshMap(ctx, size);
        if (m.Map is not { } map)
        {
            return Threw(ctx, size, input, t, m);
        }
        ulong typeZero = ctx.Adapter.ZeroPointer(t.Type);
        var first = ctx.Adapter.LookupMissing(map, MissingKey);
        // A second map of the same element type, and a key next to an assigned one: every lookup must agree.
        var second = ctx.Adapter.MakeMap(t.Type).Map;
        if (second is { } other && size <= 1 << 20)
        {
            // A map with an entry next to the missing key (elements of at most 1 MiB: an assignment allocates one).
            ctx.Adapter.Assign(other, 1, 0x5a);
        }
        var probes = new List<(string Where, Func<Lookup> Look)>
        {
            ("key missing (first lookup)", () => first),
            ($"key {CaseKit.N(MissingKey + 1)}", () => ctx.Adapter.LookupMissing(map, MissingKey + 1)),
            ("key 0", () => ctx.Adapter.LookupMissing(map, 0)),
        };
        if (second is { } m2)
        {
            probes.Add(("a second map of the type, next to an assigned key", () => ctx.Adapter.LookupMissing(m2, 2)));
        }
        return Judge.All(probes.Select(probe =>
        {
            var p = probe.Look();
            return ctx.Judge.Check("ZV-017.ok", $"{input}, {probe.Where}", $"the lookup handed out {p}; the first lookup handed out {first}",
                new Arg("objects", p.Allocated.Objects), new Arg("absent", p.Absent ? 1UL : 0), new Arg("firstabsent", first.Absent ? 1UL : 0),
                new Arg("zero", p.Zero), new Arg("firstzero", first.Zero), new Arg("typezero", typeZero));
        }));
    }

    private static CaseOutcome LargeReportedAbsent(CaseContext ctx, ulong size, string input)
    {
        var (t, m) = FreshMap(ctx, size);
        if (m.Map is not { } map)
        {
            return Threw(ctx, size, input, t, m);
        }
        var p = ctx.Adapter.LookupMissing(map, MissingKey);
        return ctx.Judge.Check("ZV-018.ok", input, $"the lookup handed out {p}",
            new Arg("size", size), new Arg("absent", p.Absent ? 1UL : 0), new Arg("objects", p.Allocated.Objects));
    }

    private static CaseOutcome SetOnlyByMakeMap(CaseContext ctx, ulong size)
    {
        string input = $"fresh {size}-byte type";
        var t = ctx.Adapter.CreateType(TypeKind.Struct, size, null);
        ulong before = ctx.Adapter.ZeroPointer(t.Type);
        var outcomes = new List<CaseOutcome>();
        void Other(string op, Action action)
        {
            ulong b = ctx.Adapter.ZeroPointer(t.Type);
            action();
            outcomes.Add(ctx.Judge.Check("ZV-002.ok", $"{input}, {op}", "zero pointer before and after",
                new Arg("ismakemap", 0), new Arg("before", b), new Arg("after", ctx.Adapter.ZeroPointer(t.Type))));
        }
        Other("PtrTo", () => ctx.Adapter.CreateType(TypeKind.Pointer, 0, t.Type));
        Other("SliceOf", () => ctx.Adapter.CreateType(TypeKind.Slice, 0, t.Type));
        Other("convert uint16(7)", () => ctx.Adapter.Convert(ValueKind.Uint16, 7));
        var m = ctx.Adapter.MakeMap(t.Type);
        outcomes.Add(ctx.Judge.Check("ZV-002.ok", $"{input}, MakeMap", m.Throw is null ? "zero pointer before and after" : $"throw \"{m.Throw}\"",
            new Arg("ismakemap", 1), new Arg("before", before), new Arg("after", ctx.Adapter.ZeroPointer(t.Type))));
        if (m.Map is { } map)
        {
            Other("lookup of a missing key", () => _ = ctx.Adapter.LookupMissing(map, MissingKey));
            Other("second MakeMap", () => ctx.Adapter.MakeMap(t.Type));
        }
        return Judge.All(outcomes);
    }

    /// <summary>A size that makes the buffer grow from its current size, if the word allows one.</summary>
    private static ulong? GrowingSize(CaseContext ctx, ulong times)
    {
        ulong current = Math.Max(CaseKit.CurrentBufferSize(ctx.Adapter.Regions()), 4096);
        ulong half = 1UL << (ctx.Info.Arch.WordBits - 1);
        // Input selection only (which size to ask for); the judgement is the oracle's.
        return current <= half / times ? (current * times) - (current / 2) : null;
    }

    private static CaseOutcome PointersSurviveGrowth(CaseContext ctx)
    {
        var types = new List<(CreatedType T, ulong Zero)>();
        foreach (var size in new ulong[] { 16, 2000, 5000 })
        {
            var (t, _) = FreshMap(ctx, size);
            types.Add((t, ctx.Adapter.ZeroPointer(t.Type)));
        }
        var outcomes = new List<CaseOutcome>();
        foreach (var times in new ulong[] { 2, 4 })
        {
            if (GrowingSize(ctx, times) is { } grow)
            {
                FreshMap(ctx, grow);
            }
            outcomes.AddRange(types.Select(x => ctx.Judge.Check("ZV-003.ok", $"{x.T.Size}-byte type after growth to {CaseKit.N(CaseKit.CurrentBufferSize(ctx.Adapter.Regions()))}",
                "zero pointer before and after", new Arg("before", x.Zero), new Arg("after", ctx.Adapter.ZeroPointer(x.T.Type)))));
        }
        return Judge.All(outcomes);
    }

    /// <summary>The non-zero bytes of a region, by the adapter's scan (every byte, or the documented plan: <see cref="ScanPlan"/>).</summary>
    internal static ulong NonZeroBytes(CaseContext ctx, Region r) => ctx.Adapter.Scan(r.Base, r.Size, ctx.Seed).NonZero;

    internal static CaseOutcome RegionsAllZero(CaseContext ctx, Func<RegionMap, IReadOnlyList<Region>> pick)
    {
        var regions = pick(ctx.Adapter.Regions());
        if (regions.Count == 0)
        {
            return CaseOutcome.Passed("", "every zero region all zero", "no such region yet");
        }
        return Judge.All(regions.Select(r =>
        {
            var scan = ctx.Adapter.Scan(r.Base, r.Size, ctx.Seed);
            return ctx.Judge.Check("ZV-009.ok", r.Name, $"non-zero bytes in {r.Name} ({CaseKit.N(r.Size)} bytes, {CaseKit.N(scan.BytesRead)} read)",
                new Arg("nonzerobytes", scan.NonZero));
        }));
    }

    private static CaseOutcome BuffersAlignedAndKept(CaseContext ctx)
    {
        foreach (var times in new ulong[] { 2, 4 })
        {
            if (GrowingSize(ctx, times) is { } grow)
            {
                FreshMap(ctx, grow);
            }
        }
        var buffers = ctx.Adapter.Regions().ZeroBuffers;
        return Judge.All(buffers.Select(b =>
        {
            bool valid = ctx.Adapter.Read(b.Base, 1)[0] == 0 && ctx.Adapter.Read(b.Base + b.Size - 1, 1)[0] == 0;
            return ctx.Judge.Check("ZV-007.ok", b.Name, "buffer base and whether its first and last bytes still read as zero",
                new Arg("buf", b.Base), new Arg("stillvalid", valid ? 1UL : 0));
        }));
    }

    private static CaseOutcome OldBufferKept(CaseContext ctx)
    {
        if (GrowingSize(ctx, 2) is not { } first)
        {
            return CaseOutcome.Passed("", "growth needed to observe an older buffer", "the buffer is already as large as the word allows; no growth possible");
        }
        var (a, _) = FreshMap(ctx, first);
        ulong before = ctx.Adapter.ZeroPointer(a.Type);
        var old = CaseKit.Containing(ctx.Adapter.Regions(), before);
        if (GrowingSize(ctx, 2) is { } second)
        {
            FreshMap(ctx, second);
        }
        ulong after = ctx.Adapter.ZeroPointer(a.Type);
        ulong nonZero = old is null ? 1 : NonZeroBytes(ctx, old);
        return ctx.Judge.Check("ZV-008.ok", $"type of {CaseKit.N(first)} bytes, then growth", $"zero pointer before/after growth; older region {(old is null ? "missing" : old.Name)}",
            new Arg("before", before), new Arg("after", after), new Arg("oldzero", nonZero == 0 ? 1UL : 0));
    }

    /// <summary>
    /// The race of ZV-011, repeated: a race that goes wrong only sometimes is caught with a probability that grows with
    /// the trials (README, "Races"). Each trial runs on a fresh runtime, so that the race itself grows the buffer; a
    /// runtime that cannot give a fresh one races once (a second race on the same runtime would find the buffer grown).
    /// Trials stop at the first that fails, after <paramref name="most"/>, or when <paramref name="budget"/> is spent
    /// (the first always runs); the input says how many ran, the failing one which it was.
    /// </summary>
    private static CaseOutcome RaceTrials(CaseContext ctx, int most, TimeSpan budget)
    {
        bool fresh = ctx.NewAdapter is not null && ctx.Info.Features.Contains("zero.on-demand");
        int planned = fresh ? most : 1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int run = 0;
        CaseOutcome last;
        do
        {
            run++;
            last = OnFresh(ctx, null, RaceSeesOneZero);
        }
        while (last.Verdict == Verdict.Pass && run < planned && clock.Elapsed < budget);
        string why = run == planned
            ? (fresh ? "" : ", one only: the runtime gives no fresh instance")
            : last.Verdict == Verdict.Pass ? $", of {planned}: the {budget.TotalSeconds:0.###}-second budget was spent" : "";
        string trials = last.Verdict == Verdict.Pass
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{run} trial(s) on {(fresh ? "fresh runtimes" : "the runtime")}{why}")
            : $"trial {run} of at most {planned}";
        return last with { Input = $"{trials}; {last.Input}" };
    }

    /// <summary>
    /// The sizes one trial races: two served by the static zero, then a ladder on which, on a fresh runtime of the seed's
    /// design, every step but the second (3000 fits the first 4096-byte buffer) grows the buffer: 10 growths per trial,
    /// each a chance for a publication that goes wrong only sometimes to show (README, "Races").
    /// </summary>
    internal static readonly ulong[] RacedSizes = [1, 1024, 1025, 3000, 5000, 9000, 17000, 33000, 70000, 140000, 270000, 530000, 1_100_000];

    private static CaseOutcome RaceSeesOneZero(CaseContext ctx)
    {
        var sizes = RacedSizes;
        var types = sizes.Select(s => ctx.Adapter.CreateType(TypeKind.Struct, s, null)).ToList();
        const int Threads = 8;
        var seen = ctx.Adapter.RaceFirstUse(types.Select(t => t.Type).ToList(), Threads);
        var outcomes = new List<CaseOutcome>();
        for (int ti = 0; ti < types.Count; ti++)
        {
            for (int th = 1; th < seen.Count; th++)
            {
                var p = seen[0][ti];
                var q = seen[th][ti];
                outcomes.Add(ctx.Judge.Check("ZV-011.ok", $"{Threads} threads, {types[ti].Size}-byte type, thread 0 vs {th}", "zero pointers and readiness each thread saw",
                    new Arg("p", p.Zero), new Arg("readyp", p.Ready ? 1UL : 0), new Arg("q", q.Zero), new Arg("readyq", q.Ready ? 1UL : 0)));
            }
        }
        return Judge.All(outcomes);
    }

    private static CaseOutcome CompilerTypesShareZero(CaseContext ctx)
    {
        var regions = ctx.Adapter.Regions();
        var types = ctx.Adapter.CompilerTypes();
        if (types.Count == 0)
        {
            return ctx.Judge.Missing("ZV-012", "compiler-known types", "the runtime reports no compiler-known element type");
        }
        return Judge.All(types.Select(t =>
        {
            string input = $"compiled lookup, element type of {CaseKit.N(t.Size)} bytes";
            var m = ctx.Adapter.MakeMap(t.Type);
            if (m.Map is not { } map)
            {
                return ctx.Judge.Missing("ZV-012", input, $"the runtime threw \"{m.Throw}\" making a map of a compiler-known type");
            }
            var p = ctx.Adapter.LookupMissing(map, MissingKey);
            // A runtime may have one compiler zero per compilation unit (spec ZV-012): the lookup is judged
            // against the one it handed out the start of, else against the main one.
            var cz = regions.CompilerZeros.FirstOrDefault(r => !p.Absent && r.Base == p.Zero) ?? regions.CompilerZero;
            return ctx.Judge.Check("ZV-012.ok", input, cz is null ? $"the lookup handed out {p}; the runtime reports no compiler zero" : $"the lookup handed out {p}",
                new Arg("size", t.Size), new Arg("absent", p.Absent ? 1UL : 0), new Arg("zero", p.Zero), new Arg("czbase", cz?.Base ?? 0), new Arg("czsize", cz?.Size ?? 0),
                new Arg("staticbase", regions.StaticZero?.Base ?? 0));
        }));
    }

    private static CaseOutcome CompilerZerosCover(CaseContext ctx) =>
        Judge.All(ctx.Adapter.CompilerTypes().Select(t =>
        {
            string input = $"compiled lookup, element type of {CaseKit.N(t.Size)} bytes";
            var m = ctx.Adapter.MakeMap(t.Type);
            return m.Map is { } map
                ? ZeroCovers(ctx, ctx.Adapter.LookupMissing(map, MissingKey), t.Size, input)
                : ctx.Judge.Missing("ZV-016", input, $"the runtime threw \"{m.Throw}\" making a map of a compiler-known type");
        }).DefaultIfEmpty(CaseOutcome.Passed("compiler-known types", "every zero handed out covers its type", "the runtime reports no compiler-known element type")));

    private static CaseOutcome MemoryBounded(CaseContext ctx)
    {
        var outcomes = new List<CaseOutcome>();
        void Check(string input)
        {
            var buffers = ctx.Adapter.Regions().ZeroBuffers;
            ulong total = 0;
            foreach (var b in buffers)
            {
                total = unchecked(total + b.Size);
            }
            outcomes.Add(ctx.Judge.Check("ZV-014.ok", input, $"{buffers.Count} buffers ever allocated",
                new Arg("total", total), new Arg("current", CaseKit.CurrentBufferSize(ctx.Adapter.Regions()))));
        }
        foreach (var times in new ulong[] { 2, 4, 8 })
        {
            if (GrowingSize(ctx, times) is { } grow)
            {
                FreshMap(ctx, grow);
            }
            Check($"after growth x{times}");
        }
        // Smaller large types after growth: they must share the buffer, not add to the zero memory.
        foreach (var size in new ulong[] { 1025, 5000, 70000 })
        {
            FreshMap(ctx, size);
        }
        Check("after maps of 1025, 5000 and 70000-byte types");
        for (int i = 0; i < 64; i++)
        {
            ctx.Adapter.CreateType(TypeKind.Struct, 1UL << 30, null);
        }
        Check("after creating 64 types of 2^30 bytes");
        return Judge.All(outcomes);
    }

    private static CaseOutcome RegionsDisjoint(CaseContext ctx)
    {
        var map = ctx.Adapter.Regions();
        var regions = CaseKit.ZeroRegions(map).Concat(map.Table is null ? [] : [map.Table]).ToList();
        foreach (var v in new ulong[] { 0x1234, 0xFFFF, 0x10000 })
        {
            var p = ctx.Adapter.Convert(ValueKind.Uint64, v);
            regions.Add(new Region($"heap object of uint64({CaseKit.N(v)})", p.Data, 8));
        }
        var outcomes = new List<CaseOutcome>();
        for (int i = 0; i < regions.Count; i++)
        {
            for (int j = i + 1; j < regions.Count; j++)
            {
                var (a, b) = (regions[i], regions[j]);
                outcomes.Add(ctx.Judge.Check("ZV-015.ok", $"{a.Name} vs {b.Name}", "the two ranges",
                    new Arg("a", a.Base), new Arg("alen", a.Size), new Arg("b", b.Base), new Arg("blen", b.Size)));
            }
        }
        return Judge.All(outcomes);
    }
}
