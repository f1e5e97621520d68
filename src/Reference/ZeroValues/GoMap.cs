namespace Reference;

/// <summary>
/// A map made by <see cref="ReferenceRuntime.MakeMap"/>: a header object on the heap and one heap slot per
/// stored key. Elements are never stored in a zero region (ZV-009, ZV-015). Thread-safe.
/// </summary>
[Implements("ZV-009", "ZV-015")]
public sealed class GoMap
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, ulong> _slots = [];

    internal GoMap(long id, RType type, MemoryRegion header)
    {
        Id = id;
        Type = type;
        Header = header;
    }

    /// <summary>Identifier, unique within one runtime.</summary>
    public long Id { get; }

    /// <summary>The map type.</summary>
    public RType Type { get; }

    /// <summary>The element type.</summary>
    public RType ElementType => Type.Elem!;

    /// <summary>The header object on the heap (Go's hmap).</summary>
    public MemoryRegion Header { get; }

    /// <summary>Number of keys stored.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>The slot address of <paramref name="key"/>, if stored.</summary>
    /// <param name="key">The key.</param>
    /// <param name="slot">The slot address.</param>
    /// <returns>True when the key is stored.</returns>
    public bool TryGetSlot(ulong key, out ulong slot)
    {
        lock (_lock)
        {
            return _slots.TryGetValue(key, out slot);
        }
    }

    /// <summary>Returns the slot of <paramref name="key"/>, creating it with <paramref name="allocate"/> if absent.</summary>
    internal ulong GetOrAddSlot(ulong key, Func<ulong> allocate)
    {
        lock (_lock)
        {
            if (!_slots.TryGetValue(key, out var slot))
            {
                slot = allocate();
                _slots.Add(key, slot);
            }

            return slot;
        }
    }
}
