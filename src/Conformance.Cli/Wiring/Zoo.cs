using Conformance.Requirements;
using Conformance.Suite;
using Reference;

namespace Conformance.Cli.Wiring;

/// <summary>One deliberately broken runtime: a variant of the reference that breaks exactly one step.</summary>
/// <param name="Bug">The known bug it realises (its name, requirement and description: <see cref="KnownBugs"/>).</param>
/// <param name="Archs">The architectures on which the bug is observable (where it must be caught).</param>
/// <param name="Create">Builds the variant on an architecture (in the design, <see cref="ZeroDesign"/>, it breaks).</param>
internal sealed record ZooVariant(KnownBug Bug, IReadOnlyList<string> Archs, Func<Architecture, ReferenceRuntime> Create)
{
    /// <summary>The bug's name: <c>serve zoo:NAME:ARCH</c> serves the variant.</summary>
    public string Name => Bug.Name;

    /// <summary>The requirement the suite must name when it rejects the variant.</summary>
    public string Requirement => Bug.Requirement.Value;
}

/// <summary>The zoo's score: how many variants the suite rejected with the right requirement.</summary>
internal sealed record ZooScore(int Caught, int Total, IReadOnlyList<string> Missed);

/// <summary>
/// How strong is the suite? A zoo of broken runtimes (at least one per requirement), each run through
/// the same adapter as the reference; the suite must fail each one, naming the requirement it breaks,
/// on every architecture where the bug is observable. Each realises an entry of <see cref="KnownBugs"/> (marked
/// <see cref="BugRealisations.Zoo"/> there), which names and describes it; the zoo adds how to build it and where it shows.
/// </summary>
internal static class Zoo
{
    private static readonly string[] All = ["32le", "32be", "64le", "64be"];
    private static readonly string[] BigEndian = ["32be", "64be"];
    private static readonly string[] Bits32 = ["32le", "32be"];
    private static readonly RuntimeOptions Unguarded = new(EnforceWriteGuards: false);
    private static readonly RuntimeOptions Gc = new(Design: ZeroDesign.AbsentLarge);

    public static IReadOnlyList<ZooVariant> Variants { get; } =
    [
        new(KnownBugs.PointerPastWord, Bits32, a => new PointerPastWord(a)),
        new(KnownBugs.IntIs8Bytes, Bits32, a => new WordKindsEightBytes(a)),
        new(KnownBugs.NoBigEndianBump, BigEndian, a => new NoBigEndianBump(a)),
        new(KnownBugs.TableLittleEndian, BigEndian, a => new LittleEndianTable(a)),
        new(KnownBugs.TableBound255, All, a => new TableBound(a, 255)),
        new(KnownBugs.TableBound257, All, a => new TableBound(a, 257)),
        new(KnownBugs.FallbackAllocatesTwice, All, a => new FallbackTwice(a)),
        new(KnownBugs.BytesAllocate, All, a => new BytesAllocate(a)),
        new(KnownBugs.SecondByteTable, All, a => new SecondByteTable(a)),
        new(KnownBugs.EmptyStringAllocates, All, a => new EmptyStringAllocates(a)),
        new(KnownBugs.ConversionWritesTable, All, a => new ConversionWritesTable(a)),
        new(KnownBugs.PreallocatedZero, All, a => new PreallocatedZero(a)),
        new(KnownBugs.ZeroSetByPtrTo, All, a => new ZeroSetByPtrTo(a)),
        new(KnownBugs.RepointOnGrowth, All, a => new RepointOnGrowth(a)),
        new(KnownBugs.Threshold1023, All, a => new Threshold1023(a)),
        new(KnownBugs.GrowWhenExactlyFull, All, a => new GrowWhenExactlyFull(a)),
        new(KnownBugs.GrowBy4096, All, a => new GrowBy4096(a)),
        new(KnownBugs.SilentWrap, Bits32, a => new SilentWrap(a)),
        new(KnownBugs.WrongOverflowMessage, All, a => new WrongOverflowMessage(a)),
        new(KnownBugs.UnalignedBuffer, All, a => new UnalignedBuffer(a, first: 0)),
        new(KnownBugs.UnalignedAfterGrowth, All, a => new UnalignedBuffer(a, first: 2)),
        new(KnownBugs.OldBufferFreed, All, a => new OldBufferFreed(a)),
        new(KnownBugs.OldBufferReused, All, a => new OldBufferScribbled(a)),
        new(KnownBugs.LookupWritesZero, All, a => new LookupWritesZero(a)),
        new(KnownBugs.NonZeroDeepInBuffer, All, a => new NonZeroDeepInBuffer(a)),
        new(KnownBugs.LookupHandsOutEntry, All, a => new LookupHandsOutEntry(a)),
        new(KnownBugs.ZeroTooSmall, All, a => new ZeroTooSmall(a)),
        new(KnownBugs.PublishBeforeAllocate, All, PublishBeforeAllocate.OneIn(1)),
        new(KnownBugs.PublishBeforeAllocateOneIn2, All, PublishBeforeAllocate.OneIn(2)),
        new(KnownBugs.PublishBeforeAllocateOneIn4, All, PublishBeforeAllocate.OneIn(4)),
        new(KnownBugs.CompilerTypesStatic, All, a => new CompilerTypesStatic(a)),
        new(KnownBugs.LookupAllocates, All, a => new LookupAllocates(a)),
        new(KnownBugs.BufferPerType, All, a => new BufferPerType(a)),
        new(KnownBugs.ValueInZero, All, a => new ValueInCompilerZero(a)),
        new(KnownBugs.BoxesOverlap, All, a => new BoxesOverlap(a)),
        new(KnownBugs.GcStaticUpTo2048, All, a => new GcStaticUpTo2048(a)),
        new(KnownBugs.GcLargeFromBuffer, All, a => new GcLargeFromBuffer(a)),
        new(KnownBugs.GcAbsentAllocates, All, a => new GcAbsentAllocates(a)),
        new(KnownBugs.GcCompilerZeroSmallest, All, a => new GcCompilerZeroSmallest(a)),
        new(KnownBugs.GcAbsentAt1024, All, a => new GcAbsentAt1024(a)),
        new(KnownBugs.FloatsAllocate, All, a => new FloatsAllocate(a)),
        new(KnownBugs.Pair32Truncated, All, a => new Pair32Truncated(a)),
        new(KnownBugs.ZeroSizedAllocates, All, a => new ZeroSizedAllocates(a)),
        new(KnownBugs.EmptySliceIsNil, All, a => new EmptySliceIsNil(a)),
    ];

    /// <summary>
    /// Runs the suite against every variant on the architectures where its bug shows, variants on
    /// <paramref name="jobs"/> threads (0: one per processor), each variant's line logged in the catalogue's order.
    /// </summary>
    public static ZooScore Score(Judge judge, CaseInputs inputs, RunOptions options, TextWriter log, int jobs = 0)
    {
        var lines = OrderedWork.Run(Variants.Count, jobs, () => 0, (_, i) => Catch(Variants[i], judge, inputs, options),
            (_, line) => log.WriteLine(line.Text));
        var missed = Variants.Where((_, i) => !lines[i].Caught).Select(v => v.Name).ToList();
        return new ZooScore(Variants.Count - missed.Count, Variants.Count, missed);
    }

    private static (string Text, bool Caught) Catch(ZooVariant v, Judge judge, CaseInputs inputs, RunOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var perArch = new List<string>();
        bool all = true;
        foreach (var archName in v.Archs)
        {
            var arch = Architecture.Parse(archName);
            var results = new List<CaseResult>();
            var sink = new ListSink(results);
            using var adapter = new ReferenceAdapter(v.Create(arch), $"zoo:{v.Name}");
            SuiteRunner.Run(adapter, () => new ReferenceAdapter(v.Create(arch), $"zoo:{v.Name}"), judge, inputs,
                options with { Requirements = null, Features = null, ShardIndex = 1, ShardCount = 1 }, sink);
            int right = results.Count(r => r.Verdict == Verdict.Fail && r.Requirement == v.Requirement);
            var others = results.Where(r => r.Verdict is Verdict.Fail or Verdict.Error).Select(r => r.Requirement).Distinct().Where(id => id != v.Requirement).Order(StringComparer.Ordinal).ToList();
            perArch.Add($"{archName}: {right} {v.Requirement} failure(s){(others.Count > 0 ? $", also {string.Join(" ", others)}" : "")}");
            all &= right > 0;
        }
        return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {(all ? "caught" : "MISSED")} {v.Name,-26} {v.Bug.Description} ({clock.Elapsed.TotalSeconds:0.0} s): {string.Join("; ", perArch)}"), all);
    }

    // The variants. Each overrides one seam of the reference (src/Reference documents them) and nothing else.

    private sealed class PointerPastWord(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong AllocateLargeValue(int width, ulong value) => base.AllocateLargeValue(width, value) | (1UL << 32);
    }

    private sealed class WordKindsEightBytes(Architecture a) : ReferenceRuntime(a)
    {
        protected override int StorageWidthOf(ValueKind kind) =>
            kind is ValueKind.Int or ValueKind.Uint or ValueKind.Uintptr ? 8 : base.StorageWidthOf(kind);
    }

    private sealed class NoBigEndianBump(Architecture a) : ReferenceRuntime(a)
    {
        protected override int TableOffsetFor(int width) => 0;
    }

    private sealed class LittleEndianTable : ReferenceRuntime
    {
        public LittleEndianTable(Architecture a) : base(a, Unguarded)
        {
            for (ulong v = 0; v < TableSlots; v++)
            {
                Memory.Write(Table.Base + (v * SlotBytes), BitConverter.GetBytes(v));
            }
        }
    }

    private sealed class TableBound(Architecture a, ulong bound) : ReferenceRuntime(a)
    {
        protected override bool FitsTable(ulong value) => value < bound;
    }

    private sealed class FallbackTwice(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong AllocateLargeValue(int width, ulong value)
        {
            base.AllocateLargeValue(width, value);
            return base.AllocateLargeValue(width, value);
        }
    }

    private sealed class BytesAllocate(Architecture a) : ReferenceRuntime(a)
    {
        protected override int StorageWidthOf(ValueKind kind) => kind == ValueKind.Uint8 ? 2 : base.StorageWidthOf(kind);

        protected override bool FitsTable(ulong value) => false;
    }

    private sealed class SecondByteTable : ReferenceRuntime
    {
        private readonly MemoryRegion bytes;

        public SecondByteTable(Architecture a) : base(a)
        {
            bytes = Memory.Allocate(Segment.ReadOnlyData, 256, 1, "byte table", RegionKind.HeapObject);
            for (int b = 0; b < 256; b++)
            {
                Memory.Write(bytes.Base + (ulong)b, [(byte)b]);
            }
        }

        protected override ulong OneByteStringData(byte value) => bytes.Base + value;
    }

    private sealed class EmptyStringAllocates(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong EmptyStringData() => Memory.Allocate(Segment.Heap, 1, 1, "empty string", RegionKind.HeapObject).Base;
    }

    private sealed class ConversionWritesTable(Architecture a) : ReferenceRuntime(a, Unguarded)
    {
        protected override bool FitsTable(ulong value)
        {
            if (value == 42)
            {
                Memory.Write(Table.Base + (42 * SlotBytes), [0xFF]);
            }
            return base.FitsTable(value);
        }
    }

    private sealed class PreallocatedZero(Architecture a) : ReferenceRuntime(a)
    {
        protected override void OnTypeCreated(RType type)
        {
            var zero = Memory.Allocate(Segment.Heap, Math.Max(type.Size, 1) & 0xFFFFFF, 8, $"zero of {type.Name}", RegionKind.HeapObject);
            StoreZeroPointer(type, zero.Base);
        }
    }

    private sealed class ZeroSetByPtrTo(Architecture a) : ReferenceRuntime(a)
    {
        protected override void OnTypeCreated(RType type)
        {
            if (type.Kind == TypeKind.Pointer && type.Elem is { } elem)
            {
                MapZero(elem);
            }
        }
    }

    private sealed class RepointOnGrowth(Architecture a) : ReferenceRuntime(a)
    {
        private readonly List<RType> onBuffer = [];

        protected override bool PublishZero(RType type, ulong pointer)
        {
            bool set = base.PublishZero(type, pointer);
            if (set && pointer != StaticZero.Base)
            {
                lock (onBuffer)
                {
                    onBuffer.Add(type);
                }
            }
            return set;
        }

        protected override void AllocateAndPublishZero(RType type, ulong size)
        {
            base.AllocateAndPublishZero(type, size);
            lock (onBuffer)
            {
                foreach (var t in onBuffer)
                {
                    StoreZeroPointer(t, ZeroBufferPointer);
                }
            }
        }
    }

    private sealed class Threshold1023(Architecture a) : ReferenceRuntime(a)
    {
        protected override bool UsesStaticZero(ulong size) => size <= 1023;
    }

    private sealed class GrowWhenExactlyFull(Architecture a) : ReferenceRuntime(a)
    {
        protected override bool BufferTooSmall(ulong bufferSize, ulong typeSize) => bufferSize <= typeSize;
    }

    private sealed class GrowBy4096(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong GrowBufferSize(ulong size) => (size + 4096) & Architecture.WordMask;
    }

    private sealed class SilentWrap(Architecture a) : ReferenceRuntime(a)
    {
        // No overflow check: the doubled size wraps, the wrapped size is taken as large enough, and a
        // truncated buffer (its low word bits: nothing) is used, so the type points at too small a zero.
        protected override bool GrowthOverflowed(ulong grown) => false;

        protected override ulong GrowBufferSize(ulong size)
        {
            ulong doubled = unchecked(size << 1) & Architecture.WordMask;
            return doubled == 0 ? Architecture.WordMask : doubled;
        }

        protected override MemoryRegion AllocateZeroBuffer(ulong size) =>
            base.AllocateZeroBuffer(size == Architecture.WordMask ? InitialZeroBufferSize : size);
    }

    /// <summary>Buffers from the <paramref name="first"/>-th on (0: every one) are only 8-byte aligned.</summary>
    private sealed class UnalignedBuffer(Architecture a, int first) : ReferenceRuntime(a)
    {
        protected override MemoryRegion AllocateZeroBuffer(ulong size)
        {
            if (ZeroBuffers.Count < first)
            {
                return base.AllocateZeroBuffer(size);
            }
            Memory.Allocate(Segment.Persistent, 8, 64, "misalignment", RegionKind.HeapObject);
            var buffer = Memory.Allocate(Segment.Persistent, size, 8, $"zero buffer {ZeroBuffers.Count + 1}", RegionKind.ZeroBuffer);
            Memory.Guard(buffer, "ZV-009");
            return buffer;
        }
    }

    private sealed class OldBufferFreed(Architecture a) : ReferenceRuntime(a)
    {
        // The older buffer is still reported and still some type's zero, but reading it faults (munmap).
        protected override MemoryRegion AllocateZeroBuffer(ulong size)
        {
            var buffer = base.AllocateZeroBuffer(size);
            if (ZeroBuffers.Count > 0)
            {
                Memory.Free(ZeroBuffers[^1]);
            }
            return buffer;
        }
    }

    private sealed class OldBufferScribbled(Architecture a) : ReferenceRuntime(a, Unguarded)
    {
        protected override MemoryRegion AllocateZeroBuffer(ulong size)
        {
            if (ZeroBuffers.Count > 0)
            {
                Memory.Fill(ZeroBuffers[^1].Base, 16, 0xAB);
            }
            return base.AllocateZeroBuffer(size);
        }
    }

    private sealed class LookupHandsOutEntry(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key) =>
            map.TryGetSlot(key ^ 1, out var entry) ? entry : base.MissingKeyPointer(map, key);
    }

    private sealed class LookupWritesZero(Architecture a) : ReferenceRuntime(a, Unguarded)
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key)
        {
            var p = base.MissingKeyPointer(map, key);
            if (p is { } zero)
            {
                Memory.Write(zero, [0x01]);
            }
            return p;
        }
    }

    private sealed class ZeroTooSmall(Architecture a) : ReferenceRuntime(a)
    {
        protected override MemoryRegion AllocateZeroBuffer(ulong size) => base.AllocateZeroBuffer(Math.Max(size / 4, 4096));
    }

    /// <summary>
    /// Publishes the zero pointer before the buffer is allocated, in 1 of <c>n</c> growths drawn at random (every growth
    /// when <c>n</c> is 1): with <c>n</c> &gt; 1, a race that goes wrong only sometimes, as a real one does. The draws of
    /// every instance of one variant come from one generator with a fixed seed, so that fresh runtimes (one per trial of
    /// the race case) do not repeat each other's luck.
    /// </summary>
    internal sealed class PublishBeforeAllocate(Architecture a, int n, Random luck) : ReferenceRuntime(a)
    {
        /// <summary>Makes instances of the variant that misbehaves in 1 of <paramref name="n"/> growths, sharing one generator.</summary>
        public static Func<Architecture, ReferenceRuntime> OneIn(int n, int seed = 1)
        {
            var luck = new Random(seed);
            return a => new PublishBeforeAllocate(a, n, luck);
        }

        protected override void AllocateAndPublishZero(RType type, ulong size)
        {
            bool misbehave;
            lock (luck)
            {
                misbehave = luck.Next(n) == 0;
            }
            if (!misbehave)
            {
                base.AllocateAndPublishZero(type, size);
                return;
            }
            ulong next = Memory.PeekNextAddress(Segment.Persistent, ZeroBufferAlignment) ?? 0;
            PublishZero(type, next);
            CommitZeroBuffer(AllocateZeroBuffer(size));
        }
    }

    private sealed class CompilerTypesStatic(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key) =>
            map.ElementType.IsCompilerKnown && map.ElementType.Size > StaticZeroSize ? StaticZero.Base : base.MissingKeyPointer(map, key);
    }

    private sealed class LookupAllocates(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key) =>
            Memory.Allocate(Segment.Heap, Math.Min(Math.Max(map.ElementType.Size, 1), 1UL << 20), 8, "zero copy", RegionKind.HeapObject).Base;
    }

    private sealed class BufferPerType(Architecture a) : ReferenceRuntime(a)
    {
        protected override void MapZero(RType type)
        {
            if (type.ZeroPointer == 0 && !UsesStaticZero(type.Size))
            {
                var size = NextZeroBufferSize(0, type.Size);
                var buffer = AllocateZeroBuffer(size);
                CommitZeroBuffer(buffer);
                PublishZero(type, buffer.Base);
                return;
            }
            base.MapZero(type);
        }
    }

    private sealed class ValueInCompilerZero(Architecture a) : ReferenceRuntime(a, Unguarded)
    {
        private ulong next;

        protected override ulong AllocateLargeValue(int width, ulong value)
        {
            ulong p = CompilerZero.Base + CompilerZero.Size - 64 + (next++ % 8 * 8);
            Memory.WriteUnsigned(p, 0, width);
            return p;
        }
    }

    private sealed class NonZeroDeepInBuffer(Architecture a) : ReferenceRuntime(a)
    {
        protected override MemoryRegion AllocateZeroBuffer(ulong size)
        {
            if (size < 1 << 20)
            {
                return base.AllocateZeroBuffer(size);
            }
            // Written before the guard goes up: not at either end, not on a page boundary, not near a power of two.
            var buffer = Memory.Allocate(Segment.Persistent, size, 64, $"zero buffer {ZeroBuffers.Count + 1}", RegionKind.ZeroBuffer);
            Memory.Write(buffer.Base + (size / 4 * 3) + 1234, [0x5A]);
            Memory.Guard(buffer, "ZV-009");
            return buffer;
        }
    }

    private sealed class BoxesOverlap(Architecture a) : ReferenceRuntime(a)
    {
        private ulong last; // the last box handed out whole, or 0 after one was overlapped

        // Every second box is allocated as usual (one object of the value's width, as SV-003 asks), but the pointer
        // handed out is half-way into the box before it, and the value is stored there.
        protected override ulong AllocateLargeValue(int width, ulong value)
        {
            ulong box = base.AllocateLargeValue(width, value);
            if (last == 0)
            {
                last = box;
                return box;
            }
            ulong p = last + ((ulong)width / 2);
            last = 0;
            Memory.WriteUnsigned(p, value, width);
            return p;
        }
    }

    private sealed class WrongOverflowMessage(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong GrowBufferSize(ulong size)
        {
            ulong grown = base.GrowBufferSize(size);
            return GrowthOverflowed(grown) ? throw new MapElementTooLargeException("map value too large") : grown;
        }
    }

    private sealed class GcStaticUpTo2048(Architecture a) : ReferenceRuntime(a, Gc)
    {
        protected override bool UsesStaticZero(ulong size) => size <= 2048;
    }

    private sealed class GcLargeFromBuffer(Architecture a) : ReferenceRuntime(a, Gc)
    {
        // The seed's mapzero, run at lookup time for large run-time types: a shared, covering, never-written zero
        // that the absent design must not hand out.
        protected override ulong? MissingKeyPointer(GoMap map, ulong key)
        {
            var elem = map.ElementType;
            if (elem.IsCompilerKnown || UsesStaticZero(elem.Size))
            {
                return base.MissingKeyPointer(map, key);
            }
            MapZero(elem);
            return elem.ZeroPointer;
        }
    }

    private sealed class GcAbsentAllocates(Architecture a) : ReferenceRuntime(a, Gc)
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key)
        {
            var p = base.MissingKeyPointer(map, key);
            if (p is null)
            {
                Memory.Allocate(Segment.Heap, 8, 8, "boxed key", RegionKind.HeapObject);
            }
            return p;
        }
    }

    private sealed class GcCompilerZeroSmallest(Architecture a) : ReferenceRuntime(a, Gc)
    {
        protected override ulong CompilerZeroSize(IReadOnlyList<ulong> sizes) => sizes.Min();
    }

    private sealed class GcAbsentAt1024(Architecture a) : ReferenceRuntime(a, Gc)
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key) =>
            !map.ElementType.IsCompilerKnown && map.ElementType.Size == StaticZeroSize ? null : base.MissingKeyPointer(map, key);
    }

    private sealed class FloatsAllocate(Architecture a) : ReferenceRuntime(a)
    {
        protected override bool TakesTablePath(ValueKind kind, int width, int alignment) =>
            kind is not (ValueKind.Float32 or ValueKind.Float64) && base.TakesTablePath(kind, width, alignment);
    }

    private sealed class Pair32Truncated(Architecture a) : ReferenceRuntime(a)
    {
        protected override int StorageWidthOf(ValueKind kind) => kind == ValueKind.Pair32 ? 4 : base.StorageWidthOf(kind);
    }

    private sealed class ZeroSizedAllocates(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong ZeroSizedData() => Memory.Allocate(Segment.Heap, 1, 1, "struct{}", RegionKind.HeapObject).Base;
    }

    private sealed class EmptySliceIsNil(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong EmptySliceData() => StaticZero.Base;
    }
}
