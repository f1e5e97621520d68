namespace Reference.Tests;

public class TypesTests
{
    public class Constructors
    {
        [Theory]
        [Trait("Requirement", "AR-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Sizes_FollowTheWord(string name)
        {
            var runtime = Arches.Runtime(name);
            var word = (ulong)runtime.Architecture.WordBytes;
            var b = runtime.Uint8Type;
            Assert.Equal(word, runtime.PtrTo(b).Size);
            Assert.Equal(word, runtime.ChanOf(b).Size);
            Assert.Equal(word, runtime.MapOf(b, b).Size);
            Assert.Equal(word, runtime.FuncOf([b], [b], variadic: false).Size);
            Assert.Equal(3 * word, runtime.SliceOf(b).Size);
            Assert.Equal(3 * 5 * word, runtime.ArrayOf(3, runtime.ArrayOf(5, runtime.CompilerType("int"))).Size);
        }

        [Theory]
        [Trait("Requirement", "AR-001")]
        [InlineData("32le", 0x1_0000_0000UL, 1UL)]
        [InlineData("32be", 0x8000_0000UL, 2UL)]
        [InlineData("64le", 0x8000_0000_0000_0000UL, 2UL)]
        [InlineData("64be", 0x4000_0000_0000_0000UL, 4UL)]
        public void ArraySizePastTheWord_PanicsWithGoMessage(string name, ulong count, ulong elemSize)
        {
            var runtime = Arches.Runtime(name);
            var elem = runtime.ByteArrayOf(elemSize);
            if (count > runtime.Architecture.WordMask)
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => runtime.ArrayOf(count, elem));
                return;
            }

            var error = Assert.Throws<ArraySizeExceedsAddressSpaceException>(() => runtime.ArrayOf(count, elem));
            Assert.Equal("reflect.ArrayOf: array size would exceed virtual address space", error.Message);
            var largest = runtime.Architecture.WordMask / elemSize; // the largest count that still fits
            Assert.Equal(largest * elemSize, runtime.ArrayOf(largest, elem).Size);
        }

        [Theory]
        [Trait("Requirement", "ZV-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void StructOf_SameSizeTwice_GivesTwoFreshTypesWithNilZero(string name)
        {
            var runtime = Arches.Runtime(name);
            var before = runtime.Memory.Counters;
            var a = runtime.StructOf(5000);
            var b = runtime.StructOf(5000);
            Assert.NotSame(a, b);
            Assert.Equal(5000UL, a.Size);
            Assert.Equal(TypeKind.Struct, a.Kind);
            Assert.Equal(0UL, a.ZeroPointer);
            Assert.True((runtime.Memory.Counters - before).IsNone, "creating two struct types allocated");
            runtime.MakeMapOf(a);
            Assert.NotEqual(0UL, a.ZeroPointer);
            Assert.Equal(0UL, b.ZeroPointer);
        }

        [Theory]
        [Trait("Requirement", "ZV-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void SameArguments_GiveSameDescriptor(string name)
        {
            var runtime = Arches.Runtime(name);
            var b = runtime.Uint8Type;
            Assert.Same(runtime.ArrayOf(10, b), runtime.ArrayOf(10, b));
            Assert.Same(runtime.PtrTo(b), runtime.PtrTo(b));
            Assert.Same(runtime.ChanOf(b), runtime.ChanOf(b));
            Assert.Same(runtime.MapOf(b, b), runtime.MapOf(b, b));
            Assert.Same(runtime.SliceOf(b), runtime.SliceOf(b));
            Assert.Same(runtime.FuncOf([b], [b, b], false), runtime.FuncOf([b], [b, b], false));
            Assert.NotSame(runtime.FuncOf([b], [b], false), runtime.FuncOf([b], [b], true));
            Assert.NotSame(runtime.ArrayOf(2048, b), runtime.CompilerType("[2048]uint8"));
        }
    }

    public class LazyZero
    {
        [Theory]
        [Trait("Requirement", "ZV-001")]
        [Trait("Requirement", "ZV-014")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void SeedExample_PtrToArrayOfBillionBytesTwice_CostsNothing(string name)
        {
            var runtime = Arches.Runtime(name);
            var before = runtime.Memory.Counters;
            var pages = runtime.Memory.MaterializedPages;
            var first = runtime.PtrTo(runtime.ArrayOf(1_000_000_000, runtime.Uint8Type));
            var second = runtime.PtrTo(runtime.ArrayOf(1_000_000_000, runtime.Uint8Type));
            Assert.Same(first, second);
            Assert.True((runtime.Memory.Counters - before).IsNone, "creating types allocated");
            Assert.Equal(pages, runtime.Memory.MaterializedPages);
            Assert.Equal(0UL, first.ZeroPointer);
            Assert.Equal(0UL, first.Elem!.ZeroPointer);
            Assert.Empty(runtime.ZeroBuffers);
        }

        [Theory]
        [Trait("Requirement", "ZV-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void EveryConstructor_LeavesZeroPointerNil(string name)
        {
            var runtime = Arches.Runtime(name);
            var big = runtime.ByteArrayOf(runtime.Architecture.WordMask);
            RType[] created =
            [
                big, runtime.PtrTo(big), runtime.ChanOf(big), runtime.MapOf(runtime.Uint64Type, big),
                runtime.FuncOf([], [big], false), runtime.SliceOf(big), runtime.ArrayOf(0, big),
            ];
            Assert.All(created, t => Assert.Equal(0UL, t.ZeroPointer));
            Assert.All(created, t => Assert.False(t.IsCompilerKnown));
            Assert.Equal(default, runtime.Memory.Counters);
        }
    }
}
