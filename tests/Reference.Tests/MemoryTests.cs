namespace Reference.Tests;

public class MemoryTests
{
    public class Layout
    {
        [Theory]
        [Requirement("AR-001")]
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
        [Requirement("ZV-006")]
        public void Persistent32_HoldsA2GiBBuffer()
        {
            var persistent = Memory.LayoutFor(Architecture.Le32).Single(s => s.Segment == Segment.Persistent);
            Assert.True(persistent.Size >= 0xE000_0000UL, $"persistent segment is {persistent.Size} bytes, want >= 3.5 GiB");
        }
    }

    public class Allocate
    {
        [Theory]
        [Requirement("ZV-007")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Alignment_IsHonouredAfterOddSizedAllocation(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            memory.Allocate(Segment.Persistent, 3, 1, "odd", RegionKind.Other);
            var aligned = memory.Allocate(Segment.Persistent, 10, 64, "aligned", RegionKind.Other);
            Assert.Equal(0UL, aligned.Base % 64);
        }

        [Theory]
        [Requirement("ZV-015")]
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
        [Requirement("AR-001")]
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
        [Requirement("SV-003")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void HeapAllocation_CountsOneObjectAndItsBytes(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var before = memory.Counters;
            memory.Allocate(Segment.Heap, 24, 8, "x", RegionKind.HeapObject);
            memory.Allocate(Segment.Persistent, 100, 64, "not heap", RegionKind.Other);
            Assert.Equal(new AllocationCounters(1, 24, 0, 0), memory.Counters - before);
        }

        [Theory]
        [Requirement("ZV-007")]
        [InlineData(0UL)]
        [InlineData(3UL)]
        [InlineData(48UL)]
        public void AlignmentNotPowerOfTwo_Throws(ulong alignment)
        {
            var memory = new Memory(Architecture.Le64);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => memory.Allocate(Segment.Persistent, 64, alignment, "x", RegionKind.Other));
            Assert.Contains("a power of two", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.PeekNextAddress(Segment.Persistent, alignment));
            Assert.Empty(memory.Regions);
        }

        [Theory]
        [Requirement("AR-001")]
        [InlineData("32le", 1UL << 29)]
        [InlineData("32be", 1UL << 28)]
        [InlineData("64le", 1UL << 41)]
        [InlineData("64be", 1UL << 41)]
        public void AlignmentPastSegmentEnd_ThrowsOutOfMemory(string name, ulong alignment)
        {
            // The next aligned address is at or beyond the heap's end: nothing, not even one byte, fits.
            var memory = new Memory(Architecture.Parse(name));
            var heap = memory.Segments.Single(s => s.Segment == Segment.Heap);
            Assert.True((heap.Base + alignment - 1) / alignment * alignment >= heap.End, "test premise");
            Assert.Throws<RuntimeOutOfMemoryException>(() => memory.Allocate(Segment.Heap, 0, alignment, "x", RegionKind.HeapObject));
            Assert.Equal(default, memory.Counters);
        }

        [Fact]
        [Requirement("AR-001")]
        public void AlignmentThatWouldWrapTheAddressSpace_ThrowsOutOfMemory()
        {
            // Past 2^63 in the persistent segment, rounding up to a multiple of 2^63 would wrap the 64-bit word.
            var memory = new Memory(Architecture.Be64);
            memory.Allocate(Segment.Persistent, 0xFFFF_0000_0000_0000, 64, "most of it", RegionKind.Other);
            Assert.Null(memory.PeekNextAddress(Segment.Persistent, 1UL << 63));
            Assert.Throws<RuntimeOutOfMemoryException>(() => memory.Allocate(Segment.Persistent, 1, 1UL << 63, "x", RegionKind.Other));
        }

        [Fact]
        [Requirement("AR-001")]
        public void AlignedAddressNearTopOfThe64BitWord_IsStillAllocatable()
        {
            // 2^64 - 2^45 is a multiple of 2^45 inside the persistent segment: rounding it up must not be mistaken for a wrap.
            var memory = new Memory(Architecture.Le64);
            var top = unchecked(0UL - (1UL << 45));
            var persistent = memory.Segments.Single(s => s.Segment == Segment.Persistent);
            memory.Allocate(Segment.Persistent, top - persistent.Base, 1, "up to 2^64 - 2^45", RegionKind.Other);
            Assert.Equal(top, memory.PeekNextAddress(Segment.Persistent, 1UL << 45));
            Assert.Equal(top, memory.Allocate(Segment.Persistent, 16, 1UL << 45, "x", RegionKind.Other).Base);
        }

        [Theory]
        [Requirement("SV-003")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void CounterDifference_SubtractMatchesOperator(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var before = memory.Counters;
            memory.Allocate(Segment.Heap, 8, 8, "x", RegionKind.HeapObject);
            memory.Allocate(Segment.Persistent, 4096, 64, "buffer", RegionKind.ZeroBuffer);
            var delta = AllocationCounters.Subtract(memory.Counters, before);
            Assert.Equal(new AllocationCounters(1, 8, 4096, 1), delta);
            Assert.Equal(memory.Counters - before, delta);
            Assert.False(delta.IsNone);
        }
    }

    public class Freed
    {
        /// <summary>
        /// A freed region (what a broken variant does to a buffer ZV-007 says stays readable) faults on every read,
        /// scan and write that touches it, naming the access and the region; its neighbours, up to its edges, do not.
        /// </summary>
        [Theory]
        [Requirement("ZV-007")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EveryAccessTouchingAFreedRegion_Faults_AndNothingElse(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var before = memory.Allocate(Segment.Persistent, 64, 64, "before", RegionKind.ZeroBuffer);
            var freed = memory.Allocate(Segment.Persistent, 2 * Memory.PageSize, 64, "old", RegionKind.ZeroBuffer);
            var after = memory.Allocate(Segment.Persistent, 64, 64, "after", RegionKind.ZeroBuffer);
            Assert.Equal(before.End, freed.Base);
            Assert.Equal(freed.End, after.Base);
            memory.Write(freed.Base + 100, [7]);
            memory.Free(freed);

            (ulong At, ulong Length)[] touching = [(freed.Base, 1), (freed.End - 1, 1), (before.Base, 65), (freed.End - 1, 65), (before.Base, after.End - before.Base)];
            foreach (var (at, length) in touching)
            {
                Assert.Contains("read of", Assert.Throws<UnmappedMemoryException>(() => memory.Read(at, (int)length)).Message, StringComparison.Ordinal);
                Assert.Contains("scan of", Assert.Throws<UnmappedMemoryException>(() => memory.IsZero(at, length)).Message, StringComparison.Ordinal);
                Assert.Contains("scan of", Assert.Throws<UnmappedMemoryException>(() => memory.CountNonZero(at, length)).Message, StringComparison.Ordinal);
                Assert.Contains("write of", Assert.Throws<UnmappedMemoryException>(() => memory.Write(at, new byte[length])).Message, StringComparison.Ordinal);
            }
            var e = Assert.Throws<UnmappedMemoryException>(() => memory.Read(freed.Base + 8, 4));
            Assert.Equal($"read of 4 byte(s) at 0x{freed.Base + 8:x} on {name}: {freed} was freed", e.Message);

            // The neighbours, right up to the freed region's edges, and empty ranges at its base, still work.
            Assert.True(memory.IsZero(before.Base, before.Size));
            Assert.Equal(new byte[after.Size], memory.Read(after.Base, (int)after.Size));
            memory.Write(after.Base, [1]);
            Assert.Equal((1UL, (ulong?)0), memory.CountNonZero(after.Base, after.Size));
            Assert.Empty(memory.Read(freed.Base, 0));
            Assert.True(memory.IsZero(freed.Base, 0));
            Assert.Equal((0UL, (ulong?)null), memory.CountNonZero(freed.Base, 0));
            Assert.Contains(freed, memory.Regions);
        }

        [Fact]
        public void Free_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new Memory(Architecture.Le32).Free(null!));
    }

    public class Sparse
    {
        [Theory]
        [Requirement("ZV-004")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EmptyRange_IsZeroEvenAtNonZeroByte(string name)
        {
            // The zero of a 0-byte type is empty (ZV-004 decision): it is zero wherever it points.
            var memory = new Memory(Architecture.Parse(name));
            var region = memory.Allocate(Segment.Heap, 8, 8, "x", RegionKind.HeapObject);
            memory.Write(region.Base, [0xFF]);
            Assert.True(memory.IsZero(region.Base, 0));
            Assert.False(memory.IsZero(region.Base, 1));
        }

        [Theory]
        [Requirement("ZV-014")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void FillWithZero_ClearsWrittenPagesAndMaterialisesNoOthers(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var region = memory.Allocate(Segment.Heap, 3 * Memory.PageSize, Memory.PageSize, "x", RegionKind.HeapObject);
            memory.Fill(region.Base, 10, 0xAA);
            memory.Fill(region.Base, region.Size, 0);
            Assert.True(memory.IsZero(region.Base, region.Size), "zero fill clears what was written");
            Assert.Equal(1, memory.MaterializedPages);
        }

        [Fact]
        [Requirement("ZV-014")]
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
        [Requirement("ZV-009")]
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
        [Requirement("AR-001")]
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
        [Requirement("AR-001")]
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
        [Requirement("ZV-011")]
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
        [Requirement("ZV-015")]
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
        [Requirement("ZV-015")]
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
        [Requirement("ZV-009")]
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
        [Requirement("ZV-009")]
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
        [Requirement("ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EmptyWriteAtGuardedAddress_WritesNothingAndIsAllowed(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var zero = memory.Allocate(Segment.Bss, 64, 64, "zero", RegionKind.StaticZero);
            memory.Guard(zero, "ZV-009");
            memory.Write(zero.Base, []);
            memory.Fill(zero.Base, 0, 0xFF);
            var unallocated = memory.PeekNextAddress(Segment.Heap, 8)!.Value;
            memory.Write(unallocated, []); // a write of nothing touches no memory, allocated or not
            Assert.True(memory.IsZero(zero.Base, zero.Size));
            Assert.False(zero.Overlaps(zero.Base, 0), "an empty range overlaps nothing");
        }

        [Theory]
        [Requirement("ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ZeroSizedRegion_OverlapsNothing(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var empty = memory.Allocate(Segment.Heap, 0, 8, "empty", RegionKind.HeapObject);
            var next = memory.Allocate(Segment.Heap, 8, 1, "next", RegionKind.HeapObject);
            Assert.False(empty.Overlaps(empty.Base, 8), "a 0-byte region holds no byte");
            Assert.False(empty.Overlaps(empty.Base - 1, 8), "not even a range that straddles its address");
            Assert.False(next.Overlaps(empty.Base, 1), "the byte reserved for a 0-byte allocation is not the next region's");
            Assert.True(next.Overlaps(empty.Base, 2));
        }

        [Theory]
        [Requirement("SV-007", "ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Runtime_GuardsTableAndEveryZeroRegion(string name)
        {
            var runtime = Arches.Runtime(name);
            runtime.MakeMapOf(runtime.ByteArrayOf(5000));
            var guards = runtime.Memory.Guards;
            Assert.Equal(runtime.ZeroRegions.Count + 1, guards.Count);
            Assert.Contains(new WriteGuard(runtime.Table, "SV-007"), guards);
            Assert.All(runtime.ZeroRegions, z => Assert.Contains(new WriteGuard(z, "ZV-009"), guards));
        }

        [Theory]
        [Requirement("SV-007")]
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

    public class Boundaries
    {
        [Theory]
        [Requirement("AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void AllocationFillingSegmentExactly_Succeeds(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var heap = memory.Segments.Single(s => s.Segment == Segment.Heap);
            var all = memory.Allocate(Segment.Heap, heap.Size, 1, "all of it", RegionKind.HeapObject);
            Assert.Equal(heap.End, all.End);
            Assert.Throws<RuntimeOutOfMemoryException>(() => memory.Allocate(Segment.Heap, 0, 1, "one more", RegionKind.HeapObject));
        }

        [Fact]
        [Requirement("AR-001")]
        public void LastBytesOfThe32BitWord_AreAddressableAndOneMoreIsNot()
        {
            var memory = new Memory(Architecture.Be32);
            Assert.Equal(new byte[1], memory.Read(0xFFFF_FFFF, 1)); // 2^32 - 1: the last address
            Assert.Equal(new byte[2], memory.Read(0xFFFF_FFFE, 2));
            Assert.Empty(memory.Read(0xFFFF_FFFF, 0));
            Assert.True(memory.IsZero(0, 0x1_0000_0000), "the whole 2^32-byte word reads as zero");
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read(0xFFFF_FFFE, 3));
            Assert.Contains("[0xfffffffe, +3) does not fit the 32be word", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.IsZero(0x1_0000_0000, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read(0, -1));
        }

        [Theory]
        [Requirement("AR-001", "ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void WriteAndFillPastTheWord_ThrowRangeErrors(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var top = memory.Architecture.WordMask;
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.Write(top, [1, 2]));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.Fill(top, 2, 1));
        }

        [Theory]
        [Requirement("ZV-009", "ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void FillIntoZeroOrUnallocatedMemory_IsRejected(string name)
        {
            var runtime = Arches.Runtime(name);
            var error = Assert.Throws<WriteGuardViolationException>(() => runtime.Memory.Fill(runtime.StaticZero.Base, 4, 0));
            Assert.Equal("ZV-009", error.Requirement);
            var next = runtime.Memory.PeekNextAddress(Segment.Heap, 8)!.Value;
            var unmapped = Assert.Throws<UnmappedMemoryException>(() => runtime.Memory.Fill(next, 4, 1));
            Assert.Equal($"write of 4 byte(s) at 0x{next:x} on {name}: not allocated memory", unmapped.Message);
        }

        [Theory]
        [Requirement("ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void NonZeroByteAtEitherEndOfAPage_IsSeen(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var region = memory.Allocate(Segment.Heap, 3 * Memory.PageSize, Memory.PageSize, "x", RegionKind.HeapObject);
            var lastOfFirstPage = region.Base + Memory.PageSize - 1;
            var firstOfLastPage = region.Base + (2 * Memory.PageSize);
            memory.Write(lastOfFirstPage, [1]);
            memory.Write(firstOfLastPage, [1]);
            Assert.False(memory.IsZero(lastOfFirstPage, 2), "range starting at a page's last byte");
            Assert.False(memory.IsZero(firstOfLastPage - 1, 2), "range ending at a page's first byte");
            Assert.True(memory.IsZero(lastOfFirstPage + 1, Memory.PageSize), "the page between is zero");
        }

        [Theory]
        [Requirement("ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ReadOfUntouchedMemory_ClearsTheDestination(string name)
        {
            var runtime = Arches.Runtime(name);
            Span<byte> destination = [0xEE, 0xEE, 0xEE, 0xEE];
            runtime.Memory.Read(runtime.StaticZero.Base + 100, destination);
            Assert.Equal(new byte[4], destination.ToArray());
        }

        [Theory]
        [Requirement("ZV-011")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void AddressJustPastLastAllocation_IsNotMappedAndInNoRegion(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var region = memory.Allocate(Segment.Persistent, 4096, 64, "buffer", RegionKind.ZeroBuffer);
            Assert.False(memory.IsMapped(region.End, 0), "one past the end is not allocated");
            Assert.Null(memory.FindRegion(region.End, 0));
            Assert.True(memory.IsMapped(region.End - 1, 1));
        }

        [Theory]
        [Requirement("ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void AddressInAlignmentGapBeforeFirstRegion_IsInNoRegion(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var heap = memory.Segments.Single(s => s.Segment == Segment.Heap);
            var alignment = memory.Architecture.WordBytes == 4 ? 1UL << 23 : 1UL << 39;
            var region = memory.Allocate(Segment.Heap, 16, alignment, "aligned", RegionKind.HeapObject);
            Assert.True(region.Base > heap.Base, "test premise: a gap before the region");
            Assert.Null(memory.FindRegion(heap.Base, 1));
            Assert.Same(region, memory.FindRegion(region.Base, 16));
        }

        [Fact]
        [Requirement("ZV-016")]
        public void Contains_RejectsRangesOutsideTheRegion()
        {
            var region = new MemoryRegion("r", RegionKind.Other, Segment.Heap, 0x1000, 0x10);
            Assert.True(region.Contains(0x1000, 0x10));
            Assert.True(region.Contains(0x1010, 0), "the empty range at the end");
            Assert.False(region.Contains(0x1011, 0), "past the end");
            Assert.False(region.Contains(0x0FFF, 1), "before the start");
            Assert.False(region.Contains(0x1008, 9), "runs past the end");
        }

        [Theory]
        [Requirement("ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void NullArguments_AreRejected(string name)
        {
            var memory = new Memory(Architecture.Parse(name));
            var region = memory.Allocate(Segment.Bss, 8, 8, "r", RegionKind.Other);
            Assert.Throws<ArgumentNullException>(() => memory.Allocate(Segment.Heap, 8, 8, null!, RegionKind.HeapObject));
            Assert.Throws<ArgumentNullException>(() => memory.Guard(null!, "ZV-009"));
            Assert.Throws<ArgumentException>(() => memory.Guard(region, ""));
            Assert.Empty(memory.Guards);
        }
    }
}
