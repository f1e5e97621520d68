using System.Text.RegularExpressions;
using Conformance.Requirements;

namespace Conformance.Tests.Models;

/// <summary>
/// A requirement ID of spec/ (AR-001, SV-003, ZV-015) as a type, so that what a piece of test data is
/// about is a link the compiler and reflection see, not a string in a comment. Only the shape is checked
/// here; a test checks every seeded bug's ID against spec/.
/// </summary>
/// <remarks>Kept in the test project for now; it moves to src/Conformance/Requirements when the broken
/// runtimes, the seam tests and the seeded model bugs join one catalogue.</remarks>
public readonly partial record struct RequirementId
{
    /// <summary>Creates the ID.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not of the form AR-nnn, SV-nnn or ZV-nnn.</exception>
    public RequirementId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Shape().IsMatch(value))
        {
            throw new ArgumentException($"'{value}' is not a requirement ID (AR-nnn, SV-nnn, ZV-nnn)", nameof(value));
        }
        Value = value;
    }

    /// <summary>"ZV-005".</summary>
    public string Value { get; }

    /// <summary>Lets test data write "ZV-005" where a requirement ID is expected.</summary>
    public static implicit operator RequirementId(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    [GeneratedRegex(@"^(AR|SV|ZV)-\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

/// <summary>
/// A plausible bug seeded into a copy of the models: <see cref="Find"/> replaced by <see cref="Replace"/> in
/// <see cref="Model"/> or in the prelude (the text must occur in exactly one of them, once). The prover,
/// given the prelude and that model, must find a shrunk counterexample in an obligation of
/// <see cref="Requirement"/>: the model's obligations can catch that bug, they are not vacuous.
/// </summary>
/// <param name="Requirement">The requirement the bug breaks; the counterexample must name it.</param>
/// <param name="Name">What the bug is, in a few words (unique per requirement).</param>
/// <param name="Model">The model file whose obligations must catch it, e.g. "zero-growth.smt2".</param>
/// <param name="Find">The correct model text.</param>
/// <param name="Replace">The buggy text.</param>
public sealed record SeededModelBug(RequirementId Requirement, string Name, string Model, string Find, string Replace)
{
    /// <summary>"ZV-005: grow by 4096 instead of doubling" (xUnit shows it as the case's name).</summary>
    public override string ToString() => $"{Requirement}: {Name}";
}

/// <summary>The seeded model bugs: at least one for every requirement the models prove.</summary>
public static class SeededModelBugs
{
    /// <summary>Every seeded model bug.</summary>
    public static IReadOnlyList<SeededModelBug> All { get; } =
    [
        new("AR-001", "word mask one bit too wide", "architecture.smt2",
            "(ite (= w #x0000000000000020) #x00000000ffffffff #xffffffffffffffff))",
            "(ite (= w #x0000000000000020) #x00000001ffffffff #xffffffffffffffff))"),
        new("AR-002", "int is eight bytes on 32 bit", "architecture.smt2",
            "       (bvlshr w #x0000000000000003))))))",
            "       #x0000000000000008)))))"),
        new("AR-003", "big endian offset zero", "architecture.smt2",
            "(ite be (bvsub #x0000000000000008 width) #x0000000000000000))",
            "(ite be #x0000000000000000 #x0000000000000000))"),
        new("SV-001", "table stored in the other byte order", "small-values.smt2",
            "(ite be v (bswap64 v)))",
            "(ite be (bswap64 v) v))"),
        new("SV-002", "sixteen bit conversion uses byte offset", "small-values.smt2",
            "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset width be)) fresh))",
            "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset #x0000000000000001 be)) fresh))"),
        new("SV-003", "table bound 257", "small-values.smt2",
            "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000100))",
            "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000101))"),
        new("SV-004", "byte conversion with two byte offset", "small-values.smt2",
            "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))\n; One-byte strings",
            "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000002 be)))\n; One-byte strings"),
        new("SV-005", "one byte strings in a second byte array", "small-values.smt2",
            "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))",
            "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base #x0000000000000800 b))"),
        new("SV-006", "empty string allocates", "small-values.smt2",
            "(ite (= len #x0000000000000000) #x0000000000000000 #x0000000000000001))",
            "#x0000000000000001)"),
        new("ZV-004", "static threshold 1023", "zero-growth.smt2",
            "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x0000000000000400))",
            "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x00000000000003ff))"),
        new("ZV-005", "grow by 4096 instead of doubling", "zero-growth.smt2",
            "(wrap w (bvmul #x0000000000000002 s)))",
            "(wrap w (bvadd s #x0000000000001000)))"),
        new("ZV-005", "first buffer 2048", "zero-growth.smt2",
            "(ite (= prior #x0000000000000000) #x0000000000001000 prior))",
            "(ite (= prior #x0000000000000000) #x0000000000000800 prior))"),
        new("ZV-006", "missing overflow check", "zero-growth.smt2",
            "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  (= s #x0000000000000000))",
            "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  false)"),
        new("ZV-001", "preallocation at type creation", "zero-memory.smt2",
            "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (ite again #x0000000000000000 desc))",
            "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (bvadd desc size))"),
        new("ZV-007", "buffer aligned to 8", "zero-memory.smt2",
            "(persistentalloc w chunk #x0000000000000040))",
            "(persistentalloc w chunk #x0000000000000008))"),
        new("ZV-007", "old buffer freed", "zero-memory.smt2",
            "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  live)",
            "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  (and live (distinct op #x0000000000000002)))"),
        new("ZV-014", "every large type its own buffer", "zero-memory.smt2",
            "(ite (= op #x0000000000000002) (bvadd total grown) total))",
            "(ite (= op #x0000000000000002) (bvadd total grown) (ite (= op #x0000000000000001) (bvadd total size) total)))"),
        new("ZV-009", "lookup writes the zero", "zero-never-written.smt2",
            "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  mem)",
            "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  (store mem zp #x01))"),
        new("SV-007", "conversion writes through the table pointer", "zero-never-written.smt2",
            "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  x)",
            "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  (bvadd tb (bvmul #x0000000000000008 (bvand v #x00000000000000ff))))"),
        new("ZV-015", "allocator ignores the table", "zero-never-written.smt2",
            "       (disj tb tl nb nl) (disj zs zl nb nl)",
            "       (disj zs zl nb nl)"),
        new("ZV-015", "old buffer freed at growth", "zero-never-written.smt2",
            "(define-fun old-live-after-growth ((olive Bool)) Bool\n  olive)",
            "(define-fun old-live-after-growth ((olive Bool)) Bool\n  false)"),
        new("ZV-002", "publish to every type", "zero-publication.smt2",
            "  (ite (and me (= pc #x0000000000000006)) bp\n       z)))",
            "  (ite (= pc #x0000000000000006) bp\n       z)))"),
        new("ZV-003", "static store without size check", "zero-publication.smt2",
            "  (ite (and me (= pc #x0000000000000001) (bvule s #x0000000000000400)) zs\n  (ite (and me (= pc #x0000000000000006)) bp",
            "  (ite (and me (= pc #x0000000000000001)) zs\n  (ite (and me (= pc #x0000000000000006)) bp"),
        new("ZV-008", "old buffer freed at growth", "zero-publication.smt2",
            "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  ready)",
            "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  (and ready (distinct z oldbp)))"),
        new("ZV-016", "publish before allocating", "zero-publication.smt2",
            "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000005)",
            "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000006)"),
        new("ZV-011", "seed without recheck under lock", "zero-publication.smt2",
            "(define-fun recheck ((z (_ BitVec 64))) Bool\n  (distinct z #x0000000000000000))",
            "(define-fun recheck ((z (_ BitVec 64))) Bool\n  false)"),
        new("ZV-012", "compiler zero sized to the last type", "zero-lookup.smt2",
            "(ite (bvugt size czsize) size czsize))",
            "size)"),
        new("ZV-012", "gc hands large compiled types the static zero", "zero-lookup.smt2",
            "       (ite compiled czbase #x0000000000000000)))",
            "       (ite compiled staticbase #x0000000000000000)))"),
        new("ZV-004", "gc reports a 1024-byte run-time type absent", "zero-growth.smt2",
            "(ZV-004.ok size (bvugt size #x0000000000000400) (gc-small-lookup size staticbase)",
            "(ZV-004.ok size (bvuge size #x0000000000000400) (gc-small-lookup size staticbase)"),
        new("ZV-016", "gc serves up to 2048 bytes from the static zero", "zero-lookup.smt2",
            "  (ite (bvule size #x0000000000000400) staticbase\n       (ite compiled czbase #x0000000000000000)))",
            "  (ite (bvule size #x0000000000000800) staticbase\n       (ite compiled czbase #x0000000000000000)))"),
        new("ZV-017", "a lookup allocates a fresh zero", "zero-lookup.smt2",
            "(define-fun lookup-objects () (_ BitVec 64)\n  #x0000000000000000)",
            "(define-fun lookup-objects () (_ BitVec 64)\n  #x0000000000000001)"),
        new("ZV-018", "gc hands large run-time types the static zero", "zero-lookup.smt2",
            "(define-fun gc-absent ((size (_ BitVec 64)) (compiled Bool)) Bool\n  (and (bvugt size #x0000000000000400) (not compiled)))",
            "(define-fun gc-absent ((size (_ BitVec 64)) (compiled Bool)) Bool\n  false)"),
        new("SV-008", "floats always allocate", "small-values.smt2",
            "  (let ((align (ite (= width #x0000000000000004) #x0000000000000004 (uint64-align w))))",
            "  (let ((align #x0000000000000001))"),
        new("SV-009", "table offset of the alignment, not the size", "small-values.smt2",
            "  (ite (takes-table w size align) (conv-ptr be base v size fresh) fresh))",
            "  (ite (takes-table w size align) (conv-ptr be base v align fresh) fresh))"),
        new("SV-010", "zero-sized values allocate", "small-values.smt2",
            "(define-fun conv-zero-sized-objects () (_ BitVec 64)\n  #x0000000000000000)",
            "(define-fun conv-zero-sized-objects () (_ BitVec 64)\n  #x0000000000000001)"),
        new("SV-011", "empty slices served from the zero", "small-values.smt2",
            "(SV-011.ok zerobase (conv-slice-ptr zerobase zb fresh) zb",
            "(SV-011.ok zerobase (conv-slice-ptr zerobase #x0000000000000000 fresh) zb"),
    ];
}
