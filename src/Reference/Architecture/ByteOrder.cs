namespace Reference;

/// <summary>The order in which the bytes of a multi-byte value are stored (AR-001).</summary>
public enum ByteOrder
{
    /// <summary>Least significant byte at the lowest address.</summary>
    Little,

    /// <summary>Most significant byte at the lowest address.</summary>
    Big,
}
