using Conformance.Smt;

namespace Conformance.Tests.Smt;

/// <summary>The sorts of the subset: Bool and (_ BitVec n) for 1 &lt;= n &lt;= 64, and their literals.</summary>
public sealed class SmtSortTests
{
    [Theory]
    [InlineData(1, 1UL)]
    [InlineData(8, 0xFFUL)]
    [InlineData(63, 0x7FFFFFFFFFFFFFFFUL)]
    [InlineData(64, ulong.MaxValue)]
    public void BitVec_Width1To64_HasThatWidthAndMask(int width, ulong mask)
    {
        var sort = SmtSort.BitVec(width);
        Assert.Equal(width, sort.Width);
        Assert.Equal(mask, sort.Mask);
        Assert.False(sort.IsBool);
        Assert.Equal($"(_ BitVec {width})", sort.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65)]
    public void BitVec_WidthOutside1To64_Throws(int bits)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("width", () => SmtSort.BitVec(bits));
        Assert.Equal(bits, e.ActualValue);
    }

    [Theory]
    [InlineData(8, 0x100UL)]
    [InlineData(1, 2UL)]
    [InlineData(63, 0x8000000000000000UL)]
    public void Literal_ValueTooWideForTheSort_Throws(int width, ulong tooWide)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("value", () => SmtSort.BitVec(width).Literal(tooWide));
        Assert.Equal(tooWide, e.ActualValue);
    }

    [Fact]
    public void Literal_BoolAboveOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("value", () => SmtSort.Bool.Literal(2));
        Assert.Equal("true", SmtSort.Bool.Literal(1));
    }

    [Theory]
    [InlineData(8, 0xFFUL, "#xff")]
    [InlineData(63, 0x7FFFFFFFFFFFFFFFUL, "#b111111111111111111111111111111111111111111111111111111111111111")]
    public void Literal_LargestValueOfTheSort_IsPrinted(int width, ulong value, string expected)
    {
        Assert.Equal(expected, SmtSort.BitVec(width).Literal(value));
    }
}
