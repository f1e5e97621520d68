namespace Reference.Tests;

/// <summary>
/// The seams let a derived runtime break exactly one step; these tests show that each broken variant is
/// observably wrong through the same public surface the other tests use (so those tests can fail). A test that shows
/// a known bug names it with [KnownBug] (the catalogue, src/Conformance/Requirements/KnownBugs.cs, describes it and
/// gives its requirement, which the test's [Requirement] must include); the others show what a broken step leaves intact.
/// </summary>
public class SeamTests
{
    private sealed class NoBigEndianOffset(Architecture arch) : ReferenceRuntime(arch)
    {
        protected override int TableOffsetFor(int width) => 0;
    }

    private sealed class PreallocatingTypes(Architecture arch) : ReferenceRuntime(arch)
    {
        protected override void OnTypeCreated(RType type) =>
            PublishZero(type, AllocateZeroBuffer(Math.Max(type.Size, 1)).Base);
    }

    private sealed class PublishBeforeAllocate(Architecture arch) : ReferenceRuntime(arch)
    {
        public bool SawUnmappedPublication { get; private set; }

        protected override void AllocateAndPublishZero(RType type, ulong size)
        {
            var future = Memory.PeekNextAddress(Segment.Persistent, ZeroBufferAlignment)!.Value;
            PublishZero(type, future);
            SawUnmappedPublication |= type.ZeroPointer == future && !Memory.IsMapped(type.ZeroPointer, type.Size);
            CommitZeroBuffer(AllocateZeroBuffer(size));
        }
    }

    private sealed class NoOverflowCheck(Architecture arch) : ReferenceRuntime(arch)
    {
        protected override bool GrowthOverflowed(ulong grown) => false;
    }

    private sealed class WritesZeroOnLookup(Architecture arch) : ReferenceRuntime(arch, new RuntimeOptions(EnforceWriteGuards: false))
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key)
        {
            var zero = base.MissingKeyPointer(map, key) ?? throw new InvalidOperationException("the seed's design hands out a zero");
            Memory.Write(zero, [0xFF]);
            return zero;
        }
    }

    [Theory]
    [Requirement("AR-003")]
    [KnownBug("no-big-endian-bump")]
    [InlineData("32be")]
    [InlineData("64be")]
    public void NoBigEndianOffset_ReadsBackWrongValue(string name)
    {
        var broken = new NoBigEndianOffset(Architecture.Parse(name));
        Assert.NotEqual(5UL, broken.Memory.ReadUnsigned(broken.ConvT16(5), 2));
    }

    [Theory]
    [Requirement("ZV-001")]
    [KnownBug("preallocated-zero")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void PreallocatingTypes_SetsZeroAtCreation(string name)
    {
        var broken = new PreallocatingTypes(Architecture.Parse(name));
        var before = broken.Memory.Counters;
        var type = broken.ArrayOf(1_000_000_000, broken.Uint8Type);
        Assert.NotEqual(0UL, type.ZeroPointer);
        Assert.Equal(1_000_000_000UL, (broken.Memory.Counters - before).ZeroBufferBytes);
    }

    [Theory]
    [Requirement("ZV-011")]
    [KnownBug("publish-before-allocate")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void PublishBeforeAllocate_ExposesUnmappedPointer(string name)
    {
        var broken = new PublishBeforeAllocate(Architecture.Parse(name));
        broken.MakeMapOf(broken.ByteArrayOf(5000));
        Assert.True(broken.SawUnmappedPublication);
    }

    [Theory]
    [Requirement("ZV-006")]
    [KnownBug("silent-wrap")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void NoOverflowCheck_IsCaughtAsNonTermination(string name)
    {
        var broken = new NoOverflowCheck(Architecture.Parse(name));
        var type = broken.ByteArrayOf(broken.Architecture.HalfRange + 1);
        Assert.Throws<NonTerminationException>(() => broken.MakeMapOf(type));
        Assert.Equal(0UL, type.ZeroPointer);
    }

    [Theory]
    [Requirement("ZV-005")]
    [KnownBug("grow-by-4096")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void GrowthSlowerThanDoubling_IsCaughtAsNonTerminationAfterOneStepPerBit(string name)
    {
        var broken = new GrowByStep(Architecture.Parse(name));
        var type = broken.ByteArrayOf(broken.Architecture.HalfRange);
        var e = Assert.Throws<NonTerminationException>(() => broken.MakeMapOf(type));
        Assert.Contains($"needed more than {broken.Architecture.WordBits} steps", e.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, type.ZeroPointer);
        Assert.Empty(broken.ZeroBuffers);
        // A size a few steps away still works: the guard only stops growth no doubling could need.
        var small = broken.ByteArrayOf(5 * 4096);
        broken.MakeMapOf(small);
        Assert.Equal(5UL * 4096, broken.ZeroBufferSize);
    }

    [Theory]
    [Requirement("ZV-005")]
    [KnownBug("grow-by-4096")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void GrowthGuard_AllowsExactlyOneStepPerBit_AndNotOneMore(string name)
    {
        var arch = Architecture.Parse(name);
        ulong w = (ulong)arch.WordBits;
        // From 4096, k steps of +4096 reach 4096 * (k + 1): exactly w steps still succeed...
        var atLimit = new GrowByStep(arch);
        atLimit.MakeMapOf(atLimit.ByteArrayOf(4096 * (w + 1)));
        Assert.Equal(4096 * (w + 1), atLimit.ZeroBufferSize);
        // ...and w + 1 steps are reported as non-termination.
        var past = new GrowByStep(arch);
        var e = Assert.Throws<NonTerminationException>(() => past.MakeMapOf(past.ByteArrayOf(4096 * (w + 2))));
        Assert.Contains($"needed more than {w} steps", e.Message, StringComparison.Ordinal);
    }

    private sealed class GrowByStep(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong GrowBufferSize(ulong size) => size + 4096;
    }

    [Theory]
    [Requirement("ZV-009")]
    [KnownBug("lookup-writes-zero")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void WritesZeroWithGuardsOff_BytesChangeAndViolationIsCounted(string name)
    {
        var broken = new WritesZeroOnLookup(Architecture.Parse(name));
        var map = broken.MakeMapOf(broken.ByteArrayOf(16));
        broken.LookupMissing(map, 1);
        Assert.False(broken.Memory.IsZero(broken.StaticZero.Base, broken.StaticZero.Size));
        Assert.Equal(1UL, broken.Memory.GuardViolations);
    }

    [Theory]
    [Requirement("ZV-009")]
    [KnownBug("lookup-writes-zero")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void WritesZeroWithGuardsOn_Throws(string name)
    {
        var broken = new WritesZeroOnLookupGuarded(Architecture.Parse(name));
        var map = broken.MakeMapOf(broken.ByteArrayOf(16));
        var error = Assert.Throws<WriteGuardViolationException>(() => broken.LookupMissing(map, 1));
        Assert.Contains("ZV-009", error.Message, StringComparison.Ordinal);
    }

    private sealed class WritesZeroOnLookupGuarded(Architecture arch) : ReferenceRuntime(arch)
    {
        protected override ulong? MissingKeyPointer(GoMap map, ulong key)
        {
            var zero = base.MissingKeyPointer(map, key) ?? throw new InvalidOperationException("the seed's design hands out a zero");
            Memory.Write(zero, [0xFF]);
            return zero;
        }
    }

    private sealed class NoTable(Architecture arch) : ReferenceRuntime(arch)
    {
        protected override bool FitsTable(ulong value) => false;
    }

    private sealed class NoGrowth(Architecture arch) : ReferenceRuntime(arch)
    {
        protected override ulong GrowBufferSize(ulong size) => size;
    }

    private sealed class OverwritingPublish(Architecture arch) : ReferenceRuntime(arch)
    {
        public List<bool> Results { get; } = [];

        public bool Publish(RType type, ulong pointer) => PublishZero(type, pointer);

        protected override bool PublishZero(RType type, ulong pointer)
        {
            Results.Add(base.PublishZero(type, pointer));
            StoreZeroPointer(type, pointer); // Go's atomicstorep: overwrites whatever was published
            return true;
        }
    }

    private sealed class NeverPublishes(Architecture arch) : ReferenceRuntime(arch)
    {
        protected override bool PublishZero(RType type, ulong pointer) => false;
    }

    [Theory]
    [Requirement("ZV-004")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void NeverPublishes_BreaksPublicationButSmallTypesStillAllocateNoBuffer(string name)
    {
        // The broken step is publication only: a small type takes the static-zero path and never the buffer path.
        var broken = new NeverPublishes(Architecture.Parse(name));
        var small = broken.ByteArrayOf(16);
        broken.MakeMapOf(small);
        Assert.Equal(0UL, small.ZeroPointer);
        Assert.Empty(broken.ZeroBuffers);
    }

    private sealed class NullProbe(Architecture arch) : ReferenceRuntime(arch)
    {
        public void Probe()
        {
            Assert.Throws<ArgumentNullException>(() => MapZero(null!));
            Assert.Throws<ArgumentNullException>(() => PublishZero(null!, 1));
            Assert.Throws<ArgumentNullException>(() => AllocateAndPublishZero(null!, 4096));
            Assert.Empty(ZeroBuffers); // rejected before anything was allocated
            Assert.Throws<ArgumentNullException>(() => CommitZeroBuffer(null!));
            Assert.Throws<ArgumentNullException>(() => MissingKeyPointer(null!, 1));
            Assert.Throws<ArgumentNullException>(() => StoreZeroPointer(null!, 1));
        }
    }

    [Theory]
    [Requirement("SV-002", "SV-004", "SV-003")]
    [KnownBug("no-table")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void NoTable_BreaksWideValuesButByteValuesStillUseTheTable(string name)
    {
        // SV-004: a 1-byte value never takes the fallback, so the SV-002 seam cannot affect it.
        var broken = new NoTable(Architecture.Parse(name));
        var offset = (ulong)broken.Architecture.TableOffset(1);
        var before = broken.Memory.Counters;
        Assert.Equal(broken.Table.Base + (8 * 200) + offset, broken.ConvertToInterface(ValueKind.Int8, 200));
        Assert.Equal(broken.Table.Base + 8 + offset, broken.ConvertToInterface(ValueKind.Bool, 1));
        Assert.True((broken.Memory.Counters - before).IsNone, "byte-sized conversions allocated");
        broken.ConvertToInterface(ValueKind.Int16, 5);
        Assert.Equal(1UL, (broken.Memory.Counters - before).HeapObjects);
    }

    [Theory]
    [Requirement("ZV-005")]
    [KnownBug("no-growth")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void NoGrowth_IsCaughtAsNonTerminationNamingSizesAndArchitecture(string name)
    {
        var broken = new NoGrowth(Architecture.Parse(name));
        var type = broken.ByteArrayOf(5000);
        var error = Assert.Throws<NonTerminationException>(() => broken.MakeMapOf(type));
        Assert.Equal($"zero buffer growth from 4096 to 4096 made no progress toward 5000 on {name}", error.Message);
        Assert.Equal(0UL, type.ZeroPointer);
        Assert.Empty(broken.ZeroBuffers);
    }

    [Theory]
    [Requirement("ZV-003", "ZV-012")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void OverwritingPublish_IsNeverReachedForTypesThatHaveAZero(string name)
    {
        // mapzero's "Already done?": a type whose zero is set (here compiler-known) is left alone, so even a
        // variant whose publication overwrites cannot move it.
        var broken = new OverwritingPublish(Architecture.Parse(name));
        var known = broken.CompilerType("int");
        var big = broken.CompilerType("[2048]uint8");
        broken.MakeMapOf(known);
        broken.MakeMapOf(big);
        Assert.Equal(broken.CompilerZero.Base, known.ZeroPointer);
        Assert.Equal(broken.CompilerZero.Base, big.ZeroPointer);
        Assert.Empty(broken.Results);
        Assert.Empty(broken.ZeroBuffers);
    }

    [Theory]
    [Requirement("ZV-003")]
    [KnownBug("overwriting-publish")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void PublishZero_SetsOnlyANilPointerAndStoreOverwrites(string name)
    {
        var broken = new OverwritingPublish(Architecture.Parse(name));
        var type = broken.ByteArrayOf(16);
        broken.Publish(type, broken.StaticZero.Base);
        broken.Publish(type, broken.Table.Base);
        Assert.Equal([true, false], broken.Results);
        Assert.Equal(broken.Table.Base, type.ZeroPointer); // the variant's unconditional store moved a published pointer
    }

    [Theory]
    [Requirement("ZV-003", "ZV-011", "ZV-014")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void RaceLostWhileWaitingForLock_KeepsWinnersPointerAndAllocatesNothing(string name)
    {
        var runtime = new RaceLoser(Architecture.Parse(name));
        var type = runtime.ByteArrayOf(5000);
        var before = runtime.Memory.Counters;
        runtime.MakeMapOfWithRace(type);
        Assert.Equal(runtime.StaticZero.Base, type.ZeroPointer);
        Assert.Empty(runtime.ZeroBuffers);
        Assert.Equal(0UL, (runtime.Memory.Counters - before).ZeroBuffers);
    }

    /// <summary>Publishes the type's zero (as a winning thread would) after the unlocked fast path, before the lock.</summary>
    private sealed class RaceLoser(Architecture arch) : ReferenceRuntime(arch)
    {
        private RType? _racing;

        public void MakeMapOfWithRace(RType type)
        {
            _racing = type;
            MakeMapOf(type);
        }

        protected override bool UsesStaticZero(ulong size)
        {
            if (_racing is { } type && type.ZeroPointer == 0)
            {
                base.PublishZero(type, StaticZero.Base); // the winner's pointer
            }

            return base.UsesStaticZero(size);
        }
    }

    [Theory]
    [Requirement("ZV-003", "ZV-016")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void Seams_RejectNullArguments(string name)
    {
        new NullProbe(Architecture.Parse(name)).Probe();
    }
}
