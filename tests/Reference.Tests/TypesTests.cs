namespace Reference.Tests;

public class TypesTests
{
    public class Constructors
    {
        [Theory]
        [Requirement("AR-001")]
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
        [Requirement("AR-001")]
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
        [Requirement("ZV-001")]
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
        [Requirement("ZV-001")]
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
        [Requirement("ZV-001", "ZV-014")]
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
        [Requirement("ZV-001")]
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

    public class Names
    {
        [Theory]
        [Requirement("ZV-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void Constructors_UseGoSpellingAndDistinctArgumentsGiveDistinctTypes(string name)
        {
            // The spelling is also the cache key: two different types must never share a descriptor (and a zero pointer).
            var runtime = Arches.Runtime(name);
            var b = runtime.Uint8Type;
            var i = runtime.CompilerType("int");
            Assert.Equal("*uint8", runtime.PtrTo(b).Name);
            Assert.Equal("chan uint8", runtime.ChanOf(b).Name);
            Assert.Equal("map[int]uint8", runtime.MapOf(i, b).Name);
            Assert.Equal("[]uint8", runtime.SliceOf(b).Name);
            Assert.Equal("[3]int", runtime.ArrayOf(3, i).Name);
            Assert.Equal("func(uint8, ...int) int", runtime.FuncOf([b, i], [i], variadic: true).Name);
            Assert.Equal("func() (uint8, int)", runtime.FuncOf([], [b, i], variadic: false).Name);
            Assert.NotSame(runtime.PtrTo(b), runtime.PtrTo(i));
            Assert.NotSame(runtime.ChanOf(b), runtime.ChanOf(i));
            Assert.NotSame(runtime.SliceOf(b), runtime.SliceOf(i));
            Assert.NotSame(runtime.FuncOf([], [b], false), runtime.FuncOf([], [i], false));
            Assert.NotSame(runtime.FuncOf([], [b, i], false), runtime.FuncOf([], [b], false));
            Assert.Equal("*uint8", runtime.PtrTo(b).ToString());
        }

        [Theory]
        [Requirement("ZV-001")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void InvalidArguments_AreRejectedWithoutCreatingTypes(string name)
        {
            var runtime = Arches.Runtime(name);
            var b = runtime.Uint8Type;
            Assert.Throws<ArgumentNullException>(() => runtime.PtrTo(null!));
            Assert.Throws<ArgumentNullException>(() => runtime.ChanOf(null!));
            Assert.Throws<ArgumentNullException>(() => runtime.MapOf(null!, b));
            Assert.Throws<ArgumentNullException>(() => runtime.MapOf(b, null!));
            Assert.Throws<ArgumentNullException>(() => runtime.FuncOf(null!, [b], false));
            Assert.Throws<ArgumentNullException>(() => runtime.FuncOf(null!, [b], true));
            Assert.Throws<ArgumentNullException>(() => runtime.FuncOf([b], null!, false));
            Assert.Throws<ArgumentNullException>(() => runtime.SliceOf(null!));
            Assert.Throws<ArgumentNullException>(() => runtime.ArrayOf(1, null!));
            Assert.Contains("at least one result type", Assert.Throws<ArgumentException>(() => runtime.FuncOf([b], [], false)).Message, StringComparison.Ordinal);
            Assert.Contains("reflect.FuncOf: last arg of variadic func must be slice", Assert.Throws<ArgumentException>(() => runtime.FuncOf([], [b], true)).Message, StringComparison.Ordinal);
            if (runtime.Architecture.WordBytes == 4)
            {
                var error = Assert.Throws<ArgumentOutOfRangeException>(() => runtime.ArrayOf(1UL << 32, b));
                Assert.Contains($"does not fit the {name} word", error.Message, StringComparison.Ordinal);
            }
        }

        [Theory]
        [Requirement("AR-001", "ZV-004")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ArrayOfZeroSizedElements_AnyCountFitsAndHasSizeZero(string name)
        {
            // count * 0 always fits the word: Go's overflow check divides by the element size only when it is not 0.
            var runtime = Arches.Runtime(name);
            var empty = runtime.ByteArrayOf(0);
            var huge = runtime.ArrayOf(runtime.Architecture.WordMask, empty);
            Assert.Equal(0UL, huge.Size);
            runtime.MakeMapOf(huge);
            Assert.Equal(runtime.StaticZero.Base, huge.ZeroPointer);
        }
    }

    public class CompilerKnown
    {
        [Theory]
        [Requirement("ZV-012", "AR-002")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void GoNames_HaveTheirSizesOnTheArchitecture(string name)
        {
            var runtime = Arches.Runtime(name);
            var word = (ulong)runtime.Architecture.WordBytes;
            (string Name, TypeKind Kind, ulong Size)[] expected =
            [
                ("bool", TypeKind.Bool, 1), ("int8", TypeKind.Int8, 1), ("uint8", TypeKind.Uint8, 1),
                ("int16", TypeKind.Int16, 2), ("uint16", TypeKind.Uint16, 2), ("int32", TypeKind.Int32, 4),
                ("uint32", TypeKind.Uint32, 4), ("int64", TypeKind.Int64, 8), ("uint64", TypeKind.Uint64, 8),
                ("int", TypeKind.Int, word), ("uint", TypeKind.Uint, word), ("uintptr", TypeKind.Uintptr, word),
                ("float64", TypeKind.Float64, 8), ("string", TypeKind.String, 2 * word),
                ("[1025]uint8", TypeKind.Array, 1025), ("[2048]uint8", TypeKind.Array, 2048), ("struct { big [1048576]uint8 }", TypeKind.Struct, 1UL << 20),
            ];
            Assert.Equal(expected.Length, runtime.CompilerTypes.Count);
            foreach (var (goName, kind, size) in expected)
            {
                var type = runtime.CompilerType(goName);
                Assert.True(type.Kind == kind && type.Size == size && type.IsCompilerKnown, $"{name} {goName}: {type.Kind} of {type.Size} bytes, compiler-known {type.IsCompilerKnown}");
            }

            Assert.Same(runtime.CompilerType("uint8"), runtime.Uint8Type);
            Assert.Same(runtime.CompilerType("uint64"), runtime.Uint64Type);
        }

        [Fact]
        [Requirement("ZV-012")]
        public void UnknownName_ThrowsKeyNotFound()
        {
            var error = Assert.Throws<KeyNotFoundException>(() => Arches.Runtime("64le").CompilerType("complex128"));
            Assert.Equal("no compiler-known type 'complex128'", error.Message);
        }
    }
}
