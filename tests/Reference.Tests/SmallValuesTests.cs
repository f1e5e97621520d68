namespace Reference.Tests;

public class SmallValuesTests
{
    public class Table
    {
        [Theory]
        [Requirement("SV-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EverySlot_HoldsItsValueAsUint64InByteOrder(string name)
        {
            var runtime = Arches.Runtime(name);
            Assert.Equal(256UL * 8, runtime.Table.Size);
            Assert.Equal(Segment.ReadOnlyData, runtime.Table.Segment);
            for (var v = 0UL; v < 256; v++)
            {
                var slot = runtime.Memory.Read(runtime.Table.Base + (8 * v), 8);
                Assert.True(runtime.Architecture.ReadUnsigned(slot) == v, $"{name}: slot {v} holds {Convert.ToHexString(slot)}");
            }
        }

        [Theory]
        [Requirement("SV-007")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void DirectWriteIntoTable_ThrowsNamingSV007(string name)
        {
            var runtime = Arches.Runtime(name);
            var error = Assert.Throws<WriteGuardViolationException>(() => runtime.Memory.Write(runtime.Table.Base + 8, [9]));
            Assert.Equal("SV-007", error.Requirement);
            Assert.Contains("'table'", error.Message, StringComparison.Ordinal);
            Assert.Equal(1UL, runtime.Memory.ReadUnsigned(runtime.Table.Base + 8, 8));
        }
    }

    public class ConvertToInterface
    {
        [Theory]
        [Requirement("SV-002", "SV-004", "AR-002", "AR-003")]
        [MemberData(nameof(Arches.NamesAndKinds), MemberType = typeof(Arches))]
        public void All256SmallValues_PointIntoTableAndAllocateNothing(string name, ValueKind kind)
        {
            var runtime = Arches.Runtime(name);
            var width = runtime.Architecture.StorageWidth(kind);
            var values = kind == ValueKind.Bool ? 2UL : 256UL;
            for (var v = 0UL; v < values; v++)
            {
                var before = runtime.Memory.Counters;
                var pointer = runtime.ConvertToInterface(kind, v);
                var allocated = runtime.Memory.Counters - before;

                var expected = runtime.Table.Base + (8 * v) + (ulong)runtime.Architecture.TableOffset(width);
                Assert.True(pointer == expected, $"{name} {kind} {v}: pointer 0x{pointer:x}, expected 0x{expected:x}");
                Assert.True(allocated.IsNone, $"{name} {kind} {v}: allocated {allocated}");
                Assert.True(runtime.Memory.ReadUnsigned(pointer, width) == v, $"{name} {kind} {v}: reads back wrong value");
            }
        }

        [Theory]
        [Requirement("SV-004")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Int8Minus1To128_UseSlots255To128(string name)
        {
            var runtime = Arches.Runtime(name);
            for (var v = -128; v < 0; v++)
            {
                var before = runtime.Memory.Counters;
                var pointer = runtime.ConvertToInterface(ValueKind.Int8, unchecked((ulong)v));
                var slot = (ulong)unchecked((byte)v); // two's complement: -1 is 0xFF
                Assert.Equal(runtime.Table.Base + (8 * slot) + (ulong)runtime.Architecture.TableOffset(1), pointer);
                Assert.True((runtime.Memory.Counters - before).IsNone, $"int8({v}) allocated");
            }
        }

        [Theory]
        [Requirement("SV-004")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Bool_FalseIsSlot0TrueIsSlot1(string name)
        {
            var runtime = Arches.Runtime(name);
            var offset = (ulong)runtime.Architecture.TableOffset(1);
            Assert.Equal(runtime.Table.Base + offset, runtime.ConvertBool(false));
            Assert.Equal(runtime.Table.Base + 8 + offset, runtime.ConvertBool(true));
            Assert.Throws<ArgumentOutOfRangeException>(() => runtime.ConvertToInterface(ValueKind.Bool, 2));
        }

        [Fact]
        [Requirement("AR-003", "SV-002")]
        public void Value255_BigEndian64_Uint64AddressesByte0AndUint16Byte6()
        {
            var runtime = Arches.Runtime("64be");
            Assert.Equal(runtime.Table.Base + (255 * 8), runtime.ConvT64(255));
            Assert.Equal(runtime.Table.Base + (255 * 8) + 6, runtime.ConvT16(255));
            Assert.Equal(runtime.Table.Base + (255 * 8) + 7, runtime.ConvertByte(255));
        }

        public static TheoryData<string, ValueKind, ulong> LargeValues
        {
            get
            {
                var data = new TheoryData<string, ValueKind, ulong>();
                foreach (var arch in Architecture.All)
                {
                    foreach (var kind in Arches.IntegerKinds.Where(k => arch.StorageWidth(k) > 1))
                    {
                        data.Add(arch.Name, kind, 256); // 2^8: the first value past the table
                        data.Add(arch.Name, kind, ulong.MaxValue); // -1 in every signed kind: all bits set
                        data.Add(arch.Name, kind, 0x1234);
                        data.Add(arch.Name, kind, unchecked((ulong)-256));
                    }
                }

                return data;
            }
        }

        [Theory]
        [Requirement("SV-003")]
        [MemberData(nameof(LargeValues))]
        public void ValueOf256OrMoreOrNegative_AllocatesExactlyOneObjectOfItsWidth(string name, ValueKind kind, ulong bits)
        {
            var runtime = Arches.Runtime(name);
            var width = runtime.Architecture.StorageWidth(kind);
            var value = Architecture.Truncate(bits, width);
            var before = runtime.Memory.Counters;
            var pointer = runtime.ConvertToInterface(kind, bits);
            var allocated = runtime.Memory.Counters - before;

            Assert.True(allocated == new AllocationCounters(1, (ulong)width, 0, 0), $"{name} {kind} 0x{value:x}: allocated {allocated}");
            var region = runtime.Memory.FindRegion(pointer, (ulong)width);
            Assert.True(region is { Kind: RegionKind.HeapObject }, $"{name} {kind} 0x{value:x}: pointer 0x{pointer:x} is in {region}");
            Assert.Equal(value, runtime.Memory.ReadUnsigned(pointer, width));
            Assert.False(runtime.Table.Overlaps(pointer, (ulong)width), "outside the table");
        }

        [Theory]
        [Requirement("SV-003")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Int16Minus1_Is0xFFFFAndAllocates(string name)
        {
            var runtime = Arches.Runtime(name);
            var before = runtime.Memory.Counters;
            var pointer = runtime.ConvertToInterface(ValueKind.Int16, unchecked((ulong)(long)(short)-1));
            Assert.Equal(1UL, (runtime.Memory.Counters - before).HeapObjects);
            Assert.Equal(new byte[] { 0xFF, 0xFF }, runtime.Memory.Read(pointer, 2));
        }

        [Theory]
        [Requirement("SV-003")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void TwoLargeConversions_GetDistinctObjects(string name)
        {
            var runtime = Arches.Runtime(name);
            Assert.NotEqual(runtime.ConvT32(1000), runtime.ConvT32(1000));
        }
    }

    public class Strings
    {
        [Theory]
        [Requirement("SV-005")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void All256OneByteStrings_PointIntoTableAndAllocateNothing(string name)
        {
            var runtime = Arches.Runtime(name);
            var offset = (ulong)runtime.Architecture.TableOffset(1);
            for (var b = 0; b < 256; b++)
            {
                var before = runtime.Memory.Counters;
                var data = runtime.OneByteString((byte)b);
                Assert.True((runtime.Memory.Counters - before).IsNone, $"{name}: string {b} allocated");
                Assert.True(data == runtime.Table.Base + (8 * (ulong)b) + offset, $"{name}: string {b} at 0x{data:x}");
                Assert.Equal((byte)b, runtime.Memory.Read(data, 1)[0]);
            }
        }

        [Theory]
        [Requirement("SV-005")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void TwoByteString_AllocatesOneObjectOutsideTable(string name)
        {
            var runtime = Arches.Runtime(name);
            var before = runtime.Memory.Counters;
            var s = runtime.MakeString("hi"u8);
            Assert.Equal(new AllocationCounters(1, 2, 0, 0), runtime.Memory.Counters - before);
            Assert.False(runtime.Table.Overlaps(s.Data, 2));
            Assert.Equal("hi"u8.ToArray(), runtime.Memory.Read(s.Data, 2));
        }

        [Theory]
        [Requirement("SV-006")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EmptyStringAndNilSlice_PointAtStaticZeroAndAllocateNothing(string name)
        {
            var runtime = Arches.Runtime(name);
            var before = runtime.Memory.Counters;
            Assert.Equal(runtime.StaticZero.Base, runtime.EmptyStringToInterface());
            Assert.Equal(runtime.StaticZero.Base, runtime.NilSliceToInterface());
            Assert.True((runtime.Memory.Counters - before).IsNone);
            Assert.Equal(RegionKind.StaticZero, runtime.Memory.FindRegion(runtime.EmptyStringToInterface(), 1)?.Kind);
        }
    }

    public class Contracts
    {
        [Theory]
        [Requirement("SV-004")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void BoolOtherThanZeroOrOne_IsRejected(string name)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Arches.Runtime(name).ConvertToInterface(ValueKind.Bool, 2));
            Assert.Contains("a bool is 0 or 1", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [Requirement("SV-006")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EmptyStringMadeAtRunTime_HasNilDataAndAllocatesNothing(string name)
        {
            // Nothing to point at: nil data; converted to an interface it points at the static zero (SV-006).
            var runtime = Arches.Runtime(name);
            var before = runtime.Memory.Counters;
            Assert.Equal(new GoString(0, 0), runtime.MakeString([]));
            Assert.True((runtime.Memory.Counters - before).IsNone);
        }
    }
}
