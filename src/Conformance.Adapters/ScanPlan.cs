namespace Conformance.Adapters;

/// <summary>
/// How a large region is read when the adapter cannot scan it in place: every byte up to 1 MiB; beyond that
/// both ends (64 KiB each), the page at and the pages around every power-of-two offset (where a doubling buffer's
/// older sizes end), and 16 seeded random pages. A bug that writes one byte somewhere in the middle of a large
/// buffer is found by chance only, so the fraction read is reported with every run.
/// </summary>
public static class ScanPlan
{
    /// <summary>Regions up to this size are read in full.</summary>
    public const ulong Whole = 1 << 20;

    /// <summary>The page size the plan reads in.</summary>
    public const ulong Page = 4096;

    private const int Chunk = 1 << 16;

    /// <summary>The byte ranges (offset, length) the plan reads in a region of <paramref name="length"/> bytes, sorted and disjoint.</summary>
    public static IReadOnlyList<(ulong Offset, ulong Length)> Ranges(ulong length, ulong seed)
    {
        if (length <= Whole)
        {
            return length == 0 ? [] : [(0, length)];
        }
        var pages = new SortedSet<ulong> { 0, (length - 1) / Page };
        for (ulong p = 0; p < 16; p++)
        {
            pages.Add(p);
            pages.Add(((length - 1) / Page) - p);
        }
        for (int bit = 12; bit < 64 && (1UL << bit) < length; bit++)
        {
            ulong page = (1UL << bit) / Page;
            pages.Add(page - 1);
            pages.Add(page);
        }
        var rnd = new Random(unchecked((int)(seed ^ (seed >> 32) ^ length)));
        for (int i = 0; i < 16; i++)
        {
            pages.Add((ulong)rnd.NextInt64(0, (long)Math.Min((length - 1) / Page, long.MaxValue - 1)));
        }
        var ranges = new List<(ulong, ulong)>();
        foreach (var page in pages)
        {
            ulong off = page * Page;
            ulong len = Math.Min(Page, length - off);
            if (ranges.Count > 0 && ranges[^1].Item1 + ranges[^1].Item2 == off)
            {
                ranges[^1] = (ranges[^1].Item1, ranges[^1].Item2 + len);
            }
            else
            {
                ranges.Add((off, len));
            }
        }
        return ranges;
    }

    /// <summary>Scans by reading the plan's ranges through <see cref="IRuntimeAdapter.Read"/>.</summary>
    public static ScanResult Sample(IRuntimeAdapter adapter, ulong address, ulong length, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ulong nonZero = 0, read = 0;
        ulong? first = null;
        foreach (var (offset, len) in Ranges(length, seed))
        {
            for (ulong o = 0; o < len; o += Chunk)
            {
                int n = (int)Math.Min(Chunk, len - o);
                var bytes = adapter.Read(address + offset + o, n);
                for (int i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] != 0)
                    {
                        nonZero++;
                        first ??= offset + o + (ulong)i;
                    }
                }
                read += (ulong)n;
            }
        }
        return new ScanResult(nonZero, first, read);
    }
}
