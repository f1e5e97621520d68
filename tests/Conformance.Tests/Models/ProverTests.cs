using Conformance.Models;
using Conformance.Oracle;
using Conformance.Requirements;
using Conformance.Smt;
using Xunit.Abstractions;

namespace Conformance.Tests.Models;

/// <summary>The prover on the real models: every obligation proved as the golden list says, every seeded bug caught as it says.</summary>
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
    [Requirement("AR-001", "AR-002", "AR-003")]
    public void ArchitectureModel_EveryObligationProvedOnFourArchitectures() => AllProved("architecture.smt2");

    [Fact]
    [Requirement("SV-001", "SV-002", "SV-003", "SV-004", "SV-005", "SV-006", "SV-008", "SV-009", "SV-010", "SV-011")]
    public void SmallValuesModel_EveryObligationProvedOnFourArchitectures() => AllProved("small-values.smt2");

    [Fact]
    [Requirement("ZV-004", "ZV-005", "ZV-006")]
    public void ZeroGrowthModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-growth.smt2");

    [Fact]
    [Requirement("ZV-001", "ZV-007", "ZV-014")]
    public void ZeroMemoryModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-memory.smt2");

    [Fact]
    [Requirement("ZV-009", "SV-007", "ZV-015")]
    public void ZeroNeverWrittenModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-never-written.smt2");

    [Fact]
    [Requirement("ZV-002", "ZV-003", "ZV-008", "ZV-011", "ZV-016")]
    public void ZeroPublicationModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-publication.smt2");

    [Fact]
    [Requirement("ZV-012", "ZV-016", "ZV-017", "ZV-018")]
    public void ZeroLookupModel_EveryObligationProvedOnFourArchitectures() => AllProved("zero-lookup.smt2");


    [Fact]
    public void SeededBugs_CoverEveryRequirementTheModelsProve_WithActiveIds()
    {
        var spec = RequirementCatalog.LoadEmbedded();
        Assert.All(SeededModelBugs.All, b => Assert.True(spec.Find(b.Requirement.Value) is { Withdrawn: false }, $"{b}: not an active requirement of spec/"));
        var proved = ModelCatalog.LoadEmbedded().Obligations.SelectMany(o => o.Requirements).ToHashSet(StringComparer.Ordinal);
        var seeded = SeededModelBugs.All.Select(b => b.Requirement.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(proved.Except(seeded));
        Assert.Equal(SeededModelBugs.All.Count, SeededModelBugs.All.Select(b => (b.Requirement, b.Name)).Distinct().Count());
        // One golden line per seeded bug, and no other.
        Assert.Equal(SeededModelBugs.All.Select(b => $"{b.Requirement}\t{b.Name}").Order(StringComparer.Ordinal),
            Golden.SeededBugs.Select(l => string.Join('\t', l.Split('\t').Take(2))).Order(StringComparer.Ordinal));
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

    internal static int Occurrences(string text, string find)
    {
        int n = 0;
        for (int i = text.IndexOf(find, StringComparison.Ordinal); i >= 0; i = text.IndexOf(find, i + 1, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }

    /// <summary>
    /// The seeded bugs, a test collection of their own: each is a chain of solver calls (shrinking included), together
    /// the longest part of this class, and beside the proofs above they use the second processor.
    /// </summary>
    public sealed class Seeded(ITestOutputHelper output) : IDisposable
    {
        private readonly Z3NativeSolver solver = new();

        public void Dispose() => solver.Dispose();

        /// <summary>(requirement, bug) of every seeded model bug: plain strings, so that each is its own test case.</summary>
        public static TheoryData<string, string> SeededBugs()
        {
            var data = new TheoryData<string, string>();
            foreach (var bug in SeededModelBugs.All)
            {
                data.Add(bug.Requirement.Value, bug.Name);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(SeededBugs))]
        [Requirement("AR-001", "AR-002", "AR-003", "SV-001", "SV-002", "SV-003", "SV-004", "SV-005", "SV-006", "SV-007", "SV-008", "SV-009", "SV-010", "SV-011", "ZV-001", "ZV-002", "ZV-003", "ZV-004", "ZV-005", "ZV-006", "ZV-007", "ZV-008", "ZV-009", "ZV-011", "ZV-012", "ZV-014", "ZV-015", "ZV-016", "ZV-017", "ZV-018")]
        public void SeededBug_GivesTheGoldenShrunkCounterexample(string requirement, string name)
        {
            var bug = SeededModelBugs.All.Single(b => b.Requirement.Value == requirement && b.Name == name);
            // The prelude and the model: the bug is seeded in whichever holds the text (exactly one, once).
            var sources = ModelSource.Embedded().Where(s => s.Name == ModelSource.PreludeName || s.Name == bug.Model).ToList();
            Assert.True(sources.Count == 2, $"'{bug}': no model file {bug.Model}");
            int occurrences = sources.Sum(s => Occurrences(s.Text, bug.Find));
            Assert.True(occurrences == 1, $"'{bug}': the text to replace occurs {occurrences} times in {bug.Model} and {ModelSource.PreludeName} (once is needed: else the seeded bug is vacuous or ambiguous)");
            var seeded = sources.Select(s => s with { Text = s.Text.Replace(bug.Find, bug.Replace, StringComparison.Ordinal) }).ToList();
            var obligations = ModelCatalog.Load(seeded).Obligations.Where(o => o.Requirements.Contains(requirement)).ToList();
            var prover = new Prover(solver, 60_000);
            var found = obligations.Select(prover.Prove).FirstOrDefault(r => r.Verdict == ProofVerdict.Counterexample);
            Assert.True(found is not null, $"'{bug}' in {bug.Model}: no obligation of {requirement} found a counterexample");
            output.WriteLine($"{bug}: {found.Describe()}");
            Assert.Contains(requirement, found.Describe(), StringComparison.Ordinal);
            Assert.True(found.Detail.Length == 0, found.Detail);
            // The same obligation, architecture and shrunk counterexample as the golden list.
            string actual = Golden.Line(requirement, name, found);
            string? expected = Golden.SeededBugs.SingleOrDefault(l => l.StartsWith($"{requirement}\t{name}\t", StringComparison.Ordinal));
            Assert.True(expected is not null, $"'{bug}' has no golden line; if this counterexample is right, add it to golden/seeded-bugs.txt:\n{actual}");
            Assert.Equal(expected, actual);
        }
    }
}
