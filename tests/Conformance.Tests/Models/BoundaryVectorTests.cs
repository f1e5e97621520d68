using Conformance.Models;
using Conformance.Smt;

namespace Conformance.Tests.Models;

public class BoundaryVectorTests
{
    private static readonly Lazy<IReadOnlyList<Conformance.Suite.NamedValue>> Vectors = new(() =>
    {
        using var solver = new Z3NativeSolver();
        return BoundaryVectors.Generate(ModelCatalog.LoadEmbedded(), solver);
    });

    private static IEnumerable<ulong> Values(string requirement, string arch) =>
        Vectors.Value.Where(v => v.Requirement == requirement && (v.Arch == arch || v.Arch == "all")).Select(v => v.Value);

    [Theory]
    [InlineData("32le")]
    [InlineData("32be")]
    [InlineData("64le")]
    [InlineData("64be")]
    [Requirement("ZV-004", "ZV-005", "ZV-006")]
    public void SolverFindsTheZeroValueEdges(string arch)
    {
        int bits = arch.StartsWith("32", StringComparison.Ordinal) ? 32 : 64;
        ulong half = 1UL << (bits - 1);
        Assert.Contains(0UL, Values("ZV-004", arch));
        Assert.Contains(1024UL, Values("ZV-004", arch));       // 2^10: the largest size the static zero serves
        Assert.Contains(1025UL, Values("ZV-005", arch));       // the smallest that needs the buffer
        Assert.Contains(4097UL, Values("ZV-005", arch));       // just past the first buffer
        Assert.Contains(half, Values("ZV-006", arch));         // 2^(w-1): still doubles
        Assert.Contains(half + 1, Values("ZV-006", arch));     // overflows
        Assert.Contains(bits == 32 ? uint.MaxValue : ulong.MaxValue, Values("ZV-006", arch));
        // Every power of two from 4096 to 2^(w-1), with its neighbours.
        for (ulong p = 4096; p != 0 && p <= half; p <<= 1)
        {
            Assert.Contains(p, Values("ZV-005", arch));
            Assert.Contains(p + 1, Values("ZV-005", arch));
        }
        Assert.DoesNotContain(half << 1, Values("ZV-005", arch).Where(v => bits == 32));
    }

    [Fact]
    [Requirement("SV-003")]
    public void SolverFindsTheTableEdges()
    {
        var values = Values("SV-003", "all").ToList();
        Assert.Contains(256UL, values);
        Assert.Contains(257UL, values);
        Assert.Contains(0xFFFFUL, values);
        Assert.Contains(0x8000UL, values);
        Assert.Contains(0xFFFF_FFFFUL, values);
        Assert.Contains(ulong.MaxValue, values);
        Assert.Contains(1UL << 63, values);
    }
}
