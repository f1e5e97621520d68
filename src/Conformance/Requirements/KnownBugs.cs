using System.Reflection;
using static Conformance.Requirements.BugRealisations;

namespace Conformance.Requirements;

/// <summary>The lists of deliberately broken things a known bug appears in (one or more).</summary>
[Flags]
public enum BugRealisations
{
    /// <summary>Nowhere: not a valid value for a catalogue entry (a test rejects it).</summary>
    None = 0,

    /// <summary>A zoo variant (src/Conformance.Cli/Wiring/Zoo.cs): a broken reference runtime that <c>run</c> must reject under the entry's requirement.</summary>
    Zoo = 1,

    /// <summary>A seam test (tests/Reference.Tests, marked <c>[KnownBug("name")]</c>): a derived reference runtime shown to be observably wrong.</summary>
    Seam = 2,

    /// <summary>A seeded model bug (tests/Conformance.Tests/Models/SeededModelBugs.cs): a model edit the prover must catch with a shrunk counterexample.</summary>
    Model = 4,

    /// <summary>A patched real Go runtime (adapters/go/zoo/bugs.txt, one line naming the entry): the suite must fail it under the entry's requirement.</summary>
    GoPatch = 8,
}

/// <summary>One known bug: what is broken and the one requirement under which it must be caught.</summary>
/// <param name="Name">Stable, unique, kebab-case ("no-big-endian-bump"): the zoo variant's name (<c>serve zoo:NAME:ARCH</c>), what a seam test's <c>[KnownBug]</c> names and the first field of a Go patch's line in adapters/go/zoo/bugs.txt.</param>
/// <param name="Requirement">The requirement the bug breaks: the suite must fail the zoo variant and the patched Go runtime on it, the seeded model bug's counterexample must name it, and a seam test showing it must carry it in its <c>[Requirement]</c>.</param>
/// <param name="Description">What is broken, in one line: the zoo's line shows it.</param>
/// <param name="RealisedIn">The lists that realise it; tests check each list against this, both ways.</param>
public sealed record KnownBug(string Name, RequirementId Requirement, string Description, BugRealisations RealisedIn)
{
    /// <summary>"no-big-endian-bump (AR-003)".</summary>
    public override string ToString() => $"{Name} ({Requirement})";
}

/// <summary>
/// The catalogue of known bugs: the one home of every deliberately broken thing's name, requirement and description.
/// The zoo, the seam tests, the seeded model bugs and the patched Go runtimes refer to an entry (the zoo and the seeded
/// bugs by these properties, which the compiler sees; the seam tests, which must not reference the suite, by name in
/// <c>[KnownBug]</c>, which a test reads from the compiled assembly; the Go patches by name in adapters/go/zoo/bugs.txt,
/// which a test reads from the repository). Where two lists break the same thing the same way,
/// they share one entry; the same mistake caught under another requirement is another entry. Grouped by requirement.
/// </summary>
public static class KnownBugs
{
#pragma warning disable CS1591 // Each entry's Description documents it; a summary beside it would be a second copy.
    // AR: architectures

    public static KnownBug PointerPastWord { get; } = new("pointer-past-word", "AR-001", "large values are boxed at an address above the 32-bit word", Zoo);
    public static KnownBug WordMaskTooWide { get; } = new("word-mask-too-wide", "AR-001", "32-bit word arithmetic is masked to 33 bits", Model);
    public static KnownBug IntIs8Bytes { get; } = new("int-is-8-bytes", "AR-002", "int, uint and uintptr are stored in 8 bytes on 32-bit machines", Zoo | Model);
    public static KnownBug NoBigEndianBump { get; } = new("no-big-endian-bump", "AR-003", "the table pointer is not bumped on big-endian machines", Zoo | Seam | Model);
    public static KnownBug ConvT16BeOffset { get; } = new("convt16-be-offset", "AR-003", "convT16's big-endian offset is 4 instead of 6", GoPatch);
    public static KnownBug ConvT32BeOffset { get; } = new("convt32-be-offset", "AR-003", "convT32 forgets the big-endian offset (points at the slot's high bytes)", GoPatch);

    // SV: the small-value table

    public static KnownBug TableLittleEndian { get; } = new("table-little-endian", "SV-001", "the table's slots are written little-endian on every machine", Zoo);
    public static KnownBug TableOtherByteOrder { get; } = new("table-other-byte-order", "SV-001", "every machine stores the table's slots in the other byte order", Model);
    public static KnownBug TableSlot5 { get; } = new("table-slot5", "SV-001", "staticuint64s[5] holds 6 instead of 5", GoPatch);
    public static KnownBug TableBound255 { get; } = new("table-bound-255", "SV-002", "the table serves values below 255 only (255 allocates)", Zoo);
    public static KnownBug Uint16ByteOffset { get; } = new("uint16-byte-offset", "SV-002", "a 16-bit conversion points at the table with a 1-byte value's offset", Model);
    public static KnownBug NoTable { get; } = new("no-table", "SV-002", "no value fits the table: every small value wider than a byte allocates", Seam);
    public static KnownBug ConvT64Below128 { get; } = new("convt64-below-128", "SV-002", "convT64 uses the table only below 128: 128..255 allocate", GoPatch);
    public static KnownBug TableBound257 { get; } = new("table-bound-257", "SV-003", "the table serves 256 too, from past its end", Zoo | Model);
    public static KnownBug FallbackAllocatesTwice { get; } = new("fallback-allocates-twice", "SV-003", "a large value allocates two objects", Zoo);
    public static KnownBug BytesAllocate { get; } = new("bytes-allocate", "SV-004", "uint8 values are boxed on the heap", Zoo);
    public static KnownBug ByteTwoByteOffset { get; } = new("byte-two-byte-offset", "SV-004", "a 1-byte conversion points at the table with a 2-byte value's offset", Model);
    public static KnownBug SecondByteTable { get; } = new("second-byte-table", "SV-005", "one-byte strings come from a second table of bytes", Zoo | Model);
    public static KnownBug OneByteWrongSlot { get; } = new("onebyte-wrong-slot", "SV-005", "slicebytetostring points a one-byte string at the neighbouring slot", GoPatch);
    public static KnownBug OneByteBigEndianOffset { get; } = new("onebyte-be-offset", "SV-005", "a one-byte string's big-endian offset is 0 instead of 7", GoPatch);
    public static KnownBug EmptyStringAllocates { get; } = new("empty-string-allocates", "SV-006", "converting the empty string allocates", Zoo | Model);
    public static KnownBug ConvTstringOffByOne { get; } = new("convtstring-off-by-one", "SV-006", "\"\" converted to an interface points one byte into the zero", GoPatch);
    public static KnownBug ConvTsliceAllocates { get; } = new("convtslice-allocates", "SV-006", "a nil slice converted to an interface allocates", GoPatch);
    public static KnownBug ConversionWritesTable { get; } = new("conversion-writes-table", "SV-007", "converting 42 writes slot 42 of the table", Zoo | Model);
    public static KnownBug FloatsAllocate { get; } = new("floats-allocate", "SV-008", "float32 and float64 always allocate, even with bits below 256", Zoo | Model);
    public static KnownBug Pair32Truncated { get; } = new("pair32-truncated", "SV-009", "struct { a, b uint32 } is converted as if it were 4 bytes", Zoo);
    public static KnownBug OffsetOfAlignment { get; } = new("offset-of-alignment", "SV-009", "a small pointer-free value points at the table with its alignment's offset, not its size's", Model);
    public static KnownBug ZeroSizedAllocates { get; } = new("zero-sized-allocates", "SV-010", "converting struct{} allocates a 1-byte object", Zoo | Model);
    public static KnownBug EmptySliceIsNil { get; } = new("empty-slice-is-nil", "SV-011", "an empty non-nil slice is served from the shared zero (reads back as nil)", Zoo | Model);

    // ZV: zero values

    public static KnownBug PreallocatedZero { get; } = new("preallocated-zero", "ZV-001", "creating a type allocates its zero (the pre-2015 reflect)", Zoo | Seam | Model);
    public static KnownBug ZeroSetByPtrTo { get; } = new("zero-set-by-ptrto", "ZV-002", "PtrTo sets the element type's zero pointer", Zoo);
    public static KnownBug PublishToEveryType { get; } = new("publish-to-every-type", "ZV-002", "the grown buffer is published to every type, not only to the one being mapped", Model);
    public static KnownBug RepointOnGrowth { get; } = new("repoint-on-growth", "ZV-003", "growth moves every type's zero pointer to the new buffer", Zoo);
    public static KnownBug StaticWithoutSizeCheck { get; } = new("static-without-size-check", "ZV-003", "a type of any size is given the static zero first, then moved to the buffer", Model);
    public static KnownBug OverwritingPublish { get; } = new("overwriting-publish", "ZV-003", "publication stores unconditionally (an atomicstorep), moving a published zero pointer", Seam);
    public static KnownBug Threshold1023 { get; } = new("threshold-1023", "ZV-004", "a 1024-byte type does not use the static zero", Zoo | Model);
    public static KnownBug LookupHandsOutEntry { get; } = new("lookup-hands-out-entry", "ZV-004", "a missing key differing from a stored key only in its lowest bit gets that entry (a key comparison ignoring bit 0)", Zoo);
    public static KnownBug GcAbsentAt1024 { get; } = new("gc-absent-at-1024", "ZV-004", "gc design: a 1024-byte run-time type is reported absent (the boundary of zero.absent-large)", Zoo | Model);
    public static KnownBug LookupEmptyPastZero { get; } = new("lookup-empty-past-zero", "ZV-004", "mapaccess2 hands out zeroVal+8 for a missing key of an empty map", GoPatch);
    public static KnownBug GrowWhenExactlyFull { get; } = new("grow-when-exactly-full", "ZV-005", "the buffer doubles even when it already holds exactly the type's size", Zoo);
    public static KnownBug GrowBy4096 { get; } = new("grow-by-4096", "ZV-005", "the buffer grows by +4096 instead of doubling", Zoo | Seam | Model);
    public static KnownBug FirstBuffer2048 { get; } = new("first-buffer-2048", "ZV-005", "the first on-demand buffer is 2048 bytes instead of 4096", Model);
    public static KnownBug NoGrowth { get; } = new("no-growth", "ZV-005", "growth keeps the buffer's size: it never becomes large enough", Seam);
    public static KnownBug SilentWrap { get; } = new("silent-wrap", "ZV-006", "doubling wraps silently (no overflow check) and a truncated buffer is used", Zoo | Seam | Model);
    public static KnownBug WrongOverflowMessage { get; } = new("wrong-overflow-message", "ZV-006", "doubling past the word throws \"map value too large\"", Zoo);
    public static KnownBug UnalignedBuffer { get; } = new("unaligned-buffer", "ZV-007", "the zero buffer is only 8-byte aligned", Zoo | Model);
    public static KnownBug UnalignedAfterGrowth { get; } = new("unaligned-after-growth", "ZV-007", "buffers from the third on are only 8-byte aligned (the first two are 64-byte aligned)", Zoo);
    public static KnownBug OldBufferFreed { get; } = new("old-buffer-freed", "ZV-007", "growth frees the older buffer", Zoo | Model);
    public static KnownBug OldBufferReused { get; } = new("old-buffer-reused", "ZV-008", "growth writes the older buffer (reused as scratch)", Zoo);
    public static KnownBug OldBufferLost { get; } = new("old-buffer-lost", "ZV-008", "growth frees the older buffer, so a type pointing at it no longer has a valid zero", Model);
    public static KnownBug LookupWritesZero { get; } = new("lookup-writes-zero", "ZV-009", "a missing-key lookup writes a byte of the zero", Zoo | Seam | Model | GoPatch);
    public static KnownBug NonZeroDeepInBuffer { get; } = new("nonzero-deep-in-buffer", "ZV-009", "a buffer of 1 MiB or more holds one non-zero byte three quarters of the way in", Zoo);
    public static KnownBug PublishBeforeAllocate { get; } = new("publish-before-allocate", "ZV-011", "the zero pointer is published before the buffer is allocated", Zoo | Seam);
    public static KnownBug PublishBeforeAllocateOneIn2 { get; } = new("publish-before-allocate-1-in-2", "ZV-011", "in 1 of 2 growths (at random), the zero pointer is published before the buffer is allocated", Zoo);
    public static KnownBug PublishBeforeAllocateOneIn4 { get; } = new("publish-before-allocate-1-in-4", "ZV-011", "in 1 of 4 growths (at random), the zero pointer is published before the buffer is allocated", Zoo);
    public static KnownBug NoRecheckUnderLock { get; } = new("no-recheck-under-lock", "ZV-011", "the type's zero is not read again under the lock (the seed's code): a second pointer can be published", Model);
    public static KnownBug CompilerTypesStatic { get; } = new("compiler-types-static", "ZV-012", "large compiler-known types get the 1024-byte static zero", Zoo | Model);
    public static KnownBug GcCompilerZeroSmallest { get; } = new("gc-compiler-zero-smallest", "ZV-012", "gc design: the linker sizes the compiler's zero to the smallest large type", Zoo | Seam);
    public static KnownBug CompilerZeroLastType { get; } = new("compiler-zero-last-type", "ZV-012", "the linker sizes the compiler's zero to the last type it sees, not the largest", Model);
    public static KnownBug BufferPerType { get; } = new("buffer-per-type", "ZV-014", "every large type gets a buffer of its own", Zoo | Model);
    public static KnownBug ValueInZero { get; } = new("value-in-zero", "ZV-015", "large values are boxed inside the compiler's zero region", Zoo);
    public static KnownBug BoxesOverlap { get; } = new("boxes-overlap", "ZV-015", "every second large value is boxed half-way into the one before it", Zoo);
    public static KnownBug AllocatorIgnoresTable { get; } = new("allocator-ignores-table", "ZV-015", "the allocator may place a new object over the table", Model);
    public static KnownBug OldBufferReallocated { get; } = new("old-buffer-reallocated", "ZV-015", "growth frees the older buffer, so a new object may be placed over it", Model);
    public static KnownBug ZeroTooSmall { get; } = new("zero-too-small", "ZV-016", "the buffer grows to a quarter of the type's size", Zoo);
    public static KnownBug GcStaticUpTo2048 { get; } = new("gc-static-up-to-2048", "ZV-016", "gc design: run-time types up to 2048 bytes get the 1024-byte static zero", Zoo | Model);
    // publish-before-allocate as the models catch it: by the zero handed out, not by the publication.
    public static KnownBug PublishBeforeAllocateUncovered { get; } = new("publish-before-allocate-uncovered", "ZV-016", "the zero pointer is published before the buffer is allocated, so the zero handed out covers nothing", Model);
    public static KnownBug LookupAllocates { get; } = new("lookup-allocates", "ZV-017", "a missing-key lookup returns a fresh zeroed object", Zoo | Model);
    public static KnownBug LookupPastZero { get; } = new("lookup-past-zero", "ZV-017", "mapaccess2 hands out zeroVal+8 for a missing key", GoPatch);
    public static KnownBug GcLargeFromBuffer { get; } = new("gc-large-from-buffer", "ZV-018", "gc design: large run-time types get a shared on-demand zero instead of absent", Zoo);
    public static KnownBug GcAbsentAllocates { get; } = new("gc-absent-allocates", "ZV-018", "gc design: reporting a large key absent allocates one object", Zoo);
    public static KnownBug GcLargeNotAbsent { get; } = new("gc-large-not-absent", "ZV-018", "gc design: a missing key of a large run-time type is not reported absent", Model);

#pragma warning restore CS1591

    /// <summary>Every entry (each property above), ordered by requirement, then name.</summary>
    public static IReadOnlyList<KnownBug> All { get; } = [.. typeof(KnownBugs).GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(KnownBug))
        .Select(p => (KnownBug)p.GetValue(null)!)
        .OrderBy(b => b.Requirement.Value, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal)];

    /// <summary>The entry called <paramref name="name"/>, or null.</summary>
    public static KnownBug? Named(string name) => All.FirstOrDefault(b => b.Name == name);
}
