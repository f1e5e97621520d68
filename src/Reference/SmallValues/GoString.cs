namespace Reference;

/// <summary>A Go string header: data pointer and length.</summary>
/// <param name="Data">Address of the bytes; 0 for the empty string made at run time.</param>
/// <param name="Length">Length in bytes.</param>
public readonly record struct GoString(ulong Data, ulong Length);
