using System.Collections.ObjectModel;

namespace Reference;

/// <summary>
/// A simulated, sparse address space for one architecture, with bump allocators, named regions, write guards
/// and allocation counters. Thread-safe: every member may be called from any thread.
/// </summary>
/// <remarks>
/// <para>Sparse: memory is kept in 4 KiB pages that are materialised only when a non-empty write touches them.
/// Reading untouched memory returns zeros without allocating host memory, and <see cref="IsZero"/> costs
/// O(pages materialised), so a 2^40-byte zero buffer costs nothing until written (and zero buffers are never
/// written, ZV-009).</para>
/// <para>Every address and size is a word of <see cref="Architecture"/> (AR-001): the segment layouts of
/// <see cref="LayoutFor"/> lie below 2^32 on 32-bit architectures.</para>
/// <para>Errors: <see cref="RuntimeOutOfMemoryException"/> when a segment is exhausted;
/// <see cref="WriteGuardViolationException"/> when a write touches a guarded range while guards are enforced;
/// <see cref="UnmappedMemoryException"/> when a write touches memory that is not allocated, or any access touches a
/// region that was freed (<see cref="Free"/>);
/// <see cref="ArgumentOutOfRangeException"/> for ranges that do not fit the word.</para>
/// </remarks>
[Implements("ZV-009", "AR-001")]
public sealed class Memory
{
    /// <summary>Page size of the sparse store, in bytes.</summary>
    public const int PageSize = 4096;

    private const int PageShift = 12;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, byte[]> _pages = [];

    // The numbers of the materialised pages, in order: a range query visits only the pages inside the range, so
    // scanning a 2^63-byte zero buffer costs the pages written in it (none), not every page of the process.
    private readonly SortedSet<ulong> _pageNumbers = [];
    private readonly SegmentLayout[] _layout;
    private readonly ulong[] _next;
    private readonly List<MemoryRegion>[] _regions;
    private readonly List<WriteGuard> _guards = [];
    private readonly List<MemoryRegion> _freed = [];
    private ulong _heapObjects;
    private ulong _heapBytes;
    private ulong _zeroBufferBytes;
    private ulong _zeroBuffers;
    private ulong _guardViolations;

    /// <summary>Creates an empty address space.</summary>
    /// <param name="architecture">The architecture whose words the addresses are.</param>
    /// <param name="enforceWriteGuards">
    /// True (the default) to throw on writes into guarded ranges; false to let them through (and count them in
    /// <see cref="GuardViolations"/>) so that deliberately broken variants really change the bytes.
    /// </param>
    public Memory(Architecture architecture, bool enforceWriteGuards = true)
    {
        Architecture = architecture;
        EnforceWriteGuards = enforceWriteGuards;
        _layout = [.. LayoutFor(architecture)];
        _next = [.. _layout.Select(s => s.Base)];
        _regions = [.. _layout.Select(_ => new List<MemoryRegion>())];
    }

    /// <summary>The architecture (AR-001).</summary>
    [Implements("AR-001")]
    public Architecture Architecture { get; }

    /// <summary>Whether writes into guarded ranges throw.</summary>
    public bool EnforceWriteGuards { get; }

    /// <summary>The segments, in address order.</summary>
    public IReadOnlyList<SegmentLayout> Segments => _layout;

    /// <summary>How many 4 KiB pages hold host memory (pages ever written).</summary>
    public int MaterializedPages
    {
        get
        {
            lock (_lock)
            {
                return _pages.Count;
            }
        }
    }

    /// <summary>Writes into guarded ranges let through while guards were not enforced.</summary>
    public ulong GuardViolations
    {
        get
        {
            lock (_lock)
            {
                return _guardViolations;
            }
        }
    }

    /// <summary>The allocation counters now (monotonic). Take deltas to observe one operation.</summary>
    public AllocationCounters Counters
    {
        get
        {
            lock (_lock)
            {
                return new AllocationCounters(_heapObjects, _heapBytes, _zeroBufferBytes, _zeroBuffers);
            }
        }
    }

    /// <summary>
    /// The documented segment layout for an architecture (AR-001: everything fits the word).
    /// </summary>
    /// <remarks>
    /// 32-bit: read-only data 0x10000 (960 KiB), data 0x100000 (1 MiB), bss 0x200000 (4 MiB),
    /// heap 0x600000 (250 MiB), persistent 0x10000000 up to 0xFFFF0000 (about 3.75 GiB, so that a 2^31-byte zero
    /// buffer fits, ZV-006). 64-bit: read-only data 0x400000 (4 MiB), data 0x800000 (4 MiB), bss 0xC00000
    /// (20 MiB), heap 0xC000000000 (1 TiB), persistent 0x100000000000 up to 0xFFFFF00000000000 (so that a
    /// 2^63-byte buffer fits). Address 0 is never mapped: it is nil.
    /// </remarks>
    /// <param name="architecture">The architecture.</param>
    /// <returns>The five segments in address order.</returns>
    [Implements("AR-001", "ZV-006")]
    public static IReadOnlyList<SegmentLayout> LayoutFor(Architecture architecture) => architecture.WordBytes == 4
        ?
        [
            new(Segment.ReadOnlyData, 0x0001_0000, 0x000F_0000),
            new(Segment.Data, 0x0010_0000, 0x0010_0000),
            new(Segment.Bss, 0x0020_0000, 0x0040_0000),
            new(Segment.Heap, 0x0060_0000, 0x0FA0_0000),
            new(Segment.Persistent, 0x1000_0000, 0xEFFF_0000),
        ]
        :
        [
            new(Segment.ReadOnlyData, 0x0040_0000, 0x0040_0000),
            new(Segment.Data, 0x0080_0000, 0x0040_0000),
            new(Segment.Bss, 0x00C0_0000, 0x0140_0000),
            new(Segment.Heap, 0x00C0_0000_0000, 0x0100_0000_0000),
            new(Segment.Persistent, 0x1000_0000_0000, 0xFFFF_E000_0000_0000),
        ];

    /// <summary>
    /// Allocates <paramref name="size"/> bytes in <paramref name="segment"/> at a multiple of
    /// <paramref name="alignment"/> and names the region. Heap allocations count one object and
    /// <paramref name="size"/> bytes; <see cref="RegionKind.ZeroBuffer"/> allocations count zero-buffer bytes.
    /// The memory reads as zero. Distinct allocations never overlap (ZV-015): even a 0-byte allocation
    /// reserves one byte of address space.
    /// </summary>
    /// <param name="segment">Where.</param>
    /// <param name="size">Bytes requested.</param>
    /// <param name="alignment">A power of two.</param>
    /// <param name="name">Region name.</param>
    /// <param name="kind">Region kind.</param>
    /// <returns>The new region.</returns>
    /// <exception cref="RuntimeOutOfMemoryException">The segment has no room.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The alignment is not a power of two.</exception>
    [Implements("ZV-015")]
    public MemoryRegion Allocate(Segment segment, ulong size, ulong alignment, string name, RegionKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            var index = (int)segment;
            var start = AlignedNext(index, alignment);
            var reserve = Math.Max(size, 1);
            var end = _layout[index].End;
            if (start is not { } s || s > end || reserve > end - s)
            {
                throw new RuntimeOutOfMemoryException();
            }

            var region = new MemoryRegion(name, kind, segment, s, size);
            _next[index] = s + reserve;
            _regions[index].Add(region);
            if (segment == Segment.Heap)
            {
                _heapObjects++;
                _heapBytes += size;
            }

            if (kind == RegionKind.ZeroBuffer)
            {
                _zeroBuffers++;
                _zeroBufferBytes += size;
            }

            return region;
        }
    }

    /// <summary>
    /// Frees <paramref name="region"/>, for deliberately broken variants (a correct runtime never frees what the spec
    /// says stays readable, ZV-007, ZV-008): from now on every read, scan or write that touches it faults with
    /// <see cref="UnmappedMemoryException"/>, as an access to unmapped memory does in a real process. Its address
    /// space is not reused and it stays in <see cref="Regions"/>.
    /// </summary>
    /// <param name="region">A region this memory allocated.</param>
    public void Free(MemoryRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        lock (_lock)
        {
            _freed.Add(region);
        }
    }

    /// <summary>
    /// The address the next allocation of <paramref name="segment"/> with <paramref name="alignment"/> would get,
    /// or null if alignment leaves the segment. Allocates nothing. (For variants that publish before allocating.)
    /// </summary>
    /// <param name="segment">Where.</param>
    /// <param name="alignment">A power of two.</param>
    /// <returns>The address, or null.</returns>
    public ulong? PeekNextAddress(Segment segment, ulong alignment)
    {
        lock (_lock)
        {
            return AlignedNext((int)segment, alignment);
        }
    }

    /// <summary>Registers a write guard on <paramref name="region"/> protecting <paramref name="requirement"/>.</summary>
    /// <param name="region">The region (SV-007: the table; ZV-009: every zero region).</param>
    /// <param name="requirement">The requirement ID named in violations.</param>
    [Implements("SV-007", "ZV-009")]
    public void Guard(MemoryRegion region, string requirement)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentException.ThrowIfNullOrEmpty(requirement);
        lock (_lock)
        {
            _guards.Add(new WriteGuard(region, requirement));
        }
    }

    /// <summary>The registered guards, in registration order.</summary>
    public IReadOnlyList<WriteGuard> Guards
    {
        get
        {
            lock (_lock)
            {
                return new ReadOnlyCollection<WriteGuard>([.. _guards]);
            }
        }
    }

    /// <summary>Every region allocated so far, in address order.</summary>
    public IReadOnlyList<MemoryRegion> Regions
    {
        get
        {
            lock (_lock)
            {
                return new ReadOnlyCollection<MemoryRegion>([.. _regions.SelectMany(r => r)]);
            }
        }
    }

    /// <summary>
    /// True when every byte of [address, address+length) is allocated (inside the allocated part of a segment).
    /// A 0-length range is mapped when its address is.
    /// </summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    public bool IsMapped(ulong address, ulong length)
    {
        lock (_lock)
        {
            return IsMappedLocked(address, length);
        }
    }

    /// <summary>The named region that wholly contains [address, address+length), or null.</summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    public MemoryRegion? FindRegion(ulong address, ulong length)
    {
        lock (_lock)
        {
            for (var i = 0; i < _layout.Length; i++)
            {
                if (address < _layout[i].Base || address >= _next[i])
                {
                    continue;
                }

                var list = _regions[i];
                int lo = 0, hi = list.Count - 1, found = -1;
                while (lo <= hi)
                {
                    var mid = lo + ((hi - lo) / 2);
                    if (list[mid].Base <= address)
                    {
                        found = mid;
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid - 1;
                    }
                }

                return found >= 0 && list[found].Contains(address, length) ? list[found] : null;
            }

            return null;
        }
    }

    /// <summary>Reads <paramref name="length"/> bytes. Untouched memory (mapped or not) reads as zero; freed memory faults.</summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit the word.</exception>
    /// <exception cref="UnmappedMemoryException">The range touches a freed region.</exception>
    public byte[] Read(ulong address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = new byte[length];
        Read(address, bytes);
        return bytes;
    }

    /// <summary>Reads <c>destination.Length</c> bytes. Untouched memory reads as zero.</summary>
    /// <param name="address">Start.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit the word.</exception>
    /// <exception cref="UnmappedMemoryException">The range touches a freed region.</exception>
    public void Read(ulong address, Span<byte> destination)
    {
        CheckRange(address, (ulong)destination.Length);
        lock (_lock)
        {
            CheckNotFreedLocked(address, (ulong)destination.Length, "read");
            var done = 0;
            while (done < destination.Length)
            {
                var at = address + (ulong)done;
                var offset = (int)(at & (PageSize - 1));
                var chunk = Math.Min(PageSize - offset, destination.Length - done);
                var target = destination.Slice(done, chunk);
                if (_pages.TryGetValue(at >> PageShift, out var page))
                {
                    page.AsSpan(offset, chunk).CopyTo(target);
                }
                else
                {
                    target.Clear();
                }

                done += chunk;
            }
        }
    }

    /// <summary>Reads an unsigned value of <paramref name="width"/> bytes in the architecture's byte order.</summary>
    /// <param name="address">Start.</param>
    /// <param name="width">1 to 8.</param>
    /// <returns>The value.</returns>
    public ulong ReadUnsigned(ulong address, int width)
    {
        Span<byte> bytes = stackalloc byte[8];
        var slice = bytes[..width];
        Read(address, slice);
        return Architecture.ReadUnsigned(slice);
    }

    /// <summary>
    /// True when every byte of [address, address+length) is zero. Costs O(materialised pages), never O(length).
    /// </summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit the word.</exception>
    /// <exception cref="UnmappedMemoryException">The range touches a freed region.</exception>
    public bool IsZero(ulong address, ulong length)
    {
        CheckRange(address, length);
        if (length == 0)
        {
            return true;
        }

        // Inclusive bounds: a range may end exactly at 2^64 on 64-bit.
        var last = address + (length - 1);
        lock (_lock)
        {
            CheckNotFreedLocked(address, length, "scan");
            // PagesIn yields exactly the pages that overlap [address, last], in ascending order.
            foreach (var (number, page) in PagesIn(address, last))
            {
                var pageStart = number << PageShift;
                var pageLast = pageStart + (PageSize - 1);
                var from = (int)(Math.Max(pageStart, address) - pageStart);
                var to = (int)(Math.Min(pageLast, last) - pageStart) + 1;
                if (page.AsSpan(from, to - from).ContainsAnyExcept((byte)0))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Counts the non-zero bytes of [address, address+length) and finds the first one, reading every byte of the range
    /// at the cost of the materialised pages only (untouched memory is zero): a 2^40-byte buffer is read in full
    /// for the price of the pages written in it.
    /// </summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    /// <returns>The count, and the offset of the first non-zero byte (null when there is none).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit the word.</exception>
    /// <exception cref="UnmappedMemoryException">The range touches a freed region.</exception>
    public (ulong NonZero, ulong? First) CountNonZero(ulong address, ulong length)
    {
        CheckRange(address, length);
        if (length == 0)
        {
            return (0, null);
        }

        var last = address + (length - 1);
        ulong count = 0;
        ulong? first = null;
        lock (_lock)
        {
            CheckNotFreedLocked(address, length, "scan");
            // PagesIn yields exactly the pages that overlap [address, last], in ascending order.
            foreach (var (number, page) in PagesIn(address, last))
            {
                var pageStart = number << PageShift;
                var pageLast = pageStart + (PageSize - 1);
                var from = (int)(Math.Max(pageStart, address) - pageStart);
                var to = (int)(Math.Min(pageLast, last) - pageStart) + 1;
                var span = page.AsSpan(from, to - from);
                int at = span.IndexOfAnyExcept((byte)0);
                if (at < 0)
                {
                    continue;
                }

                ulong offset = pageStart + (ulong)from + (ulong)at - address;
                first ??= offset; // pages come in ascending order: the first non-zero byte found is the first of the range
                count += (ulong)(span.Length - span.Count((byte)0));
            }
        }

        return (count, first);
    }

    /// <summary>The materialised pages that overlap [address, last], in order. Call under the lock.</summary>
    private IEnumerable<(ulong Number, byte[] Page)> PagesIn(ulong address, ulong last)
    {
        foreach (var number in _pageNumbers.GetViewBetween(address >> PageShift, last >> PageShift))
        {
            yield return (number, _pages[number]);
        }
    }

    /// <summary>Writes bytes. Checks guards (SV-007, ZV-009) and that the range is allocated.</summary>
    /// <param name="address">Start.</param>
    /// <param name="source">The bytes.</param>
    /// <exception cref="WriteGuardViolationException">The range touches a guarded region and guards are enforced.</exception>
    /// <exception cref="UnmappedMemoryException">The range is not allocated or touches a freed region.</exception>
    [Implements("SV-007", "ZV-009")]
    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        var length = (ulong)source.Length;
        CheckRange(address, length);
        lock (_lock)
        {
            CheckWritableLocked(address, length);
            var done = 0;
            while (done < source.Length)
            {
                var at = address + (ulong)done;
                var offset = (int)(at & (PageSize - 1));
                var chunk = Math.Min(PageSize - offset, source.Length - done);
                source.Slice(done, chunk).CopyTo(PageFor(at >> PageShift).AsSpan(offset, chunk));
                done += chunk;
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="length"/> bytes to <paramref name="value"/>. Filling with 0 only touches pages that
    /// already exist, so zeroing untouched memory costs nothing.
    /// </summary>
    /// <param name="address">Start.</param>
    /// <param name="length">Length in bytes.</param>
    /// <param name="value">The byte.</param>
    /// <exception cref="WriteGuardViolationException">The range touches a guarded region and guards are enforced.</exception>
    /// <exception cref="UnmappedMemoryException">The range is not allocated.</exception>
    public void Fill(ulong address, ulong length, byte value)
    {
        CheckRange(address, length);
        lock (_lock)
        {
            CheckWritableLocked(address, length);
            var end = address + length;
            var at = address;
            while (at < end)
            {
                var offset = (int)(at & (PageSize - 1));
                var chunk = (int)Math.Min((ulong)(PageSize - offset), end - at);
                var number = at >> PageShift;
                if (value != 0)
                {
                    PageFor(number).AsSpan(offset, chunk).Fill(value);
                }
                else if (_pages.TryGetValue(number, out var page))
                {
                    page.AsSpan(offset, chunk).Clear();
                }

                at += (ulong)chunk;
            }
        }
    }

    /// <summary>Writes the low <paramref name="width"/> bytes of <paramref name="value"/> in the architecture's byte order.</summary>
    /// <param name="address">Start.</param>
    /// <param name="value">The value.</param>
    /// <param name="width">1 to 8.</param>
    public void WriteUnsigned(ulong address, ulong value, int width)
    {
        Span<byte> bytes = stackalloc byte[8];
        var slice = bytes[..width];
        Architecture.WriteUnsigned(slice, value);
        Write(address, slice);
    }

    private ulong? AlignedNext(int index, ulong alignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "a power of two");
        }

        var next = _next[index];
        var mask = alignment - 1;
        return next > ulong.MaxValue - mask ? null : (next + mask) & ~mask;
    }

    private bool IsMappedLocked(ulong address, ulong length)
    {
        for (var i = 0; i < _layout.Length; i++)
        {
            var top = _next[i];
            if (address >= _layout[i].Base && address < top && length <= top - address)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckWritableLocked(ulong address, ulong length)
    {
        if (length == 0)
        {
            return;
        }

        if (!IsMappedLocked(address, length))
        {
            throw new UnmappedMemoryException(
                $"write of {length} byte(s) at 0x{address:x} on {Architecture.Name}: not allocated memory");
        }

        CheckNotFreedLocked(address, length, "write");

        foreach (var guard in _guards)
        {
            if (guard.Region.Overlaps(address, length))
            {
                if (EnforceWriteGuards)
                {
                    throw new WriteGuardViolationException(guard.Requirement, Architecture.Name, address, length, guard.Region);
                }

                _guardViolations++;
            }
        }
    }

    private byte[] PageFor(ulong number)
    {
        if (!_pages.TryGetValue(number, out var page))
        {
            page = new byte[PageSize];
            _pages.Add(number, page);
            _pageNumbers.Add(number);
        }

        return page;
    }

    private void CheckNotFreedLocked(ulong address, ulong length, string access)
    {
        foreach (var region in _freed)
        {
            if (region.Overlaps(address, length))
            {
                throw new UnmappedMemoryException(
                    $"{access} of {length} byte(s) at 0x{address:x} on {Architecture.Name}: {region} was freed");
            }
        }
    }

    private void CheckRange(ulong address, ulong length)
    {
        // AR-001: a range must lie inside the word: address + length <= 2^w.
        var mask = Architecture.WordMask;
        if (address > mask || (length > 0 && length - 1 > mask - address))
        {
            throw new ArgumentOutOfRangeException(
                nameof(address), $"[0x{address:x}, +{length}) does not fit the {Architecture.Name} word");
        }
    }
}
