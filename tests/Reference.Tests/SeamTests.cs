namespace Reference.Tests;

/// <summary>
/// The seams let a derived runtime break exactly one step; these tests show that each broken variant is
/// observably wrong through the same public surface the other tests use (so those tests can fail).
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
        protected override ulong MissingKeyPointer(GoMap map, ulong key)
        {
            var zero = base.MissingKeyPointer(map, key);
            Memory.Write(zero, [0xFF]);
            return zero;
        }
    }

    [Theory]
    [Trait("Requirement", "AR-003")]
    [InlineData("32be")]
    [InlineData("64be")]
    public void NoBigEndianOffset_ReadsBackWrongValue(string name)
    {
        var broken = new NoBigEndianOffset(Architecture.Parse(name));
        Assert.NotEqual(5UL, broken.Memory.ReadUnsigned(broken.ConvT16(5), 2));
    }

    [Theory]
    [Trait("Requirement", "ZV-001")]
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
    [Trait("Requirement", "ZV-011")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void PublishBeforeAllocate_ExposesUnmappedPointer(string name)
    {
        var broken = new PublishBeforeAllocate(Architecture.Parse(name));
        broken.MakeMapOf(broken.ByteArrayOf(5000));
        Assert.True(broken.SawUnmappedPublication);
    }

    [Theory]
    [Trait("Requirement", "ZV-006")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void NoOverflowCheck_IsCaughtAsNonTermination(string name)
    {
        var broken = new NoOverflowCheck(Architecture.Parse(name));
        var type = broken.ByteArrayOf(broken.Architecture.HalfRange + 1);
        Assert.Throws<NonTerminationException>(() => broken.MakeMapOf(type));
        Assert.Equal(0UL, type.ZeroPointer);
    }

    [Theory]
    [Trait("Requirement", "ZV-005")]
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

    private sealed class GrowByStep(Architecture a) : ReferenceRuntime(a)
    {
        protected override ulong GrowBufferSize(ulong size) => size + 4096;
    }

    [Theory]
    [Trait("Requirement", "ZV-009")]
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
    [Trait("Requirement", "ZV-009")]
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
        protected override ulong MissingKeyPointer(GoMap map, ulong key)
        {
            var zero = base.MissingKeyPointer(map, key);
            Memory.Write(zero, [0xFF]);
            return zero;
        }
    }
}
