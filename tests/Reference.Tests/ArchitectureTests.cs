namespace Reference.Tests;

public class ArchitectureTests
{
    public class Constructor
    {
        [Theory]
        [Requirement("AR-001")]
        [InlineData(0)]
        [InlineData(2)]
        [InlineData(16)]
        public void WordSizeNotFourOrEight_Throws(int wordBytes)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Architecture(wordBytes, ByteOrder.Little));
            Assert.Contains("AR-001", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [Requirement("AR-001")]
        [InlineData(-1)]
        [InlineData(2)]
        public void UnknownByteOrder_Throws(int byteOrder)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Architecture(8, (ByteOrder)byteOrder));
            Assert.Contains("AR-001: unknown byte order", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        [Requirement("AR-001")]
        public void DefaultArchitecture_IsNotAnArchitectureAndNoRuntimeRunsOnIt()
        {
            Assert.Equal("(invalid architecture)", default(Architecture).ToString());
            var error = Assert.Throws<ArgumentException>(() => new ReferenceRuntime(default));
            Assert.Contains("AR-001", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [Requirement("AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ToString_IsDeclaredName(string name)
        {
            Assert.Equal(name, Architecture.Parse(name).ToString());
            Assert.Equal(name, Arches.Runtime(name).Architecture.ToString());
        }

        [Fact]
        [Requirement("AR-001")]
        public void All_ListsFourArchitecturesInReportOrder()
        {
            Assert.Equal(["32le", "32be", "64le", "64be"], Architecture.All.Select(a => a.Name));
        }

        [Theory]
        [Requirement("AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Parse_RoundTripsName(string name)
        {
            Assert.Equal(name, Architecture.Parse(name).Name);
        }

        [Fact]
        [Requirement("AR-001")]
        public void Parse_UnknownName_Throws()
        {
            var error = Assert.Throws<FormatException>(() => Architecture.Parse("16le"));
            Assert.Equal("AR-001: unknown architecture '16le' (expected 32le, 32be, 64le or 64be)", error.Message);
        }
    }

    public class WordArithmetic
    {
        [Theory]
        [Requirement("AR-001")]
        [InlineData("32le", 0xFFFF_FFFFUL, 0x8000_0000UL)]
        [InlineData("32be", 0xFFFF_FFFFUL, 0x8000_0000UL)]
        [InlineData("64le", ulong.MaxValue, 0x8000_0000_0000_0000UL)]
        [InlineData("64be", ulong.MaxValue, 0x8000_0000_0000_0000UL)]
        public void MaskAndHalfRange_MatchWordSize(string name, ulong mask, ulong half)
        {
            var arch = Architecture.Parse(name);
            Assert.Equal(mask, arch.WordMask);
            Assert.Equal(half, arch.HalfRange);
            Assert.True(arch.FitsWord(mask), "the word mask fits the word");
            if (arch.WordBytes == 4)
            {
                Assert.False(arch.FitsWord(1UL << 32), "2^32 does not fit a 32-bit word");
            }
        }
    }

    public class TableOffset
    {
        [Theory]
        [Requirement("AR-003")]
        [InlineData("32le", 1, 0)]
        [InlineData("32le", 2, 0)]
        [InlineData("32le", 4, 0)]
        [InlineData("32le", 8, 0)]
        [InlineData("64le", 1, 0)]
        [InlineData("64le", 2, 0)]
        [InlineData("64le", 4, 0)]
        [InlineData("64le", 8, 0)]
        [InlineData("32be", 1, 7)]
        [InlineData("32be", 2, 6)]
        [InlineData("32be", 4, 4)]
        [InlineData("32be", 8, 0)]
        [InlineData("64be", 1, 7)]
        [InlineData("64be", 2, 6)]
        [InlineData("64be", 4, 4)]
        [InlineData("64be", 8, 0)]
        public void Width_GivesGoCompilerOffset(string name, int width, int expected)
        {
            // Go's compiler: staticuint64s[n*8] on little-endian, +7 / +6 / +4 for 1 / 2 / 4 bytes on big-endian.
            Assert.Equal(expected, Architecture.Parse(name).TableOffset(width));
        }

        [Theory]
        [Requirement("AR-003")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Offset_IsUniqueOffsetThatReadsBackEveryValue(string name)
        {
            var arch = Architecture.Parse(name);
            foreach (var width in new[] { 1, 2, 4, 8 })
            {
                var good = Enumerable.Range(0, 8 - width + 1).Where(offset => Enumerable.Range(0, 256).All(v =>
                    arch.ReadUnsigned(arch.Encode((ulong)v, 8).AsSpan(offset, width)) == (ulong)v)).ToList();
                Assert.True(good.Count == 1, $"{name} width {width}: offsets that read back every v < 256: [{string.Join(", ", good)}]");
                Assert.Equal(good[0], arch.TableOffset(width));
            }
        }

        [Theory]
        [Requirement("AR-003")]
        [InlineData(0)]
        [InlineData(3)]
        [InlineData(16)]
        public void WidthNotPowerOfTwoUpToEight_Throws(int width)
        {
            // Without the check, big-endian would compute 8 - width for any width (3 gives 5).
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Architecture.Be64.TableOffset(width));
            Assert.Contains("AR-003: a width is 1, 2, 4 or 8 bytes", error.Message, StringComparison.Ordinal);
        }
    }

    public class StorageWidth
    {
        [Theory]
        [Requirement("AR-002")]
        [MemberData(nameof(Arches.NamesAndKinds), MemberType = typeof(Arches))]
        public void Kind_HasGoStorageSize(string name, ValueKind kind)
        {
            var arch = Architecture.Parse(name);
            var expected = kind switch
            {
                ValueKind.Bool or ValueKind.Int8 or ValueKind.Uint8 => 1,
                ValueKind.Int16 or ValueKind.Uint16 => 2,
                ValueKind.Int32 or ValueKind.Uint32 => 4,
                ValueKind.Int64 or ValueKind.Uint64 => 8,
                _ => name.StartsWith("32", StringComparison.Ordinal) ? 4 : 8,
            };
            Assert.Equal(expected, arch.StorageWidth(kind));
        }

        [Theory]
        [Requirement("AR-002")]
        [InlineData(-1)]
        [InlineData(18)]
        public void UnknownKind_Throws(int kind)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Architecture.Le64.StorageWidth((ValueKind)kind));
            Assert.Contains("unknown value kind", error.Message, StringComparison.Ordinal);
        }
    }

    public class ByteOrderHelpers
    {
        [Theory]
        [Requirement("AR-001")]
        [InlineData(0)]
        [InlineData(9)]
        public void WidthOutsideOneToEight_Throws(int width)
        {
            var arch = Architecture.Be32;
            Assert.Contains("between 1 and 8 bytes", Assert.Throws<ArgumentOutOfRangeException>(() => arch.Encode(1, width)).Message, StringComparison.Ordinal);
            Assert.Contains("between 1 and 8 bytes", Assert.Throws<ArgumentException>(() => arch.WriteUnsigned(new byte[width], 1)).Message, StringComparison.Ordinal);
            Assert.Contains("between 1 and 8 bytes", Assert.Throws<ArgumentException>(() => arch.ReadUnsigned(new byte[width])).Message, StringComparison.Ordinal);
        }

        [Theory]
        [Requirement("AR-002")]
        [InlineData(0)]
        [InlineData(3)]
        [InlineData(16)]
        public void TruncateToWidthNotPowerOfTwoUpToEight_Throws(int width)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Architecture.Truncate(0x1234, width));
        }

        [Theory]
        [Requirement("AR-002")]
        [InlineData(1, 0xFFUL)]
        [InlineData(2, 0xFFFFUL)]
        [InlineData(4, 0xFFFF_FFFFUL)]
        [InlineData(8, ulong.MaxValue)]
        public void TruncateMinusOne_KeepsExactlyWidthBytes(int width, ulong expected)
        {
            // -1 in every width is all ones: 0xFF, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF.
            Assert.Equal(expected, Architecture.Truncate(ulong.MaxValue, width));
        }

        [Theory]
        [Requirement("AR-001")]
        [InlineData("32le", new byte[] { 0x04, 0x03, 0x02, 0x01 })]
        [InlineData("64le", new byte[] { 0x04, 0x03, 0x02, 0x01 })]
        [InlineData("32be", new byte[] { 0x01, 0x02, 0x03, 0x04 })]
        [InlineData("64be", new byte[] { 0x01, 0x02, 0x03, 0x04 })]
        public void Encode_0x01020304_UsesByteOrder(string name, byte[] expected)
        {
            Assert.Equal(expected, Architecture.Parse(name).Encode(0x0102_0304, 4));
        }

        [Theory]
        [Requirement("AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EncodeThenRead_RoundTripsEveryWidth(string name)
        {
            var arch = Architecture.Parse(name);
            var values = new ulong[] { 0, 1, 255, 256, 0xFFFF, 0x1_0000, 0xFFFF_FFFF, 0x0123_4567_89AB_CDEF, ulong.MaxValue };
            foreach (var width in Enumerable.Range(1, 8))
            {
                foreach (var value in values)
                {
                    var truncated = width == 8 ? value : value & ((1UL << (8 * width)) - 1);
                    Assert.True(arch.ReadUnsigned(arch.Encode(value, width)) == truncated, $"{name} width {width} value 0x{value:x}");
                }
            }
        }
    }
}
