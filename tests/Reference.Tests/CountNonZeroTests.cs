namespace Reference.Tests;

/// <summary>
/// Memory.CountNonZero (the in-place scan behind ZV-009's "never written" judgement of whole zero regions): the
/// count and the first non-zero offset agree with reading every byte, for ranges that start and end inside pages,
/// span untouched pages, or are empty, on all four architectures.
/// </summary>
public class CountNonZeroTests
{
    [Theory]
    [Requirement("ZV-009")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void CountAndFirst_AgreeWithReadingEveryByte(string name)
    {
        var memory = new Memory(Architecture.Parse(name));
        const int Size = (5 * Memory.PageSize) + 123;
        var region = memory.Allocate(Segment.Heap, Size, Memory.PageSize, "scanned", RegionKind.HeapObject);
        var rng = new Random(20261205);
        // Non-zero bytes at a page's first and last byte, the region's ends, and random places; page 3 untouched.
        var spots = new List<int> { 0, Memory.PageSize - 1, Memory.PageSize, (2 * Memory.PageSize) + 7, Size - 1 };
        spots.AddRange(Enumerable.Range(0, 40).Select(_ => rng.Next(Size)).Where(o => o / Memory.PageSize != 3));
        foreach (var o in spots)
        {
            memory.Write(region.Base + (ulong)o, [(byte)(1 + rng.Next(255))]);
        }
        var bytes = memory.Read(region.Base, Size);
        for (int trial = 0; trial < 300; trial++)
        {
            int from = trial switch { 0 => 0, 1 => 1, 2 => 3 * Memory.PageSize, _ => rng.Next(Size) };
            int length = trial switch { 0 => Size, 1 => Size - 2, 2 => Memory.PageSize, 3 => 0, _ => rng.Next(Size - from + 1) };
            var span = bytes.AsSpan(from, length);
            ulong expected = (ulong)(span.Length - span.Count((byte)0));
            int at = span.IndexOfAnyExcept((byte)0);
            var (count, first) = memory.CountNonZero(region.Base + (ulong)from, (ulong)length);
            Assert.True(expected == count && (at < 0 ? null : (ulong?)at) == first,
                $"{name}: CountNonZero(base+{from}, {length}) = ({count}, {first?.ToString() ?? "none"}); reading every byte gives ({expected}, {(at < 0 ? "none" : at)})");
        }
    }

    [Theory]
    [Requirement("AR-001")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void RangePastTheWord_IsRefused(string name)
    {
        var arch = Architecture.Parse(name);
        var memory = new Memory(arch);
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.CountNonZero(arch.WordMask, 2));
        Assert.Equal((0UL, (ulong?)null), memory.CountNonZero(arch.WordMask, 0));
    }
}
