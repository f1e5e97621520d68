namespace Conformance.Smt;

/// <summary>
/// The boundary inputs the differential checks use for a sort, each named by its meaning. Shared by the
/// compiler's tests and <see cref="Oracle.ModelOracle.VerifyAgainst"/> so both probe the same edges.
/// </summary>
public static class BoundaryValues
{
    /// <summary>
    /// For Bool: 0 and 1. For (_ BitVec n): 0, 1, 2, 3, 7, 8, 32 and 64 (small values, word sizes in bits),
    /// 2^n - 1 and 2^n - 2 (-1, -2), 2^(n-1) and 2^(n-1) ± 1 (the sign boundary), 255 = 2^8 - 1, 256 = 2^8,
    /// 1024 = 2^10, 4096 = 2^12, 2^32 - 1 and 2^32 (the 32-bit word boundary); those that fit, without repeats.
    /// </summary>
    public static IReadOnlyList<ulong> For(SmtSort sort)
    {
        ArgumentNullException.ThrowIfNull(sort);
        if (sort.IsBool)
        {
            return [0, 1];
        }

        ulong mask = sort.Mask;
        ulong signBit = 1UL << (sort.Width - 1);
        ulong[] candidates =
        [
            0, 1, 2, 3, 7, 8, 32, 64,
            mask, mask - 1,
            signBit, signBit - 1, signBit + 1,
            255, 256, 1024, 4096,
            0xFFFF_FFFF, 0x1_0000_0000,
        ];
        return candidates.Where(v => v <= mask).Distinct().ToArray();
    }
}
