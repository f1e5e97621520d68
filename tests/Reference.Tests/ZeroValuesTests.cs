namespace Reference.Tests;

public class ZeroValuesTests
{
    private const ulong TwoTo31 = 1UL << 31;
    private const ulong TwoTo63 = 1UL << 63;

    /// <summary>Boundary sizes with their meaning and the buffer size a fresh runtime must end with (0: static zero, null: throws).</summary>
    public static TheoryData<string, ulong, ulong?> Boundaries
    {
        get
        {
            var data = new TheoryData<string, ulong, ulong?>();
            foreach (var arch in Architecture.All)
            {
                var n = arch.Name;
                data.Add(n, 0, 0); // empty type: still the static zero (ZV-004 decision)
                data.Add(n, 1, 0);
                data.Add(n, 1024, 0); // threshold: last size served by the static zero
                data.Add(n, 1025, 4096); // threshold + 1: first buffer, 4096
                data.Add(n, 4096, 4096); // initial size exactly
                data.Add(n, 4097, 8192); // one doubling
                data.Add(n, TwoTo31, TwoTo31); // 2^31: the largest zero on 32-bit
                data.Add(n, TwoTo31 + 1, arch.WordBytes == 4 ? null : 1UL << 32); // 2^31 + 1: overflows only 32-bit
                data.Add(n, arch.WordMask, null); // word max: doubling wraps everywhere
                if (arch.WordBytes == 8)
                {
                    data.Add(n, TwoTo63, TwoTo63); // 2^63: the largest zero on 64-bit
                    data.Add(n, TwoTo63 + 1, null); // 2^63 + 1: overflows 64-bit
                }
            }

            return data;
        }
    }

    public class MakeMap
    {
        [Theory]
        [Requirement("ZV-004", "ZV-005", "ZV-006", "ZV-016")]
        [MemberData(nameof(Boundaries), MemberType = typeof(ZeroValuesTests))]
        public void BoundarySize_GetsExpectedZero(string name, ulong size, ulong? bufferSize)
        {
            var runtime = Arches.Runtime(name);
            var type = runtime.ByteArrayOf(size);
            if (bufferSize is null)
            {
                var error = Assert.Throws<MapElementTooLargeException>(() => runtime.MakeMapOf(type));
                Assert.Equal("map element too large", error.Message);
                Assert.Equal(0UL, type.ZeroPointer);
                Assert.Empty(runtime.ZeroBuffers);
                return;
            }

            runtime.MakeMapOf(type);
            if (bufferSize == 0)
            {
                Assert.Equal(runtime.StaticZero.Base, type.ZeroPointer);
                Assert.Empty(runtime.ZeroBuffers);
            }
            else
            {
                var buffer = Assert.Single(runtime.ZeroBuffers);
                Assert.Equal(bufferSize, buffer.Size);
                Assert.Equal(buffer.Base, type.ZeroPointer);
                Assert.Equal(0UL, buffer.Base % 64);
                Assert.True(runtime.Memory.IsZero(buffer.Base, buffer.Size), "a new buffer is all zero");
            }

            var region = runtime.Memory.FindRegion(type.ZeroPointer, size);
            Assert.True(region is not null && runtime.ZeroRegions.Contains(region), $"zero of {size} bytes lies in {region}");
        }

        [Theory]
        [Requirement("ZV-006")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void TooLarge_LeavesBufferSizeAndPointerUnchanged(string name)
        {
            var runtime = Arches.Runtime(name);
            var small = runtime.ByteArrayOf(1025);
            runtime.MakeMapOf(small);
            var (pointer, size, buffers, counters) = (runtime.ZeroBufferPointer, runtime.ZeroBufferSize, runtime.ZeroBuffers.Count, runtime.Memory.Counters);

            var huge = runtime.ByteArrayOf(runtime.Architecture.HalfRange + 1);
            Assert.Throws<MapElementTooLargeException>(() => runtime.MakeMapOf(huge));

            Assert.Equal(pointer, runtime.ZeroBufferPointer);
            Assert.Equal(size, runtime.ZeroBufferSize);
            Assert.Equal(buffers, runtime.ZeroBuffers.Count);
            Assert.Equal(0UL, huge.ZeroPointer);
            Assert.True((runtime.Memory.Counters - counters).IsNone, "no map header, no buffer");

            // The runtime goes on: a later type still gets an adequate zero.
            var later = runtime.ByteArrayOf(10_000);
            runtime.MakeMapOf(later);
            Assert.Equal(16384UL, runtime.ZeroBufferSize);
        }

        [Theory]
        [Requirement("ZV-005", "ZV-007", "ZV-008", "ZV-003", "ZV-014")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void GrowthSequence_DoublesAndKeepsOldBuffers(string name)
        {
            var runtime = Arches.Runtime(name);
            (ulong Size, ulong BufferAfter, int BuffersAfter)[] steps =
            [
                (1025, 4096, 1), // first large type: initial buffer
                (2000, 4096, 1), // fits: no growth
                (4097, 8192, 2), // grows by one doubling
                (5000, 8192, 2),
                (100_000, 131_072, 3), // several doublings, one new buffer
                (70_000, 131_072, 3),
            ];
            var types = new List<RType>();
            foreach (var (size, bufferAfter, buffersAfter) in steps)
            {
                var type = runtime.ByteArrayOf(size);
                runtime.MakeMapOf(type);
                types.Add(type);
                Assert.True(runtime.ZeroBufferSize == bufferAfter, $"after {size}: buffer {runtime.ZeroBufferSize}, expected {bufferAfter}");
                Assert.Equal(buffersAfter, runtime.ZeroBuffers.Count);
                Assert.Equal(runtime.ZeroBufferPointer, type.ZeroPointer);
            }

            var buffers = runtime.ZeroBuffers;
            Assert.Equal([buffers[0].Base, buffers[0].Base, buffers[1].Base, buffers[1].Base, buffers[2].Base, buffers[2].Base], types.Select(t => t.ZeroPointer));
            foreach (var buffer in buffers)
            {
                Assert.Equal(0UL, buffer.Base % 64);
                Assert.True(runtime.Memory.IsMapped(buffer.Base, buffer.Size), $"{buffer} stays allocated");
                Assert.True(runtime.Memory.IsZero(buffer.Base, buffer.Size), $"{buffer} stays zero");
            }

            var total = buffers.Aggregate(0UL, (sum, b) => sum + b.Size);
            Assert.Equal(total, runtime.Memory.Counters.ZeroBufferBytes);
            Assert.True(total <= 2 * runtime.ZeroBufferSize, $"total {total} > 2 * {runtime.ZeroBufferSize}");
        }

        [Theory]
        [Requirement("ZV-003", "ZV-002")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void SecondMap_KeepsZeroPointer(string name)
        {
            var runtime = Arches.Runtime(name);
            var type = runtime.ByteArrayOf(5000);
            runtime.MakeMapOf(type);
            var first = type.ZeroPointer;
            runtime.MakeMapOf(runtime.ByteArrayOf(1 << 20));
            runtime.MakeMap(runtime.MapOf(runtime.CompilerType("string"), type));
            Assert.Equal(first, type.ZeroPointer);
            Assert.NotEqual(first, runtime.ZeroBufferPointer);
        }

        [Theory]
        [Requirement("ZV-002")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void OnlyMapCreation_SetsZeroPointer(string name)
        {
            var runtime = Arches.Runtime(name);
            var elem = runtime.ByteArrayOf(3000);
            var small = runtime.ByteArrayOf(8);
            var mapType = runtime.MapOf(runtime.Uint64Type, elem);
            runtime.PtrTo(elem);
            runtime.SliceOf(elem);
            runtime.ConvT64(1000);
            runtime.OneByteString(1);
            Assert.Equal(0UL, elem.ZeroPointer);
            Assert.Equal(0UL, small.ZeroPointer);

            var map = runtime.MakeMap(mapType);
            Assert.NotEqual(0UL, elem.ZeroPointer);
            Assert.Equal(0UL, mapType.ZeroPointer);
            Assert.Equal(0UL, small.ZeroPointer);
            Assert.True(map.Header.Size > 0, "the map has a header object");
        }

        [Theory]
        [Requirement("ZV-002")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void MakeMap_AllocatesOneHeapObjectForItsHeader(string name)
        {
            var runtime = Arches.Runtime(name);
            var type = runtime.ByteArrayOf(8);
            var before = runtime.Memory.Counters;
            runtime.MakeMapOf(type);
            Assert.Equal(1UL, (runtime.Memory.Counters - before).HeapObjects);
        }
    }

    public class CompilerTypes
    {
        [Theory]
        [Requirement("ZV-012")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void AllShareOneZeroLargeEnoughForTheLargest(string name)
        {
            var runtime = Arches.Runtime(name);
            Assert.All(runtime.CompilerTypes, t => Assert.Equal(runtime.CompilerZero.Base, t.ZeroPointer));
            Assert.True(runtime.CompilerZero.Size >= runtime.CompilerTypes.Max(t => t.Size));
            Assert.Contains(runtime.CompilerTypes, t => t.Size > StaticZeroSize);
            Assert.Equal(Segment.Bss, runtime.CompilerZero.Segment);
            Assert.True(runtime.Memory.IsZero(runtime.CompilerZero.Base, runtime.CompilerZero.Size));
        }

        [Theory]
        [Requirement("ZV-012", "ZV-003")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void MapOfCompilerType_KeepsCompilerZeroAndAllocatesNoBuffer(string name)
        {
            var runtime = Arches.Runtime(name);
            var big = runtime.CompilerType("struct { big [1048576]uint8 }");
            runtime.MakeMapOf(big);
            runtime.MakeMapOf(runtime.CompilerType("int"));
            Assert.Equal(runtime.CompilerZero.Base, big.ZeroPointer);
            Assert.Empty(runtime.ZeroBuffers);
        }

        private const ulong StaticZeroSize = ReferenceRuntime.StaticZeroSize;
    }

    public class Lookup
    {
        [Theory]
        [Requirement("ZV-016")]
        [InlineData("32le", 8UL)]
        [InlineData("32be", 1024UL)]
        [InlineData("64le", 1025UL)]
        [InlineData("64be", 1UL << 20)]
        [InlineData("32le", 1UL << 20)]
        [InlineData("64be", 8UL)]
        public void MissingKey_ReturnsElementZeroAndAllocatesNothing(string name, ulong size)
        {
            var runtime = Arches.Runtime(name);
            var type = runtime.ByteArrayOf(size);
            var map = runtime.MakeMapOf(type);
            var before = runtime.Memory.Counters;
            var pointer = runtime.LookupMissing(map, 42) ?? throw new InvalidOperationException("absent in the seed's design");
            Assert.True((runtime.Memory.Counters - before).IsNone);
            Assert.Equal(type.ZeroPointer, pointer);
            Assert.True(runtime.Memory.IsZero(pointer, size));
            Assert.True(runtime.Memory.FindRegion(pointer, size) is { } r && runtime.ZeroRegions.Contains(r));
        }

        [Theory]
        [Requirement("ZV-009", "ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void AssignThenLookup_UsesHeapSlotAndLeavesZeroUntouched(string name)
        {
            var runtime = Arches.Runtime(name);
            var type = runtime.ByteArrayOf(2000);
            var map = runtime.MakeMapOf(type);
            var before = runtime.Memory.Counters;
            var slot = runtime.Assign(map, 7, 0xAB);
            Assert.Equal(new AllocationCounters(1, 2000, 0, 0), runtime.Memory.Counters - before);
            Assert.Equal(slot, runtime.Lookup(map, 7));
            Assert.Equal(slot, runtime.Assign(map, 7, 0xCD));
            Assert.All(runtime.Memory.Read(slot, 2000), b => Assert.Equal(0xCD, b));
            Assert.Equal(type.ZeroPointer, runtime.Lookup(map, 8));
            Assert.All(runtime.ZeroRegions, z => Assert.False(z.Overlaps(slot, 2000), $"slot overlaps {z}"));
            Assert.All(runtime.ZeroRegions, z => Assert.True(runtime.Memory.IsZero(z.Base, z.Size), $"{z} was written"));
            Assert.Throws<ArgumentException>(() => runtime.LookupMissing(map, 7));
        }
    }

    public class Guards
    {
        [Theory]
        [Requirement("ZV-009")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void DirectWriteIntoEachZeroRegion_ThrowsNamingZV009(string name)
        {
            var runtime = Arches.Runtime(name);
            runtime.MakeMapOf(runtime.ByteArrayOf(5000));
            Assert.Equal(3, runtime.ZeroRegions.Count);
            foreach (var zero in runtime.ZeroRegions)
            {
                var error = Assert.Throws<WriteGuardViolationException>(() => runtime.Memory.Write(zero.Base + 5, [1]));
                Assert.Equal("ZV-009", error.Requirement);
                Assert.Equal(name, error.Architecture);
                Assert.Same(zero, error.Region);
            }
        }
    }

    public class Contracts
    {
        [Theory]
        [Requirement("ZV-002")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void MakeMapOfNonMapType_ThrowsAndSetsNoZero(string name)
        {
            var runtime = Arches.Runtime(name);
            var elem = runtime.ByteArrayOf(5000);
            var pointer = runtime.PtrTo(elem);
            var before = runtime.Memory.Counters;
            var error = Assert.Throws<ArgumentException>(() => runtime.MakeMap(pointer));
            Assert.Contains("not a map type: *[5000]uint8", error.Message, StringComparison.Ordinal);
            Assert.Equal(0UL, elem.ZeroPointer);
            Assert.True((runtime.Memory.Counters - before).IsNone);
            Assert.Throws<ArgumentNullException>(() => runtime.MakeMap(null!));
        }

        [Theory]
        [Requirement("ZV-005")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void TypeOfExactlyTheBufferSize_SharesItWithoutGrowth(string name)
        {
            var runtime = Arches.Runtime(name);
            runtime.MakeMapOf(runtime.ByteArrayOf(2000));
            var before = runtime.Memory.Counters;
            var exact = runtime.ByteArrayOf(ReferenceRuntime.InitialZeroBufferSize);
            runtime.MakeMapOf(exact);
            Assert.Single(runtime.ZeroBuffers);
            Assert.Equal(runtime.ZeroBufferPointer, exact.ZeroPointer);
            Assert.Equal(0UL, (runtime.Memory.Counters - before).ZeroBuffers);
        }

        [Theory]
        [Requirement("ZV-009", "ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void AssignBytes_StoresExactElementInOwnSlot(string name)
        {
            var runtime = Arches.Runtime(name);
            var type = runtime.ByteArrayOf(3);
            var map = runtime.MakeMapOf(type);
            var before = runtime.Memory.Counters;
            var slot = runtime.Assign(map, 1, [1, 2, 3]);
            Assert.Equal(new AllocationCounters(1, 3, 0, 0), runtime.Memory.Counters - before);
            Assert.Equal(new byte[] { 1, 2, 3 }, runtime.Memory.Read(runtime.Lookup(map, 1)!.Value, 3));
            Assert.Equal(slot, runtime.Assign(map, 1, [4, 5, 6]));
            Assert.Equal(new byte[] { 4, 5, 6 }, runtime.Memory.Read(slot, 3));
            Assert.Equal(1, map.Count);
            runtime.Assign(map, 2, 0);
            Assert.Equal(2, map.Count);
            var error = Assert.Throws<ArgumentException>(() => runtime.Assign(map, 3, [1, 2]));
            Assert.Contains("element of [3]uint8 has 3 bytes, got 2", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, map.Count);
            Assert.Contains("key 1 is in the map", Assert.Throws<ArgumentException>(() => runtime.LookupMissing(map, 1)).Message, StringComparison.Ordinal);
            Assert.All(runtime.ZeroRegions, z => Assert.True(runtime.Memory.IsZero(z.Base, z.Size), $"{z} was written"));
        }

        [Theory]
        [Requirement("ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ZeroSizedElement_AssignAllocatesOneDistinctObject(string name)
        {
            // An allocation is an object, not bytes (SV-003 decision): a 0-byte slot is still one allocation.
            var runtime = Arches.Runtime(name);
            var map = runtime.MakeMapOf(runtime.ByteArrayOf(0));
            var before = runtime.Memory.Counters;
            var a = runtime.Assign(map, 1, []);
            var b = runtime.Assign(map, 2, []);
            var allocated = runtime.Memory.Counters - before;
            Assert.Equal(new AllocationCounters(2, 0, 0, 0), allocated);
            Assert.False(allocated.IsNone, "two objects were allocated");
            Assert.NotEqual(a, b);
            Assert.False(new AllocationCounters(1, 8, 0, 0).IsNone, "one heap object");
        }

        [Theory]
        [Requirement("ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void AssignedSlot_IsAlignedForItsElementType(string name)
        {
            var runtime = Arches.Runtime(name);
            var word = runtime.CompilerType("uintptr");
            var map = runtime.MakeMapOf(word);
            runtime.MakeString("abc"u8); // leaves the heap at an odd address
            var slot = runtime.Assign(map, 1, 0x11);
            Assert.Equal(0UL, slot % word.Align);
            Assert.Null(runtime.Memory.Guards.FirstOrDefault(g => g.Region.Overlaps(slot, word.Size)));
        }

        [Theory]
        [Requirement("ZV-016")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void NullMap_IsRejected(string name)
        {
            var runtime = Arches.Runtime(name);
            Assert.Throws<ArgumentNullException>(() => runtime.Lookup(null!, 1));
            Assert.Throws<ArgumentNullException>(() => runtime.LookupMissing(null!, 1));
            Assert.Throws<ArgumentNullException>(() => runtime.Assign(null!, 1, [1]));
            Assert.Throws<ArgumentNullException>(() => runtime.Assign(null!, 1, 0));
        }
    }

    public class Diagnostics
    {
        [Theory]
        [Requirement("ZV-015")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Regions_AreNamedAfterWhatTheyHold(string name)
        {
            // Checkers and guard violations name the region an address lies in; the names say what it is.
            var runtime = Arches.Runtime(name);
            var map = runtime.MakeMapOf(runtime.ByteArrayOf(5000));
            var slot = runtime.Assign(map, 7, 1);
            var text = runtime.MakeString("hi"u8);
            var box = runtime.ConvT32(0x1234);
            string NameAt(ulong address) => runtime.Memory.FindRegion(address, 1)?.Name ?? "(none)";
            Assert.Equal("table", runtime.Table.Name);
            Assert.Equal("static zero", runtime.StaticZero.Name);
            Assert.Equal("compiler zero", runtime.CompilerZero.Name);
            Assert.Equal("zero buffer 1", runtime.ZeroBuffers[0].Name);
            Assert.Equal($"map header {map.Id}", map.Header.Name);
            Assert.Equal($"map {map.Id} slot 7", NameAt(slot));
            Assert.Equal("string bytes", NameAt(text.Data));
            Assert.Equal("value 1234 (4 bytes)", NameAt(box));
            runtime.MakeMapOf(runtime.ByteArrayOf(5000 * 2));
            Assert.Equal("zero buffer 2", runtime.ZeroBuffers[1].Name);
        }
    }
}
