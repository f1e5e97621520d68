namespace Reference;

// Shared zero values for map elements: Go commit 7e26a2d (2015), function mapzero, the static zerotiny
// [1024]byte and the on-demand zerobuf. spec/zero-values.md.
public partial class ReferenceRuntime
{
    // Go: var zerobuf struct { lock mutex; p *byte; size uintptr }. Written only under _zeroLock.
    private readonly Lock _zeroLock = new();
    private readonly List<MemoryRegion> _zeroBuffers = [];
    private ulong _zeroBufferPointer;
    private ulong _zeroBufferSize;
    private long _nextMapId;

    /// <summary>The current on-demand buffer's address (Go: zerobuf.p); 0 before the first one.</summary>
    public ulong ZeroBufferPointer
    {
        get
        {
            lock (_zeroLock)
            {
                return _zeroBufferPointer;
            }
        }
    }

    /// <summary>The current on-demand buffer's size (Go: zerobuf.size); 0 before the first one.</summary>
    public ulong ZeroBufferSize
    {
        get
        {
            lock (_zeroLock)
            {
                return _zeroBufferSize;
            }
        }
    }

    /// <summary>ZV-007, ZV-008: every on-demand buffer ever allocated, oldest first; the last is current. None is ever freed.</summary>
    public IReadOnlyList<MemoryRegion> ZeroBuffers
    {
        get
        {
            lock (_zeroLock)
            {
                return [.. _zeroBuffers];
            }
        }
    }

    /// <summary>
    /// Go's makemap: makes a map of <paramref name="mapType"/>. ZV-002: first makes sure the element type has
    /// a zero (<see cref="MapZero"/>), then allocates the map header on the heap (one counted object).
    /// </summary>
    /// <param name="mapType">A map type.</param>
    /// <returns>The new, empty map.</returns>
    /// <exception cref="MapElementTooLargeException">ZV-006: the element is larger than 2^(w-1) bytes; nothing changed.</exception>
    /// <exception cref="RuntimeOutOfMemoryException">The zero buffer or the header does not fit.</exception>
    /// <exception cref="ArgumentException">The type is not a map type.</exception>
    [Implements("ZV-002", "ZV-006")]
    public GoMap MakeMap(RType mapType)
    {
        ArgumentNullException.ThrowIfNull(mapType);
        if (mapType.Kind != TypeKind.Map || mapType.Elem is null)
        {
            throw new ArgumentException($"not a map type: {mapType}", nameof(mapType));
        }

        // ZV-002: make sure zero of element type is available (the seed's design; gc keeps no zero pointer).
        if (Options.Design == ZeroDesign.OnDemand)
        {
            MapZero(mapType.Elem);
        }

        var id = Interlocked.Increment(ref _nextMapId);
        var header = Memory.Allocate(Segment.Heap, MapHeaderSize, Word, $"map header {id}", RegionKind.HeapObject);
        return new GoMap(id, mapType, header);
    }

    /// <summary>
    /// Go's map lookup: the element of <paramref name="key"/>: its heap slot when stored, else
    /// <see cref="MissingKeyPointer"/> (ZV-016, ZV-017): the zero handed out, or null when the key is reported
    /// absent (ZV-018). Allocates nothing.
    /// </summary>
    /// <param name="map">The map.</param>
    /// <param name="key">The key.</param>
    /// <returns>The element's address, or null: the key is absent and no zero is handed out.</returns>
    [Implements("ZV-016", "ZV-017", "ZV-018")]
    public ulong? Lookup(GoMap map, ulong key)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.TryGetSlot(key, out var slot) ? slot : MissingKeyPointer(map, key);
    }

    /// <summary>ZV-017: looks up a key that is not in the map: the zero handed out (or null: reported absent), allocating nothing.</summary>
    /// <param name="map">The map.</param>
    /// <param name="key">A key not stored in the map.</param>
    /// <returns>The zero's address, or null when the key is reported absent (ZV-018).</returns>
    /// <exception cref="ArgumentException">The key is stored.</exception>
    [Implements("ZV-017", "ZV-018")]
    public ulong? LookupMissing(GoMap map, ulong key)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.TryGetSlot(key, out _))
        {
            throw new ArgumentException($"key {key} is in the map", nameof(key));
        }

        return MissingKeyPointer(map, key);
    }

    /// <summary>
    /// Stores <paramref name="element"/> under <paramref name="key"/>: in the key's heap slot, allocated (one
    /// counted object of the element's size) on first assignment. ZV-009, ZV-015: never into a zero region.
    /// </summary>
    /// <param name="map">The map.</param>
    /// <param name="key">The key.</param>
    /// <param name="element">Exactly the element type's size in bytes.</param>
    /// <returns>The slot address.</returns>
    [Implements("ZV-009", "ZV-015")]
    public ulong Assign(GoMap map, ulong key, ReadOnlySpan<byte> element)
    {
        ArgumentNullException.ThrowIfNull(map);
        if ((ulong)element.Length != map.ElementType.Size)
        {
            throw new ArgumentException($"element of {map.ElementType} has {map.ElementType.Size} bytes, got {element.Length}", nameof(element));
        }

        var slot = SlotFor(map, key);
        Memory.Write(slot, element);
        return slot;
    }

    /// <summary>Stores under <paramref name="key"/> an element whose every byte is <paramref name="fill"/> (see the span overload).</summary>
    /// <param name="map">The map.</param>
    /// <param name="key">The key.</param>
    /// <param name="fill">The byte.</param>
    /// <returns>The slot address.</returns>
    public ulong Assign(GoMap map, ulong key, byte fill)
    {
        ArgumentNullException.ThrowIfNull(map);
        var slot = SlotFor(map, key);
        Memory.Fill(slot, map.ElementType.Size, fill);
        return slot;
    }

    /// <summary>
    /// Go's mapzero: ensures <paramref name="type"/>'s zero pointer points at a zero value of its size.
    /// </summary>
    /// <remarks>
    /// <para>Fast path (ZV-003, ZV-011): an atomic read; a set pointer is final. Small types (ZV-004) get the
    /// static zero. Larger types (ZV-005) get the shared buffer, grown under the lock if it is too small.</para>
    /// <para>Unlike the seed, the lock holder checks the zero pointer again: in the seed a thread that lost the
    /// race could store a newer buffer over a pointer another thread had already published (both zero, so
    /// harmless in Go, but it breaks ZV-003's "never changes" and ZV-011's "same pointer").</para>
    /// <para>ZV-006 decision: the new size is computed in a local and committed only after the buffer is
    /// allocated, so a throw leaves the buffer, its size and the type's nil zero pointer unchanged.</para>
    /// </remarks>
    /// <param name="type">The element type.</param>
    [Implements("ZV-003", "ZV-011", "ZV-004", "ZV-005", "ZV-006")]
    protected virtual void MapZero(RType type)
    {
        ArgumentNullException.ThrowIfNull(type);

        // Already done? Check without lock: the atomic read pairs with the publication below (ZV-011).
        if (type.ZeroPointer != 0)
        {
            return;
        }

        // Small enough for static buffer? (ZV-004; ZV-016: the threshold is the static zero's size)
        if (UsesStaticZero(type.Size))
        {
            PublishZero(type, StaticZero.Base);
            return;
        }

        // Use allocated buffer (ZV-005).
        lock (_zeroLock)
        {
            // ZV-003: another thread may have published while this one waited for the lock.
            if (type.ZeroPointer != 0)
            {
                return;
            }

            if (BufferTooSmall(_zeroBufferSize, type.Size))
            {
                var size = NextZeroBufferSize(_zeroBufferSize, type.Size);
                AllocateAndPublishZero(type, size);
            }
            else
            {
                PublishZero(type, _zeroBufferPointer);
            }
        }
    }

    /// <summary>Seam, ZV-005: whether the current buffer is too small for a type, so that it must grow: only when smaller than the type.</summary>
    /// <param name="bufferSize">The current buffer's size (0 before the first buffer).</param>
    /// <param name="typeSize">The type's size.</param>
    /// <returns>True when the buffer must grow.</returns>
    [Implements("ZV-005")]
    protected virtual bool BufferTooSmall(ulong bufferSize, ulong typeSize) => bufferSize < typeSize;

    /// <summary>Seam, ZV-004: whether a type of <paramref name="size"/> bytes uses the static zero: size &lt;= 1024.</summary>
    /// <param name="size">The type's size.</param>
    /// <returns>True for the static zero.</returns>
    [Implements("ZV-004")]
    protected virtual bool UsesStaticZero(ulong size) => size <= StaticZeroSize;

    /// <summary>
    /// ZV-005, ZV-006: the buffer size needed for a type of <paramref name="typeSize"/> bytes when the current
    /// size <paramref name="current"/> is smaller: start at <see cref="InitialBufferSize"/> if 0, then
    /// <see cref="GrowBufferSize"/> until large enough, throwing when <see cref="GrowthOverflowed"/>. Changes no state.
    /// </summary>
    /// <param name="current">The current buffer size (0 before the first buffer).</param>
    /// <param name="typeSize">The type's size.</param>
    /// <returns>The new size.</returns>
    /// <exception cref="MapElementTooLargeException">Doubling overflowed the word (ZV-006).</exception>
    /// <exception cref="NonTerminationException">A variant's growth made no progress (Go would loop forever).</exception>
    [Implements("ZV-005", "ZV-006")]
    protected ulong NextZeroBufferSize(ulong current, ulong typeSize)
    {
        var size = current;
        if (size == 0)
        {
            size = InitialBufferSize();
        }

        // ZV-016: grow until the buffer extends at least the type's size from its start. Doubling needs at
        // most one step per bit of the word; a variant's growth that needs more would, in practice, never end.
        var steps = 0;
        while (size < typeSize)
        {
            if (++steps > Architecture.WordBits)
            {
                throw new NonTerminationException(
                    $"zero buffer growth toward {typeSize} needed more than {Architecture.WordBits} steps on {Architecture.Name} (doubling needs at most one per bit)");
            }

            var grown = GrowBufferSize(size);
            if (GrowthOverflowed(grown))
            {
                // need >2GB zero on 32-bit machine
                throw new MapElementTooLargeException();
            }

            if (grown <= size)
            {
                throw new NonTerminationException(
                    $"zero buffer growth from {size} to {grown} made no progress toward {typeSize} on {Architecture.Name}");
            }

            size = grown;
        }

        return size;
    }

    /// <summary>Seam, ZV-005: the first buffer size, 4096.</summary>
    /// <returns>The initial size.</returns>
    [Implements("ZV-005")]
    protected virtual ulong InitialBufferSize() => InitialZeroBufferSize;

    /// <summary>Seam, ZV-005, ZV-006: one growth step: doubling, modulo the word (it wraps to 0 past 2^(w-1)).</summary>
    /// <param name="size">The current size.</param>
    /// <returns>The doubled size, masked to the word.</returns>
    [Implements("ZV-005", "ZV-006")]
    protected virtual ulong GrowBufferSize(ulong size) => unchecked(size << 1) & Architecture.WordMask;

    /// <summary>Seam, ZV-006: the overflow check after a growth step: a doubled power of two that wrapped is 0.</summary>
    /// <param name="grown">The size after the step.</param>
    /// <returns>True when the step overflowed the word.</returns>
    [Implements("ZV-006")]
    protected virtual bool GrowthOverflowed(ulong grown) => grown == 0;

    /// <summary>
    /// Seam, ZV-005, ZV-007, ZV-011: called under the zero lock when the buffer must grow to
    /// <paramref name="size"/>: allocates the new buffer (<see cref="AllocateZeroBuffer"/>), makes it current
    /// (<see cref="CommitZeroBuffer"/>), and only then publishes it as <paramref name="type"/>'s zero pointer
    /// (<see cref="PublishZero"/>). A variant may reorder the steps (publish before allocating).
    /// </summary>
    /// <param name="type">The type that needs the buffer.</param>
    /// <param name="size">The new buffer size.</param>
    [Implements("ZV-005", "ZV-007", "ZV-011")]
    protected virtual void AllocateAndPublishZero(RType type, ulong size)
    {
        ArgumentNullException.ThrowIfNull(type);
        var buffer = AllocateZeroBuffer(size);
        CommitZeroBuffer(buffer);
        PublishZero(type, buffer.Base);
    }

    /// <summary>
    /// Seam, ZV-007, ZV-009: allocates a never-freed, 64-byte aligned, all-zero buffer in the persistent
    /// segment and guards it. Does not make it current.
    /// </summary>
    /// <param name="size">Bytes.</param>
    /// <returns>The buffer.</returns>
    /// <exception cref="RuntimeOutOfMemoryException">The persistent segment has no room.</exception>
    [Implements("ZV-007", "ZV-009")]
    protected virtual MemoryRegion AllocateZeroBuffer(ulong size)
    {
        int number;
        lock (_zeroLock)
        {
            number = _zeroBuffers.Count + 1;
        }

        var buffer = Memory.Allocate(Segment.Persistent, size, ZeroBufferAlignment, $"zero buffer {number}", RegionKind.ZeroBuffer);
        Memory.Guard(buffer, "ZV-009");
        return buffer;
    }

    /// <summary>ZV-008: makes <paramref name="buffer"/> the current buffer; older buffers stay listed and valid.</summary>
    /// <param name="buffer">A buffer from <see cref="AllocateZeroBuffer"/>.</param>
    [Implements("ZV-008")]
    protected void CommitZeroBuffer(MemoryRegion buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_zeroLock)
        {
            _zeroBuffers.Add(buffer);
            _zeroBufferPointer = buffer.Base;
            _zeroBufferSize = buffer.Size;
        }
    }

    /// <summary>
    /// Seam, ZV-003, ZV-011: publishes <paramref name="pointer"/> as <paramref name="type"/>'s zero pointer
    /// with an atomic compare-and-swap from nil: a set pointer never changes.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="pointer">The zero's address.</param>
    /// <returns>True when this call set the pointer.</returns>
    [Implements("ZV-003", "ZV-011")]
    protected virtual bool PublishZero(RType type, ulong pointer)
    {
        ArgumentNullException.ThrowIfNull(type);
        bool set = type.TrySetZero(pointer);
        if (set)
        {
            Published?.Invoke(type, pointer);
        }

        return set;
    }

    /// <summary>
    /// ZV-011, for schedulers of interleavings: called on the publishing thread at the instant a type's zero pointer
    /// becomes visible (inside the zero lock when the buffer grew), before the publisher goes on. A test harness
    /// can make other threads look at the type exactly then, instead of hoping a race lands in the window.
    /// </summary>
    [Implements("ZV-011")]
    public Action<RType, ulong>? Published { get; set; }

    /// <summary>
    /// For variants: an unconditional atomic store of a zero pointer (Go's atomicstorep), which can overwrite a
    /// published pointer. The reference never calls it.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="pointer">The new pointer.</param>
    protected void StoreZeroPointer(RType type, ulong pointer)
    {
        ArgumentNullException.ThrowIfNull(type);
        type.StoreZero(pointer);
        Published?.Invoke(type, pointer);
    }

    /// <summary>
    /// Seam, ZV-016, ZV-017: what a missing-key lookup hands out, allocating nothing. In the seed's design, the
    /// element type's zero pointer. In gc's (<see cref="ZeroDesign.AbsentLarge"/>): the static zero up to 1024
    /// bytes (ZV-004; gc's mapaccess1 returns <c>&amp;zeroVal[0]</c>), the compiler's zero for a compiler-known
    /// type above that (ZV-012: compiled code passes it to mapaccess1_fat), and nothing for a run-time type above
    /// that (ZV-018: reflect's lookup reports the key absent).
    /// </summary>
    /// <param name="map">The map.</param>
    /// <param name="key">The missing key.</param>
    /// <returns>The zero's address, or null when the key is reported absent.</returns>
    [Implements("ZV-016", "ZV-017", "ZV-004", "ZV-012", "ZV-018")]
    protected virtual ulong? MissingKeyPointer(GoMap map, ulong key)
    {
        ArgumentNullException.ThrowIfNull(map);
        var elem = map.ElementType;
        if (Options.Design == ZeroDesign.OnDemand)
        {
            return elem.ZeroPointer;
        }

        if (UsesStaticZero(elem.Size))
        {
            return StaticZero.Base;
        }

        return elem.IsCompilerKnown ? CompilerZero.Base : null;
    }

    // Go's hmap is 6 words on 64-bit (48 bytes); the simulation uses 6 words on both word sizes.
    private ulong MapHeaderSize => 6 * Word;

    private ulong SlotFor(GoMap map, ulong key)
    {
        var elem = map.ElementType;

        // ZV-015: a fresh heap object, disjoint from the table and every zero region.
        return map.GetOrAddSlot(key, () => Memory.Allocate(
            Segment.Heap, elem.Size, Math.Max(elem.Align, 1), $"map {map.Id} slot {key}", RegionKind.HeapObject).Base);
    }
}
