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
/// <param name="Model">The model file whose obligations must catch it, e.g. "zero-growth.smt2".</param>
/// <param name="Find">The correct model text.</param>
/// <param name="Replace">The buggy text.</param>
public sealed record SeededModelBug(KnownBug Bug, string Model, string Find, string Replace)
{
    /// <summary>The catalogue entry's name: the key of its line in golden/seeded-bugs.txt, with the requirement.</summary>
    public string Name => Bug.Name;

    /// <summary>The requirement the bug breaks (the catalogue entry's); the counterexample must name it.</summary>
    public RequirementId Requirement => Bug.Requirement;

    /// <summary>"ZV-005: grow-by-4096" (xUnit shows it as the case's name).</summary>
    public override string ToString() => $"{Requirement}: {Name}";
}

/// <summary>The seeded model bugs: at least one for every requirement the models prove.</summary>
public static class SeededModelBugs
{
    /// <summary>Every seeded model bug.</summary>
    public static IReadOnlyList<SeededModelBug> All { get; } =
    [
        new(KnownBugs.WordMaskTooWide, "architecture.smt2",
            "(ite (= w #x0000000000000020) #x00000000ffffffff #xffffffffffffffff))",
            "(ite (= w #x0000000000000020) #x00000001ffffffff #xffffffffffffffff))"),
        new(KnownBugs.IntIs8Bytes, "architecture.smt2",
            "       (bvlshr w #x0000000000000003))))))",
            "       #x0000000000000008)))))"),
        new(KnownBugs.NoBigEndianBump, "architecture.smt2",
            "(ite be (bvsub #x0000000000000008 width) #x0000000000000000))",
            "(ite be #x0000000000000000 #x0000000000000000))"),
        new(KnownBugs.TableOtherByteOrder, "small-values.smt2",
            "(ite be v (bswap64 v)))",
            "(ite be (bswap64 v) v))"),
        new(KnownBugs.Uint16ByteOffset, "small-values.smt2",
            "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset width be)) fresh))",
            "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset #x0000000000000001 be)) fresh))"),
        new(KnownBugs.TableBound257, "small-values.smt2",
            "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000100))",
            "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000101))"),
        new(KnownBugs.ByteTwoByteOffset, "small-values.smt2",
            "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))\n; One-byte strings",
            "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000002 be)))\n; One-byte strings"),
        new(KnownBugs.SecondByteTable, "small-values.smt2",
            "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))",
            "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base #x0000000000000800 b))"),
        new(KnownBugs.EmptyStringAllocates, "small-values.smt2",
            "(ite (= len #x0000000000000000) #x0000000000000000 #x0000000000000001))",
            "#x0000000000000001)"),
        new(KnownBugs.Threshold1023, "zero-growth.smt2",
            "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x0000000000000400))",
            "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x00000000000003ff))"),
        new(KnownBugs.GrowBy4096, "zero-growth.smt2",
            "(wrap w (bvmul #x0000000000000002 s)))",
            "(wrap w (bvadd s #x0000000000001000)))"),
        new(KnownBugs.FirstBuffer2048, "zero-growth.smt2",
            "(ite (= prior #x0000000000000000) #x0000000000001000 prior))",
            "(ite (= prior #x0000000000000000) #x0000000000000800 prior))"),
        new(KnownBugs.SilentWrap, "zero-growth.smt2",
            "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  (= s #x0000000000000000))",
            "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  false)"),
        new(KnownBugs.PreallocatedZero, "zero-memory.smt2",
            "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (ite again #x0000000000000000 desc))",
            "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (bvadd desc size))"),
        new(KnownBugs.UnalignedBuffer, "zero-memory.smt2",
            "(persistentalloc w chunk #x0000000000000040))",
            "(persistentalloc w chunk #x0000000000000008))"),
        new(KnownBugs.OldBufferFreed, "zero-memory.smt2",
            "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  live)",
            "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  (and live (distinct op #x0000000000000002)))"),
        new(KnownBugs.BufferPerType, "zero-memory.smt2",
            "(ite (= op #x0000000000000002) (bvadd total grown) total))",
            "(ite (= op #x0000000000000002) (bvadd total grown) (ite (= op #x0000000000000001) (bvadd total size) total)))"),
        new(KnownBugs.LookupWritesZero, "zero-never-written.smt2",
            "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  mem)",
            "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  (store mem zp #x01))"),
        new(KnownBugs.ConversionWritesTable, "zero-never-written.smt2",
            "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  x)",
            "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  (bvadd tb (bvmul #x0000000000000008 (bvand v #x00000000000000ff))))"),
        new(KnownBugs.AllocatorIgnoresTable, "zero-never-written.smt2",
            "       (disj tb tl nb nl) (disj zs zl nb nl)",
            "       (disj zs zl nb nl)"),
        new(KnownBugs.OldBufferReallocated, "zero-never-written.smt2",
            "(define-fun old-live-after-growth ((olive Bool)) Bool\n  olive)",
            "(define-fun old-live-after-growth ((olive Bool)) Bool\n  false)"),
        new(KnownBugs.PublishToEveryType, "zero-publication.smt2",
            "  (ite (and me (= pc #x0000000000000006)) bp\n       z)))",
            "  (ite (= pc #x0000000000000006) bp\n       z)))"),
        new(KnownBugs.StaticWithoutSizeCheck, "zero-publication.smt2",
            "  (ite (and me (= pc #x0000000000000001) (bvule s #x0000000000000400)) zs\n  (ite (and me (= pc #x0000000000000006)) bp",
            "  (ite (and me (= pc #x0000000000000001)) zs\n  (ite (and me (= pc #x0000000000000006)) bp"),
        new(KnownBugs.OldBufferLost, "zero-publication.smt2",
            "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  ready)",
            "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  (and ready (distinct z oldbp)))"),
        new(KnownBugs.PublishBeforeAllocateUncovered, "zero-publication.smt2",
            "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000005)",
            "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000006)"),
        new(KnownBugs.NoRecheckUnderLock, "zero-publication.smt2",
            "(define-fun recheck ((z (_ BitVec 64))) Bool\n  (distinct z #x0000000000000000))",
            "(define-fun recheck ((z (_ BitVec 64))) Bool\n  false)"),
        new(KnownBugs.CompilerZeroLastType, "zero-lookup.smt2",
            "(ite (bvugt size czsize) size czsize))",
            "size)"),
        new(KnownBugs.CompilerTypesStatic, "zero-lookup.smt2",
            "       (ite compiled czbase #x0000000000000000)))",
            "       (ite compiled staticbase #x0000000000000000)))"),
        new(KnownBugs.GcAbsentAt1024, "zero-growth.smt2",
            "(ZV-004.ok size (bvugt size #x0000000000000400) (gc-small-lookup size staticbase)",
            "(ZV-004.ok size (bvuge size #x0000000000000400) (gc-small-lookup size staticbase)"),
        new(KnownBugs.GcStaticUpTo2048, "zero-lookup.smt2",
            "  (ite (bvule size #x0000000000000400) staticbase\n       (ite compiled czbase #x0000000000000000)))",
            "  (ite (bvule size #x0000000000000800) staticbase\n       (ite compiled czbase #x0000000000000000)))"),
        new(KnownBugs.LookupAllocates, "zero-lookup.smt2",
            "(define-fun lookup-objects () (_ BitVec 64)\n  #x0000000000000000)",
            "(define-fun lookup-objects () (_ BitVec 64)\n  #x0000000000000001)"),
        new(KnownBugs.GcLargeNotAbsent, "zero-lookup.smt2",
            "(define-fun gc-absent ((size (_ BitVec 64)) (compiled Bool)) Bool\n  (and (bvugt size #x0000000000000400) (not compiled)))",
            "(define-fun gc-absent ((size (_ BitVec 64)) (compiled Bool)) Bool\n  false)"),
        new(KnownBugs.FloatsAllocate, "small-values.smt2",
            "  (let ((align (ite (= width #x0000000000000004) #x0000000000000004 (uint64-align w))))",
            "  (let ((align #x0000000000000001))"),
        new(KnownBugs.OffsetOfAlignment, "small-values.smt2",
            "  (ite (takes-table w size align) (conv-ptr be base v size fresh) fresh))",
            "  (ite (takes-table w size align) (conv-ptr be base v align fresh) fresh))"),
        new(KnownBugs.ZeroSizedAllocates, "small-values.smt2",
            "(define-fun conv-zero-sized-objects () (_ BitVec 64)\n  #x0000000000000000)",
            "(define-fun conv-zero-sized-objects () (_ BitVec 64)\n  #x0000000000000001)"),
        new(KnownBugs.EmptySliceIsNil, "small-values.smt2",
            "(SV-011.ok zerobase (conv-slice-ptr zerobase zb fresh) zb",
            "(SV-011.ok zerobase (conv-slice-ptr zerobase #x0000000000000000 fresh) zb"),
    ];
}
