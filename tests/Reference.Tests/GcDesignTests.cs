namespace Reference.Tests;

/// <summary>
/// The reference in gc's design (<see cref="ZeroDesign.AbsentLarge"/>, profile <c>gc</c>): no per-type zero
/// pointer, no on-demand buffer; the static zero up to 1024 bytes, the compiler's zero for large compiler-known
/// types, the key reported absent for large run-time types (spec ZV-004, ZV-012, ZV-018).
/// </summary>
public class GcDesignTests
{
    [Theory]
    [Requirement("ZV-004", "ZV-018", "ZV-017")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void RunTimeTypes_StaticUpTo1024_AbsentAbove_NothingAllocated(string name)
    {
        var runtime = Arches.GcRuntime(name);
        foreach (var (size, expectStatic) in new (ulong, bool)[] { (0, true), (1024, true), (1025, false), (1UL << 20, false) })
        {
            var type = runtime.StructOf(size);
            var map = runtime.MakeMapOf(type);
            Assert.Equal(0UL, type.ZeroPointer);
            var before = runtime.Memory.Counters;
            var zero = runtime.LookupMissing(map, 7);
            Assert.True((runtime.Memory.Counters - before).IsNone);
            Assert.Equal(expectStatic ? runtime.StaticZero.Base : null, zero);
        }
        Assert.Empty(runtime.ZeroBuffers);
    }

    [Theory]
    [Requirement("ZV-012")]
    [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
    public void CompilerKnownTypes_LargeOnesShareTheLinkerSizedZero(string name)
    {
        var runtime = Arches.GcRuntime(name);
        var largest = runtime.CompilerTypes.Where(t => t.Size > ReferenceRuntime.StaticZeroSize).Max(t => t.Size);
        Assert.Equal(largest, runtime.CompilerZero.Size);
        foreach (var type in runtime.CompilerTypes)
        {
            Assert.Equal(0UL, type.ZeroPointer);
            var zero = runtime.LookupMissing(runtime.MakeMapOf(type), 1);
            Assert.Equal(type.Size > ReferenceRuntime.StaticZeroSize ? runtime.CompilerZero.Base : runtime.StaticZero.Base, zero);
        }
    }

    [Fact]
    [Requirement("ZV-012")]
    public void SeedDesign_CompilerZeroCoversEveryCompilerKnownType()
    {
        var runtime = Arches.Runtime("64le");
        Assert.Equal(runtime.CompilerTypes.Max(t => t.Size), runtime.CompilerZero.Size);
        Assert.All(runtime.CompilerTypes, t => Assert.Equal(runtime.CompilerZero.Base, t.ZeroPointer));
    }

    [Fact]
    [Requirement("ZV-012")]
    [KnownBug("gc-compiler-zero-smallest")]
    public void CompilerZeroSizeSeam_DecidesTheCompilerZero()
    {
        var runtime = new SmallestCompilerZero(Architecture.Le64);
        Assert.Equal(1025UL, runtime.CompilerZero.Size);
    }

    private sealed class SmallestCompilerZero(Architecture a) : ReferenceRuntime(a, new RuntimeOptions(Design: ZeroDesign.AbsentLarge))
    {
        protected override ulong CompilerZeroSize(IReadOnlyList<ulong> sizes) => sizes.Min();
    }
}
