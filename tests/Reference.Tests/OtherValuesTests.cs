namespace Reference.Tests;

/// <summary>
/// Values other than bools and integers (spec SV-008..SV-011): the conversion path is chosen by size and
/// alignment as gc's compiler does, never by the kind's name.
/// </summary>
public class OtherValuesTests
{
    public static TheoryData<string, ValueKind, bool> Paths => new()
    {
        // float32 and float64 take convT32/convT64 everywhere (float64 is 4-aligned on 32-bit, like uint64).
        { "32le", ValueKind.Float32, true }, { "64be", ValueKind.Float32, true },
        { "32be", ValueKind.Float64, true }, { "64le", ValueKind.Float64, true },
        // complex64 and struct { a, b uint32 } are 4-aligned: convT64 only where uint64 is 4-aligned (32-bit).
        { "32le", ValueKind.Complex64, true }, { "32be", ValueKind.Pair32, true },
        { "64le", ValueKind.Complex64, false }, { "64be", ValueKind.Pair32, false },
        // [8]byte is 1-aligned: always copied.
        { "32le", ValueKind.Array8, false }, { "64be", ValueKind.Array8, false },
    };

    [Theory]
    [Requirement("SV-008", "SV-009")]
    [MemberData(nameof(Paths))]
    public void SmallBits_TakeTheTableExactlyWhereGcDoes(string name, ValueKind kind, bool table)
    {
        var runtime = Arches.Runtime(name);
        var before = runtime.Memory.Counters;
        var pointer = runtime.ConvertToInterface(kind, 5);
        var allocated = runtime.Memory.Counters - before;
        int width = runtime.Architecture.StorageWidth(kind);
        Assert.Equal(table, runtime.Memory.FindRegion(pointer, 1) == runtime.Table);
        Assert.Equal(table ? 0UL : 1UL, allocated.HeapObjects);
        Assert.Equal(5UL, runtime.Memory.ReadUnsigned(pointer, width));
        if (table)
        {
            Assert.Equal(runtime.Table.Base + (5 * 8) + (ulong)runtime.Architecture.TableOffset(width), pointer);
        }
    }

    [Theory]
    [Requirement("SV-008", "SV-009")]
    [InlineData("32le", ValueKind.Float32, 0x3f800000UL)]
    [InlineData("32be", ValueKind.Float64, 0x8000000000000000UL)]
    [InlineData("64be", ValueKind.Pair32, 0x0000000500000000UL)]
    [InlineData("32be", ValueKind.Complex64, 256UL)]
    [InlineData("64le", ValueKind.Array8, ulong.MaxValue)]
    public void LargeBits_AllocateOneObjectHoldingTheBytes(string name, ValueKind kind, ulong bits)
    {
        var runtime = Arches.Runtime(name);
        var before = runtime.Memory.Counters;
        var pointer = runtime.ConvertToInterface(kind, bits);
        var allocated = runtime.Memory.Counters - before;
        int width = runtime.Architecture.StorageWidth(kind);
        Assert.Equal(1UL, allocated.HeapObjects);
        Assert.Equal(RegionKind.HeapObject, runtime.Memory.FindRegion(pointer, (ulong)width)!.Kind);
        Assert.Equal(bits, runtime.Memory.ReadUnsigned(pointer, width));
    }

    [Theory]
    [Requirement("SV-010")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void ZeroSized_PointsAtZeroBaseAndAllocatesNothing(string name)
    {
        var runtime = Arches.Runtime(name);
        var before = runtime.Memory.Counters;
        Assert.Equal(runtime.ZeroBase.Base, runtime.ConvertToInterface(ValueKind.ZeroSized, 0));
        Assert.True((runtime.Memory.Counters - before).IsNone);
        Assert.Equal(0, runtime.Architecture.StorageWidth(ValueKind.ZeroSized));
        Assert.Throws<ArgumentOutOfRangeException>(() => runtime.ConvertToInterface(ValueKind.ZeroSized, 1));
    }

    [Theory]
    [Requirement("SV-011")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void EmptySlice_IsANewHeaderWithANonNilArray(string name)
    {
        var runtime = Arches.Runtime(name);
        var before = runtime.Memory.Counters;
        var header = runtime.EmptySliceToInterface();
        var allocated = runtime.Memory.Counters - before;
        ulong word = (ulong)runtime.Architecture.WordBytes;
        Assert.Equal(1UL, allocated.HeapObjects);
        Assert.NotEqual(runtime.StaticZero.Base, header);
        Assert.Equal(runtime.ZeroBase.Base, runtime.Memory.ReadUnsigned(header, (int)word));
        Assert.Equal(0UL, runtime.Memory.ReadUnsigned(header + word, (int)word));
        Assert.Equal(0UL, runtime.Memory.ReadUnsigned(header + (2 * word), (int)word));
        Assert.NotEqual(runtime.EmptySliceToInterface(), header);
    }

    [Theory]
    [Requirement("AR-002")]
    [InlineData("32le", ValueKind.Float64, 4)]
    [InlineData("64le", ValueKind.Float64, 8)]
    [InlineData("64be", ValueKind.Complex64, 4)]
    [InlineData("32be", ValueKind.Pair32, 4)]
    [InlineData("64le", ValueKind.Array8, 1)]
    [InlineData("32le", ValueKind.ZeroSized, 1)]
    [InlineData("64be", ValueKind.Uint16, 2)]
    public void Alignment_IsGoLayout(string name, ValueKind kind, int alignment) =>
        Assert.Equal(alignment, Architecture.Parse(name).Alignment(kind));

    [Theory]
    [Requirement("SV-009")]
    [InlineData(2, 1, false)]
    [InlineData(4, 2, false)]
    [InlineData(1, 1, false)]
    [InlineData(16, 8, false)]
    public void TakesTablePath_OnlyForUintShapes(int width, int alignment, bool expected)
    {
        foreach (var arch in Architecture.All)
        {
            Assert.Equal(expected, arch.TakesTablePath(width, alignment));
        }
    }
}
