using Conformance.Requirements;

namespace Conformance.Tests.Models;

/// <summary>
/// A plausible bug seeded into a copy of the models: <see cref="Find"/> replaced by <see cref="Replace"/> in
/// <see cref="Model"/> or in the prelude (the text must occur in exactly one of them, once). The prover,
/// given the prelude and that model, must find a shrunk counterexample in an obligation of
/// <see cref="Requirement"/>: the model's obligations can catch that bug, they are not vacuous.
/// </summary>
/// <param name="Bug">The known bug it seeds (<see cref="KnownBugs"/>, marked <see cref="BugRealisations.Model"/>): what is
/// broken and the requirement whose obligation must catch it.</param>
/// <param name="Name">The key of its line in golden/seeded-bugs.txt, with the requirement (unique per requirement); the
/// golden lines were recorded under these names before the catalogue existed.</param>
/// <param name="Model">The model file whose obligations must catch it, e.g. "zero-growth.smt2".</param>
/// <param name="Find">The correct model text.</param>
/// <param name="Replace">The buggy text.</param>
public sealed record SeededModelBug(KnownBug Bug, string Name, string Model, string Find, string Replace)
{
    /// <summary>The requirement the bug breaks (the catalogue entry's); the counterexample must name it.</summary>
    public RequirementId Requirement => Bug.Requirement;

    /// <summary>"ZV-005: grow by 4096 instead of doubling" (xUnit shows it as the case's name).</summary>
    public override string ToString() => $"{Requirement}: {Name}";
}

/// <summary>The seeded model bugs: at least one for every requirement the models prove.</summary>
public static class SeededModelBugs
{
    /// <summary>Every seeded model bug.</summary>
    public static IReadOnlyList<SeededModelBug> All { get; } =
    [
        new(KnownBugs.WordMaskTooWide, "word mask one bit too wide", "architecture.smt2",
            "(ite (= w #x0000000000000020) #x00000000ffffffff #xffffffffffffffff))",
            "(ite (= w #x0000000000000020) #x00000001ffffffff #xffffffffffffffff))"),
        new(KnownBugs.IntIs8Bytes, "int is eight bytes on 32 bit", "architecture.smt2",
            "       (bvlshr w #x0000000000000003))))))",
            "       #x0000000000000008)))))"),
        new(KnownBugs.NoBigEndianBump, "big endian offset zero", "architecture.smt2",
            "(ite be (bvsub #x0000000000000008 width) #x0000000000000000))",
            "(ite be #x0000000000000000 #x0000000000000000))"),
        new(KnownBugs.TableOtherByteOrder, "table stored in the other byte order", "small-values.smt2",
            "(ite be v (bswap64 v)))",
            "(ite be (bswap64 v) v))"),
        new(KnownBugs.Uint16ByteOffset, "sixteen bit conversion uses byte offset", "small-values.smt2",
            "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset width be)) fresh))",
            "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset #x0000000000000001 be)) fresh))"),
        new(KnownBugs.TableBound257, "table bound 257", "small-values.smt2",
            "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000100))",
            "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000101))"),
        new(KnownBugs.ByteTwoByteOffset, "byte conversion with two byte offset", "small-values.smt2",
            "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))\n; One-byte strings",
            "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000002 be)))\n; One-byte strings"),
        new(KnownBugs.SecondByteTable, "one byte strings in a second byte array", "small-values.smt2",
            "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))",
            "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base #x0000000000000800 b))"),
        new(KnownBugs.EmptyStringAllocates, "empty string allocates", "small-values.smt2",
            "(ite (= len #x0000000000000000) #x0000000000000000 #x0000000000000001))",
            "#x0000000000000001)"),
        new(KnownBugs.Threshold1023, "static threshold 1023", "zero-growth.smt2",
            "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x0000000000000400))",
            "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x00000000000003ff))"),
        new(KnownBugs.GrowBy4096, "grow by 4096 instead of doubling", "zero-growth.smt2",
            "(wrap w (bvmul #x0000000000000002 s)))",
            "(wrap w (bvadd s #x0000000000001000)))"),
        new(KnownBugs.FirstBuffer2048, "first buffer 2048", "zero-growth.smt2",
            "(ite (= prior #x0000000000000000) #x0000000000001000 prior))",
            "(ite (= prior #x0000000000000000) #x0000000000000800 prior))"),
        new(KnownBugs.SilentWrap, "missing overflow check", "zero-growth.smt2",
            "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  (= s #x0000000000000000))",
            "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  false)"),
        new(KnownBugs.PreallocatedZero, "preallocation at type creation", "zero-memory.smt2",
            "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (ite again #x0000000000000000 desc))",
            "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (bvadd desc size))"),
        new(KnownBugs.UnalignedBuffer, "buffer aligned to 8", "zero-memory.smt2",
            "(persistentalloc w chunk #x0000000000000040))",
            "(persistentalloc w chunk #x0000000000000008))"),
        new(KnownBugs.OldBufferFreed, "old buffer freed", "zero-memory.smt2",
            "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  live)",
            "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  (and live (distinct op #x0000000000000002)))"),
        new(KnownBugs.BufferPerType, "every large type its own buffer", "zero-memory.smt2",
            "(ite (= op #x0000000000000002) (bvadd total grown) total))",
            "(ite (= op #x0000000000000002) (bvadd total grown) (ite (= op #x0000000000000001) (bvadd total size) total)))"),
        new(KnownBugs.LookupWritesZero, "lookup writes the zero", "zero-never-written.smt2",
            "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  mem)",
            "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  (store mem zp #x01))"),
        new(KnownBugs.ConversionWritesTable, "conversion writes through the table pointer", "zero-never-written.smt2",
            "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  x)",
            "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  (bvadd tb (bvmul #x0000000000000008 (bvand v #x00000000000000ff))))"),
        new(KnownBugs.AllocatorIgnoresTable, "allocator ignores the table", "zero-never-written.smt2",
            "       (disj tb tl nb nl) (disj zs zl nb nl)",
            "       (disj zs zl nb nl)"),
        new(KnownBugs.OldBufferReallocated, "old buffer freed at growth", "zero-never-written.smt2",
            "(define-fun old-live-after-growth ((olive Bool)) Bool\n  olive)",
            "(define-fun old-live-after-growth ((olive Bool)) Bool\n  false)"),
        new(KnownBugs.PublishToEveryType, "publish to every type", "zero-publication.smt2",
            "  (ite (and me (= pc #x0000000000000006)) bp\n       z)))",
            "  (ite (= pc #x0000000000000006) bp\n       z)))"),
        new(KnownBugs.StaticWithoutSizeCheck, "static store without size check", "zero-publication.smt2",
            "  (ite (and me (= pc #x0000000000000001) (bvule s #x0000000000000400)) zs\n  (ite (and me (= pc #x0000000000000006)) bp",
            "  (ite (and me (= pc #x0000000000000001)) zs\n  (ite (and me (= pc #x0000000000000006)) bp"),
        new(KnownBugs.OldBufferLost, "old buffer freed at growth", "zero-publication.smt2",
            "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  ready)",
            "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  (and ready (distinct z oldbp)))"),
        new(KnownBugs.PublishBeforeAllocateUncovered, "publish before allocating", "zero-publication.smt2",
            "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000005)",
            "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000006)"),
        new(KnownBugs.NoRecheckUnderLock, "seed without recheck under lock", "zero-publication.smt2",
            "(define-fun recheck ((z (_ BitVec 64))) Bool\n  (distinct z #x0000000000000000))",
            "(define-fun recheck ((z (_ BitVec 64))) Bool\n  false)"),
        new(KnownBugs.CompilerZeroLastType, "compiler zero sized to the last type", "zero-lookup.smt2",
            "(ite (bvugt size czsize) size czsize))",
            "size)"),
        new(KnownBugs.CompilerTypesStatic, "gc hands large compiled types the static zero", "zero-lookup.smt2",
            "       (ite compiled czbase #x0000000000000000)))",
            "       (ite compiled staticbase #x0000000000000000)))"),
        new(KnownBugs.GcAbsentAt1024, "gc reports a 1024-byte run-time type absent", "zero-growth.smt2",
            "(ZV-004.ok size (bvugt size #x0000000000000400) (gc-small-lookup size staticbase)",
            "(ZV-004.ok size (bvuge size #x0000000000000400) (gc-small-lookup size staticbase)"),
        new(KnownBugs.GcStaticUpTo2048, "gc serves up to 2048 bytes from the static zero", "zero-lookup.smt2",
            "  (ite (bvule size #x0000000000000400) staticbase\n       (ite compiled czbase #x0000000000000000)))",
            "  (ite (bvule size #x0000000000000800) staticbase\n       (ite compiled czbase #x0000000000000000)))"),
        new(KnownBugs.LookupAllocates, "a lookup allocates a fresh zero", "zero-lookup.smt2",
            "(define-fun lookup-objects () (_ BitVec 64)\n  #x0000000000000000)",
            "(define-fun lookup-objects () (_ BitVec 64)\n  #x0000000000000001)"),
        new(KnownBugs.GcLargeNotAbsent, "gc hands large run-time types the static zero", "zero-lookup.smt2",
            "(define-fun gc-absent ((size (_ BitVec 64)) (compiled Bool)) Bool\n  (and (bvugt size #x0000000000000400) (not compiled)))",
            "(define-fun gc-absent ((size (_ BitVec 64)) (compiled Bool)) Bool\n  false)"),
        new(KnownBugs.FloatsAllocate, "floats always allocate", "small-values.smt2",
            "  (let ((align (ite (= width #x0000000000000004) #x0000000000000004 (uint64-align w))))",
            "  (let ((align #x0000000000000001))"),
        new(KnownBugs.OffsetOfAlignment, "table offset of the alignment, not the size", "small-values.smt2",
            "  (ite (takes-table w size align) (conv-ptr be base v size fresh) fresh))",
            "  (ite (takes-table w size align) (conv-ptr be base v align fresh) fresh))"),
        new(KnownBugs.ZeroSizedAllocates, "zero-sized values allocate", "small-values.smt2",
            "(define-fun conv-zero-sized-objects () (_ BitVec 64)\n  #x0000000000000000)",
            "(define-fun conv-zero-sized-objects () (_ BitVec 64)\n  #x0000000000000001)"),
        new(KnownBugs.EmptySliceIsNil, "empty slices served from the zero", "small-values.smt2",
            "(SV-011.ok zerobase (conv-slice-ptr zerobase zb fresh) zb",
            "(SV-011.ok zerobase (conv-slice-ptr zerobase #x0000000000000000 fresh) zb"),
    ];
}
