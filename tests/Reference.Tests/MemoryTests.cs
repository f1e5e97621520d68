namespace Reference.Tests;

public class MemoryTests
{
    public class Layout
    {
        [Theory]
        [Trait("Requirement", "AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Segments_FitTheWordAndAreDisjoint(string name)
        {
            var arch = Architecture.Parse(name);
            var segments = Memory.LayoutFor(arch);
            Assert.Equal(5, segments.Count);
            for (var i = 0; i < segments.Count; i++)
            {
                Assert.True(segments[i].Base > 0, $"{name}: address 0 is nil and never mapped");
                Assert.True(segments[i].End - 1 <= arch.WordMask, $"{name}: {segments[i]} must end inside the word");
                if (i > 0)
                {
                    Assert.True(segments[i - 1].End <= segments[i].Base, $"{name}: {segments[i - 1]} overlaps {segments[i]}");
                }
            }
        }

        [Fact]
        [Trait("Requirement", "ZV-006")]
        public void Persistent32_HoldsA2GiBBuffer()
        {
            var persistent = Memory.LayoutFor(Architecture.Le32).Single(s => s.Segment == Segment.Persistent);
            Assert.True(persistent.Size >= 0xE000_0000UL, $"persistent segment is {persistent.Size} bytes, want >= 3.5 GiB");
        }
    }

    public class Allocate
    {
        [Theory]
        [Trait("Requirement", "ZV-007")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Alignment_IsHonouredAfterOddSizedAllocation(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            memory.Allocate(Segment.Persistent, 3, 1, "odd", RegionKind.Other);
            var aligned = memory.Allocate(Segment.Persistent, 10, 64, "aligned", RegionKind.Other);
            Assert.Equal(0UL, aligned.Base % 64);
        }

        [Theory]
        [Trait("Requirement", "ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ZeroSizedAllocations_GetDistinctAddresses(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var a = memory.Allocate(Segment.Heap, 0, 1, "a", RegionKind.HeapObject);
            var b = memory.Allocate(Segment.Heap, 0, 1, "b", RegionKind.HeapObject);
            Assert.NotEqual(a.Base, b.Base);
            Assert.Same(b, memory.FindRegion(b.Base, 0));
        }

        [Theory]
        [Trait("Requirement", "AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ExhaustedSegment_ThrowsOutOfMemory(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var heap = memory.Segments.Single(s => s.Segment == Segment.Heap);
            var error = Assert.Throws<RuntimeOutOfMemoryException>(
                () => memory.Allocate(Segment.Heap, heap.Size + 1, 1, "too big", RegionKind.HeapObject));
            Assert.Equal("out of memory", error.Message);
            Assert.Equal(default, memory.Counters);
        }

        [Theory]
        [Trait("Requirement", "SV-003")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void HeapAllocation_CountsOneObjectAndItsBytes(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var before = memory.Counters;
            memory.Allocate(Segment.Heap, 24, 8, "x", RegionKind.HeapObject);
            memory.Allocate(Segment.Persistent, 100, 64, "not heap", RegionKind.Other);
            Assert.Equal(new AllocationCounters(1, 24, 0, 0), memory.Counters - before);
        }
    }

    public class Sparse
    {
        [Fact]
        [Trait("Requirement", "ZV-014")]
        public void TwoToThe40ZeroRegion_CostsNoHostMemory()
        {
            var memory = new Memory(Architecture.Le64);
            var hostBefore = GC.GetAllocatedBytesForCurrentThread();
            var region = memory.Allocate(Segment.Persistent, 1UL << 40, 64, "huge", RegionKind.ZeroBuffer);
            var zero = memory.IsZero(region.Base, region.Size);
            var last = memory.Read(region.End - 8, 8);
            var hostAfter = GC.GetAllocatedBytesForCurrentThread();

            Assert.True(zero, "a fresh 2^40-byte region reads as zero");
            Assert.Equal(new byte[8], last);
            Assert.Equal(0, memory.MaterializedPages);
            Assert.True(hostAfter - hostBefore < 64 * 1024, $"host allocated {hostAfter - hostBefore} bytes for a 2^40 zero");
        }

        [Fact]
        [Trait("Requirement", "ZV-009")]
        public void IsZero_SeesOneNonZeroByteAtEndOfHugeRegion()
        {
            var memory = new Memory(Architecture.Be64);
            var region = memory.Allocate(Segment.Persistent, 1UL << 40, 64, "huge", RegionKind.Other);
            memory.Write(region.End - 1, [1]);
            Assert.False(memory.IsZero(region.Base, region.Size));
            Assert.True(memory.IsZero(region.Base, region.Size - 1));
            Assert.Equal(1, memory.MaterializedPages);
        }

        [Theory]
        [Trait("Requirement", "AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void WriteAcrossPageBoundary_ReadsBack(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var region = memory.Allocate(Segment.Heap, 3 * Memory.PageSize, Memory.PageSize, "x", RegionKind.HeapObject);
            var bytes = Enumerable.Range(1, 100).Select(i => (byte)i).ToArray();
            var at = region.Base + Memory.PageSize - 50;
            memory.Write(at, bytes);
            Assert.Equal(bytes, memory.Read(at, bytes.Length));
            Assert.Equal(2, memory.MaterializedPages);
        }

        [Fact]
        [Trait("Requirement", "AR-001")]
        public void RangePastTheWord_Throws()
        {
            var memory = new Memory(Architecture.Le32);
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read(0xFFFF_FFFF, 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.IsZero(0x1_0000_0000, 1));
        }
    }

    public class Mapping
    {
        [Theory]
        [Trait("Requirement", "ZV-011")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void IsMapped_DistinguishesAllocatedFromFutureMemory(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var next = memory.PeekNextAddress(Segment.Persistent, 64)!.Value;
            Assert.False(memory.IsMapped(next, 1), "not yet allocated");
            var region = memory.Allocate(Segment.Persistent, 4096, 64, "buffer", RegionKind.ZeroBuffer);
            Assert.Equal(next, region.Base);
            Assert.True(memory.IsMapped(region.Base, 4096));
            Assert.False(memory.IsMapped(region.Base, 4097));
            Assert.False(memory.IsMapped(0, 1), "nil is never mapped");
        }

        [Theory]
        [Trait("Requirement", "ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void FindRegion_NamesTheRegionThatContainsTheRange(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var a = memory.Allocate(Segment.Heap, 16, 8, "a", RegionKind.HeapObject);
            var b = memory.Allocate(Segment.Heap, 16, 8, "b", RegionKind.HeapObject);
            Assert.Same(a, memory.FindRegion(a.Base + 4, 12));
            Assert.Same(b, memory.FindRegion(b.Base, 16));
            Assert.Null(memory.FindRegion(a.Base + 8, 16));
            Assert.Null(memory.FindRegion(0, 1));
        }

        [Theory]
        [Trait("Requirement", "ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void WriteToUnallocatedMemory_ThrowsUnmapped(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var next = memory.PeekNextAddress(Segment.Heap, 8)!.Value;
            Assert.Throws<UnmappedMemoryException>(() => memory.Write(next, [1]));
        }
    }

    public class Guards
    {
        [Theory]
        [Trait("Requirement", "ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void WriteOverlappingGuard_ThrowsNamingRequirementArchitectureAddressAndRegion(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var zero = memory.Allocate(Segment.Bss, 64, 64, "some zero", RegionKind.StaticZero);
            memory.Guard(zero, "ZV-009");
            var error = Assert.Throws<WriteGuardViolationException>(() => memory.Write(zero.End - 1, [1]));
            Assert.Equal("ZV-009", error.Requirement);
            Assert.Contains("ZV-009", error.Message, StringComparison.Ordinal);
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
            Assert.Contains($"0x{zero.End - 1:x}", error.Message, StringComparison.Ordinal);
            Assert.Contains("'some zero'", error.Message, StringComparison.Ordinal);
            Assert.True(memory.IsZero(zero.Base, zero.Size), "the rejected write changed nothing");
        }

        [Theory]
        [Trait("Requirement", "ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void WriteBesideGuard_IsAllowed(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var before = memory.Allocate(Segment.Bss, 64, 64, "before", RegionKind.Other);
            var zero = memory.Allocate(Segment.Bss, 64, 64, "zero", RegionKind.StaticZero);
            var after = memory.Allocate(Segment.Bss, 64, 64, "after", RegionKind.Other);
            memory.Guard(zero, "ZV-009");
            memory.Fill(before.Base, before.Size, 0xAA);
            memory.Fill(after.Base, after.Size, 0xAA);
            Assert.True(memory.IsZero(zero.Base, zero.Size));
        }

        [Theory]
        [Trait("Requirement", "SV-007")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EnforcementOff_WriteGoesThroughAndIsCounted(string name)
        {
            var memory = new Memory(Architecture.Parse(name), enforceWriteGuards: false);
            var table = memory.Allocate(Segment.ReadOnlyData, 16, 8, "table", RegionKind.Table);
            memory.Guard(table, "SV-007");
            memory.Write(table.Base, [0x42]);
            Assert.Equal(0x42, memory.Read(table.Base, 1)[0]);
            Assert.Equal(1UL, memory.GuardViolations);
        }
    }
}
