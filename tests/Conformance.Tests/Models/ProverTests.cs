using Conformance.Models;
using Conformance.Oracle;
using Conformance.Smt;
using Xunit.Abstractions;

namespace Conformance.Tests.Models;

public sealed class ProverTests(ITestOutputHelper output) : IDisposable
{
    private readonly Z3NativeSolver solver = new();

    public void Dispose() => solver.Dispose();

    private void AllProved(string file)
    {
        var catalog = ModelCatalog.LoadEmbedded();
        var obligations = catalog.Obligations.Where(o => o.Source.StartsWith(file + ":", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(obligations);
        var prover = new Prover(solver, 120_000);
        var results = obligations.Select(prover.Prove).ToList();
        var notProved = results.Where(r => r.Verdict != ProofVerdict.Proved).Select(r => r.Describe()).ToList();
        Assert.True(notProved.Count == 0, string.Join("\n", notProved));
        // The same obligations, architectures and verdicts as the golden list.
        Golden.AssertSameLines(Golden.Obligations.Where(l => l.StartsWith(file + "\t", StringComparison.Ordinal)), results.Select(r => Golden.Line(r.Obligation, r.Verdict)), $"{file}'s obligations and verdicts");
        // Every architecture is covered for every requirement the file proves.
        foreach (var id in obligations.SelectMany(o => o.Requirements).Distinct())
        {
            Assert.Equal(["32be", "32le", "64be", "64le"], obligations.Where(o => o.Requirements.Contains(id)).Select(o => o.Arch).Distinct().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Catalog_IsTheGoldenList()
    {
        var catalog = ModelCatalog.LoadEmbedded();
        Golden.AssertSameLines(Golden.Obligations.Select(Golden.WithoutVerdict), catalog.Obligations.Select(o => Golden.WithoutVerdict(Golden.Line(o, ProofVerdict.Proved))), "the catalog's obligations");
    }

    [Fact]
    [Trait("Requirement", "AR-001")]
    [Trait("Requirement", "AR-002")]
    [Trait("Requirement", "AR-003")]
    public void ArchitectureModel_EveryObligationProvedOnFourArchitectures() => AllProved("architecture.smt2");

    [Fact]
    [Trait("Requirement", "SV-001")]
    [Trait("Requirement", "SV-002")]
    [Trait("Requirement", "SV-003")]
    [Trait("Requirement", "SV-004")]
    [Trait("Requirement", "SV-005")]
    [Trait("Requirement", "SV-006")]
    public void SmallValuesModel_EveryObligationProvedOnFourArchitectures() => AllProved("small-values.smt2");

    [Fact]
    [Trait("Requirement", "ZV-004")]
    [Trait("Requirement", "ZV-005")]
    [Trait("Requirement", "ZV-006")]
    public void ZeroGrowthModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-growth.smt2");

    [Fact]
    [Trait("Requirement", "ZV-001")]
    [Trait("Requirement", "ZV-007")]
    [Trait("Requirement", "ZV-014")]
    public void ZeroMemoryModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-memory.smt2");

    [Fact]
    [Trait("Requirement", "ZV-009")]
    [Trait("Requirement", "SV-007")]
    [Trait("Requirement", "ZV-015")]
    public void ZeroNeverWrittenModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-never-written.smt2");

    [Fact]
    [Trait("Requirement", "ZV-002")]
    [Trait("Requirement", "ZV-003")]
    [Trait("Requirement", "ZV-008")]
    [Trait("Requirement", "ZV-010")]
    [Trait("Requirement", "ZV-011")]
    public void ZeroPublicationModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-publication.smt2");

    [Fact]
    [Trait("Requirement", "ZV-012")]
    [Trait("Requirement", "ZV-013")]
    public void ZeroLookupModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-lookup.smt2");

    /// <summary>Plausible bugs seeded into a copy of a model: each must give a counterexample naming the requirement.</summary>
    public static TheoryData<string, string, string, string, string> SeededBugs => new()
    {
        { "word mask one bit too wide", "architecture.smt2", "(ite (= w #x0000000000000020) #x00000000ffffffff #xffffffffffffffff))", "(ite (= w #x0000000000000020) #x00000001ffffffff #xffffffffffffffff))", "AR-001" },
        { "int is eight bytes on 32 bit", "architecture.smt2", "       (bvlshr w #x0000000000000003))))))", "       #x0000000000000008)))))", "AR-002" },
        { "big endian offset zero", "architecture.smt2", "(ite be (bvsub #x0000000000000008 width) #x0000000000000000))", "(ite be #x0000000000000000 #x0000000000000000))", "AR-003" },
        { "table stored in the other byte order", "small-values.smt2", "(ite be v (bswap64 v)))", "(ite be (bswap64 v) v))", "SV-001" },
        { "sixteen bit conversion uses byte offset", "small-values.smt2", "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset width be)) fresh))", "(ite (conv-small v) (bvadd base (bvmul #x0000000000000008 v) (table-offset #x0000000000000001 be)) fresh))", "SV-002" },
        { "table bound 257", "small-values.smt2", "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000100))", "(define-fun conv-small ((v (_ BitVec 64))) Bool\n  (bvult v #x0000000000000101))", "SV-003" },
        { "byte conversion with two byte offset", "small-values.smt2", "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))\n; One-byte strings", "(bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000002 be)))\n; One-byte strings", "SV-004" },
        { "one byte strings in a second byte array", "small-values.smt2", "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base (bvmul #x0000000000000008 b) (table-offset #x0000000000000001 be)))", "(define-fun str1-ptr ((be Bool) (base (_ BitVec 64)) (b (_ BitVec 64))) (_ BitVec 64)\n  (bvadd base #x0000000000000800 b))", "SV-005" },
        { "empty string allocates", "small-values.smt2", "(ite (= len #x0000000000000000) #x0000000000000000 #x0000000000000001))", "#x0000000000000001)", "SV-006" },
        { "static threshold 1023", "zero-growth.smt2", "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x0000000000000400))", "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x00000000000003ff))", "ZV-004" },
        { "grow by 4096 instead of doubling", "zero-growth.smt2", "(wrap w (bvmul #x0000000000000002 s)))", "(wrap w (bvadd s #x0000000000001000)))", "ZV-005" },
        { "first buffer 2048", "zero-growth.smt2", "(ite (= prior #x0000000000000000) #x0000000000001000 prior))", "(ite (= prior #x0000000000000000) #x0000000000000800 prior))", "ZV-005" },
        { "missing overflow check", "zero-growth.smt2", "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  (= s #x0000000000000000))", "(define-fun grow-throws ((s (_ BitVec 64))) Bool\n  false)", "ZV-006" },
        { "preallocation at type creation", "zero-memory.smt2", "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (ite again #x0000000000000000 desc))", "(define-fun create-bytes ((kind (_ BitVec 64)) (size (_ BitVec 64)) (desc (_ BitVec 64)) (again Bool)) (_ BitVec 64)\n  (bvadd desc size))", "ZV-001" },
        { "buffer aligned to 8", "zero-memory.smt2", "(persistentalloc w chunk #x0000000000000040))", "(persistentalloc w chunk #x0000000000000008))", "ZV-007" },
        { "old buffer freed", "zero-memory.smt2", "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  live)", "(define-fun old-live-after ((op (_ BitVec 64)) (live Bool)) Bool\n  (and live (distinct op #x0000000000000002)))", "ZV-007" },
        { "every large type its own buffer", "zero-memory.smt2", "(ite (= op #x0000000000000002) (bvadd total grown) total))", "(ite (= op #x0000000000000002) (bvadd total grown) (ite (= op #x0000000000000001) (bvadd total size) total)))", "ZV-014" },
        { "lookup writes the zero", "zero-never-written.smt2", "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  mem)", "(define-fun lookup-mem ((mem (Array (_ BitVec 64) (_ BitVec 8))) (zp (_ BitVec 64))) (Array (_ BitVec 64) (_ BitVec 8))\n  (store mem zp #x01))", "ZV-009" },
        { "conversion writes through the table pointer", "zero-never-written.smt2", "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  x)", "(define-fun conv-store-addr ((x (_ BitVec 64)) (tb (_ BitVec 64)) (v (_ BitVec 64))) (_ BitVec 64)\n  (bvadd tb (bvmul #x0000000000000008 (bvand v #x00000000000000ff))))", "SV-007" },
        { "allocator ignores the table", "zero-never-written.smt2", "       (disj tb tl nb nl) (disj zs zl nb nl)", "       (disj zs zl nb nl)", "ZV-015" },
        { "old buffer freed at growth", "zero-never-written.smt2", "(define-fun old-live-after-growth ((olive Bool)) Bool\n  olive)", "(define-fun old-live-after-growth ((olive Bool)) Bool\n  false)", "ZV-015" },
        { "publish to every type", "zero-publication.smt2", "  (ite (and me (= pc #x0000000000000006)) bp\n       z)))", "  (ite (= pc #x0000000000000006) bp\n       z)))", "ZV-002" },
        { "static store without size check", "zero-publication.smt2", "  (ite (and me (= pc #x0000000000000001) (bvule s #x0000000000000400)) zs\n  (ite (and me (= pc #x0000000000000006)) bp", "  (ite (and me (= pc #x0000000000000001)) zs\n  (ite (and me (= pc #x0000000000000006)) bp", "ZV-003" },
        { "old buffer freed at growth", "zero-publication.smt2", "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  ready)", "(define-fun stays-ready ((ready Bool) (z (_ BitVec 64)) (oldbp (_ BitVec 64))) Bool\n  (and ready (distinct z oldbp)))", "ZV-008" },
        { "publish before allocating", "zero-publication.smt2", "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000005)", "(define-fun loop-exit-pc () (_ BitVec 64)\n  #x0000000000000006)", "ZV-010" },
        { "seed without recheck under lock", "zero-publication.smt2", "(define-fun recheck ((z (_ BitVec 64))) Bool\n  (distinct z #x0000000000000000))", "(define-fun recheck ((z (_ BitVec 64))) Bool\n  false)", "ZV-011" },
        { "compiler zero sized to the last type", "zero-lookup.smt2", "(ite (bvugt size czsize) size czsize))", "size)", "ZV-012" },
        { "lookup allocates a fresh zero", "zero-lookup.smt2", "(define-fun lookup-missing ((typezero (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)\n  typezero)", "(define-fun lookup-missing ((typezero (_ BitVec 64)) (fresh (_ BitVec 64))) (_ BitVec 64)\n  fresh)", "ZV-013" },
    };

    [Theory]
    [MemberData(nameof(SeededBugs))]
    [Trait("Requirement", "AR-001")]
    [Trait("Requirement", "AR-002")]
    [Trait("Requirement", "AR-003")]
    [Trait("Requirement", "SV-001")]
    [Trait("Requirement", "SV-002")]
    [Trait("Requirement", "SV-003")]
    [Trait("Requirement", "SV-004")]
    [Trait("Requirement", "SV-005")]
    [Trait("Requirement", "SV-006")]
    [Trait("Requirement", "SV-007")]
    [Trait("Requirement", "ZV-001")]
    [Trait("Requirement", "ZV-002")]
    [Trait("Requirement", "ZV-003")]
    [Trait("Requirement", "ZV-004")]
    [Trait("Requirement", "ZV-005")]
    [Trait("Requirement", "ZV-006")]
    [Trait("Requirement", "ZV-007")]
    [Trait("Requirement", "ZV-008")]
    [Trait("Requirement", "ZV-009")]
    [Trait("Requirement", "ZV-010")]
    [Trait("Requirement", "ZV-011")]
    [Trait("Requirement", "ZV-012")]
    [Trait("Requirement", "ZV-013")]
    [Trait("Requirement", "ZV-014")]
    [Trait("Requirement", "ZV-015")]
    public void SeededBug_GivesAShrunkCounterexampleNamingTheRequirement(string bug, string file, string find, string replace, string requirement)
    {
        var source = ModelSource.Embedded().Single(s => s.Name == file);
        Assert.True(source.Text.Contains(find, StringComparison.Ordinal), $"'{bug}': the text to replace is no longer in {file}: the seeded bug would be vacuous");
        // Only the seeded copy is loaded: a bug seeded into a shared definition would otherwise (rightly) be
        // rejected by the catalog's consistency check before the prover could see it.
        var seeded = source with { Text = source.Text.Replace(find, replace, StringComparison.Ordinal) };
        var obligations = ModelCatalog.Load([seeded]).Obligations.Where(o => o.Requirements.Contains(requirement)).ToList();
        var prover = new Prover(solver, 60_000);
        var found = obligations.Select(prover.Prove).FirstOrDefault(r => r.Verdict == ProofVerdict.Counterexample);
        Assert.True(found is not null, $"'{bug}' in {file}: no obligation of {requirement} found a counterexample");
        output.WriteLine($"{bug}: {found.Describe()}");
        Assert.Contains(requirement, found.Describe(), StringComparison.Ordinal);
        Assert.True(found.Detail.Length == 0, found.Detail);
        // The same obligation, architecture and shrunk counterexample as the golden list.
        string expected = Assert.Single(Golden.SeededBugs, l => l.StartsWith($"{requirement}\t{bug}\t", StringComparison.Ordinal));
        Assert.Equal(expected, Golden.Line(requirement, bug, found));
        Assert.All(found.Values, v => Assert.True(v.Value <= ulong.MaxValue));
    }

    [Fact]
    public void Counterexample_IsShrunkToSmallValues()
    {
        var sources = ModelSource.Embedded().ToList();
        int i = sources.FindIndex(s => s.Name == "zero-growth.smt2");
        sources[i] = sources[i] with { Text = sources[i].Text.Replace("(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x0000000000000400))", "(define-fun mapzero-small ((size (_ BitVec 64))) Bool\n  (bvule size #x00000000000003ff))", StringComparison.Ordinal) };
        var o = ModelCatalog.Load(sources).Obligations.First(o => o.Name == "ZV-004/static-zero" && o.Arch == "64le");
        var r = new Prover(solver, 60_000).Prove(o);
        Assert.Equal(ProofVerdict.Counterexample, r.Verdict);
        output.WriteLine(r.Describe());
        // The only size the threshold 1023 gets wrong is 1024; everything else shrinks to 0 or 1.
        Assert.Contains(("size", 1024UL), r.Values);
        Assert.All(r.Values.Where(v => v.Name != "size"), v => Assert.True(v.Value <= 1, $"{v.Name} = {v.Value} was not shrunk"));
    }

    [Fact]
    public void Counterexample_ByteConstant_IsShrunkInItsOwnWidth()
    {
        // A (_ BitVec 8) constant before a 64-bit one: every shrinking query must use #x.. literals of 8 bits.
        const string Text = "(push 1)\n(set-info :obligation \"bytes\")\n(set-info :requirement \"ZV-009\")\n(set-info :arch \"64le\")\n" +
            "(set-info :statement \"small bytes bound x\")\n(set-info :status unsat)\n(declare-const b (_ BitVec 8))\n(declare-const x (_ BitVec 64))\n" +
            "(assert (not (=> (bvugt b #x05) (bvult x #x0000000000000010))))\n(check-sat)\n(pop 1)\n";
        var r = new Prover(solver, 60_000).Prove(ModelCatalog.Load([new ModelSource("bytes.smt2", Text)]).Obligations.Single());
        Assert.Equal(ProofVerdict.Counterexample, r.Verdict);
        Assert.Equal([("b", 6UL), ("x", 16UL)], r.Values);
        Assert.Equal("", r.Detail);
    }

    [Fact]
    public void Timeout_IsUnknownNeverProved()
    {
        // Factoring a 64-bit semiprime (two 32-bit primes): far more than 50 ms of work.
        const string Text = "(push 1)\n(set-info :obligation \"hard\")\n(set-info :requirement \"ZV-005\")\n(set-info :arch \"64le\")\n" +
            "(set-info :statement \"no factors\")\n(set-info :status unsat)\n(declare-const x (_ BitVec 64))\n(declare-const y (_ BitVec 64))\n" +
            "(assert (and (= (bvmul x y) #xffffffea00000055) (bvugt x #x0000000000000001) (bvugt y #x0000000000000001) (bvult x #x0000000100000000) (bvult y #x0000000100000000)))\n(check-sat)\n(pop 1)\n";
        var o = ModelCatalog.Load([new ModelSource("hard.smt2", Text)]).Obligations.Single();
        var r = new Prover(solver, 50).Prove(o);
        Assert.Equal(ProofVerdict.Unknown, r.Verdict);
        Assert.Contains("timeout", r.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(check-sat)\n(pop 1)\n", "bad.smt2:1: obligation has no (set-info :requirement ...) label")]
    [InlineData("(define-fun f () Bool true)\n(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :arch \"16le\")\n", "bad.smt2:2:1: (push) without a (pop) before the end of the file")]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :arch \"16le\")\n(set-info :statement \"s\")\n(set-info :status unsat)\n(check-sat)\n(pop 1)\n", "bad.smt2:1: obligation X names unknown architecture '16le'")]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :arch \"32le\")\n(set-info :statement \"s\")\n(set-info :status sat)\n(check-sat)\n(pop 1)\n", "bad.smt2:1: obligation X expects 'sat'")]
    [InlineData("(define-fun f () Bool\n  (and true)\n", "bad.smt2:1:1:")]
    [InlineData("(pop 1)\n", "bad.smt2:1:1: (pop) without a (push)")]
    public void CorruptModel_NamesFileAndLine(string text, string message)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelCatalog.Load([new ModelSource("bad.smt2", text)]));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedDefinitionThatDrifts_NamesBothPlaces()
    {
        var a = new ModelSource("a.smt2", "(define-fun half ((x (_ BitVec 8))) (_ BitVec 8) (bvlshr x #x01))\n");
        var b = new ModelSource("b.smt2", "; drifted\n(define-fun half ((x (_ BitVec 8))) (_ BitVec 8) (bvlshr x #x02))\n");
        var e = Assert.Throws<ModelFormatException>(() => ModelCatalog.Load([a, b]));
        Assert.Equal("b.smt2:2: define-fun half differs from its definition at a.smt2:1; shared definitions must be identical in every file", e.Message);
    }

    [Fact]
    public void MissingModelsDirectory_IsAClearError() =>
        Assert.Equal("/no/such/models: no such models directory", Assert.Throws<ModelFormatException>(() => ModelCatalog.LoadDirectory("/no/such/models")).Message);
}
