
using Conformance.Oracle;
using Conformance.Smt;
using Conformance.Tests.Smt;

namespace Conformance.Tests.Oracle;

public sealed class ModelOracleTests
{
    private const ulong W64 = 0x40, W32 = 0x20;
    private const ulong True = 1, False = 0;

    private static readonly ModelOracle Oracle = ModelOracle.LoadDirectory(SourceTree.Beside("TestModels"));

    [Fact]
    public void Predicates_AreTheRequirementPrefixedDefineFuns_WithSignatureAndSource()
    {
        Assert.Equal(["AR-003.ptr-ok", "AR-003.offset", "ZV-005.ok", "SV-002.small"], Oracle.Predicates.Select(p => p.Name));
        PredicateInfo ptr = Oracle.Predicates[0];
        Assert.Equal("AR-003", ptr.RequirementId);
        Assert.Equal(new SourcePosition("arch.smt2", 8, 1), ptr.Source);
        Assert.Equal(["be", "base", "v", "width", "ptr"], ptr.Parameters.Select(p => p.Name));
        Assert.Equal(SmtSort.Bool, ptr.Parameters[0].Sort);
        Assert.Equal(SmtSort.BitVec(64), ptr.Parameters[1].Sort);
        Assert.Equal(SmtSort.Bool, ptr.Result);
        Assert.Equal("SV-002.small((_ BitVec 8) v, Bool flag) -> Bool at zero.smt2:8:1", Oracle.Predicates[3].ToString());
    }

    [Theory]
    [InlineData(False, 0x1000, 5, 1, 0x1028, true)] // little-endian: base + 8*5
    [InlineData(True, 0x1000, 5, 1, 0x102F, true)] // big-endian byte: bumped by 7
    [InlineData(True, 0x1000, 5, 2, 0x102E, true)] // big-endian 2 bytes: bumped by 6
    [InlineData(True, 0x1000, 5, 4, 0x102C, true)] // big-endian 4 bytes: bumped by 4
    [InlineData(True, 0x1000, 5, 8, 0x1028, true)]
    [InlineData(True, 0x1000, 5, 1, 0x1028, false)] // big-endian without the bump
    [InlineData(False, 0x1000, 256, 1, 0x1800, false)] // 256 = 2^8 is not in the table
    [InlineData(False, 0x1000, 5, 3, 0x1028, false)] // no 3-byte values
    public void PtrOk_JudgesTableOffsets(ulong be, ulong b, ulong v, ulong width, ulong address, bool expected)
    {
        Assert.Equal(expected, Oracle.Holds("AR-003.ptr-ok", be, b, v, width, address));
    }

    [Fact]
    public void ZeroOk_32BitSizeAbove4GiB_DoesNotHold()
    {
        Assert.True(Oracle.Holds("ZV-005.ok", W32, 0x100, 0x400, 0x400, 0x9000, 0x9000));
        Assert.False(Oracle.Holds("ZV-005.ok", W32, 0x1_0000_0000, 0x400, 0x1_0000_0000, 0x9000, 0x9000));
        Assert.True(Oracle.Holds("ZV-005.ok", W64, 0x1_0000_0000, 0x400, 0x1_0000_0000, 0x9000, 0x9000));
    }

    [Fact]
    public void Resolve_ThenBatch_MatchesHoldsPerObservation()
    {
        PredicateHandle handle = Oracle.Resolve("AR-003.ptr-ok");
        ulong[] flat =
        [
            False, 0x1000, 5, 1, 0x1028,
            True, 0x1000, 5, 1, 0x1028,
            True, 0x1000, 255, 8, 0x1000 + (8 * 255),
        ];
        var results = new bool[3];
        handle.EvaluateBatch(flat, 3, results);
        Assert.Equal([true, false, true], results);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(handle.Holds(flat.AsSpan(i * 5, 5)), results[i]);
        }
    }

    [Fact]
    public void UnknownName_ThrowsListingKnownPredicates()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Oracle.Resolve("ZV-999.ok"));
        Assert.Equal("no requirement predicate named ZV-999.ok; known: AR-003.ptr-ok, AR-003.offset, ZV-005.ok, SV-002.small", e.Message);
        Assert.Throws<KeyNotFoundException>(() => Oracle.Holds("offset", 0, 8));
    }

    [Fact]
    public void UnknownName_WithNoModelsLoaded_SaysSo()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ModelOracle.Load([]).Resolve("ZV-005.ok"));
        Assert.Equal("no requirement predicate named ZV-005.ok; known: none (no models loaded)", e.Message);
    }

    [Fact]
    public void Resolve_NullName_Throws()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ModelOracle.Load([]).Resolve(null!));
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void Load_NullSources_Throws()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ModelOracle.Load(null!));
        Assert.Equal("sources", e.ParamName);
    }

    [Fact]
    public void WrongArity_ThrowsNamingParameters()
    {
        var e = Assert.Throws<ArgumentException>(() => Oracle.Holds("SV-002.small", 1));
        Assert.StartsWith("SV-002.small takes 2 arguments (v (_ BitVec 8), flag Bool), got 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArgumentOutsideSort_IsRejectedNotMasked()
    {
        var e = Assert.Throws<ArgumentException>(() => Oracle.Holds("SV-002.small", 0x100, 0));
        Assert.StartsWith("SV-002.small: argument v = 0x100 does not fit (_ BitVec 8)", e.Message, StringComparison.Ordinal);
        var b = Assert.Throws<ArgumentException>(() => Oracle.Holds("SV-002.small", 0, 2));
        Assert.StartsWith("SV-002.small: argument flag = 0x2 does not fit Bool (Bool is 0 or 1)", b.Message, StringComparison.Ordinal);
        var results = new bool[2];
        var batch = Assert.Throws<ArgumentException>(() => Oracle.EvaluateBatch("SV-002.small", [1, 0, 0x1FF, 0], 2, results));
        Assert.StartsWith("SV-002.small: argument v = 0x1ff in observation 1 does not fit (_ BitVec 8)", batch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_ShortBuffers_Throw()
    {
        var handle = Oracle.Resolve("SV-002.small");
        Assert.Throws<ArgumentException>(() => handle.EvaluateBatch([1, 0, 2], 2, new bool[2]));
        Assert.Throws<ArgumentException>(() => handle.EvaluateBatch([1, 0, 2, 0], 2, new bool[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => handle.EvaluateBatch([], -1, new bool[1]));
    }

    [Fact]
    public void NonBoolPredicate_HoldsThrows_EvaluateWorks()
    {
        var handle = Oracle.Resolve("AR-003.offset");
        Assert.Throws<InvalidOperationException>(() => handle.Holds(1, 2));
        Assert.Equal(6UL, handle.Evaluate(True, 2));
    }

    [Fact]
    public void PredicateOutsideSubset_FailsAtLoadNamingFunctionFileAndLine()
    {
        var e = Assert.Throws<SmtCompileException>(() => ModelOracle.Load(
        [
            new ModelSource("bad.smt2", "(declare-const m (Array (_ BitVec 64) (_ BitVec 8)))\n(define-fun ZV-001.ok ((a (_ BitVec 64))) Bool\n  (= (select m a) #x00))"),
        ]));
        Assert.Equal("bad.smt2:3:7: define-fun ZV-001.ok: select: arrays are outside the subset", e.Message);
    }

    [Fact]
    public void Prelude_IsVisibleToEveryFile_ItsPredicatesLoadedOnce()
    {
        var oracle = ModelOracle.Load(
        [
            new ModelSource("a.smt2", "(define-fun SV-001.ok ((x (_ BitVec 64))) Bool (small x))"),
            new ModelSource("prelude.smt2", "(define-fun small ((x (_ BitVec 64))) Bool (bvult x #x0000000000000100))\n(define-fun SV-002.ok () Bool true)"),
            new ModelSource("b.smt2", "(define-fun SV-003.ok ((x (_ BitVec 64))) Bool (not (small x)))"),
        ]);
        Assert.Equal(["SV-001.ok", "SV-002.ok", "SV-003.ok"], oracle.Predicates.Select(p => p.Name));
        Assert.True(oracle.Holds("SV-001.ok", 255));
        Assert.True(oracle.Holds("SV-003.ok", 256));
    }

    [Fact]
    public void SamePredicateInTwoFiles_FailsAtLoad()
    {
        var e = Assert.Throws<SmtParseException>(() => ModelOracle.Load(
        [
            new ModelSource("a.smt2", "(define-fun SV-001.ok () Bool true)"),
            new ModelSource("b.smt2", "\n(define-fun SV-001.ok () Bool false)"),
        ]));
        Assert.Equal("b.smt2:2:1: predicate SV-001.ok is defined again (first at a.smt2:1:1)", e.Message);
    }

    [Fact]
    public void Embedded_LoadsWhateverModelsExist()
    {
        var oracle = ModelOracle.LoadEmbedded();
        Assert.All(oracle.Predicates, p => Assert.Matches(@"^(AR|SV|ZV)-\d{3}$", p.RequirementId));
    }

    [Fact]
    public void VerifyAgainstZ3_TestModels_Agree()
    {
        using var solver = new Z3NativeSolver();
        int agreed = Oracle.VerifyAgainst(solver, boundaryInputs: 200, randomInputs: 100);
        Assert.Equal(Oracle.Predicates.Count * 300, agreed);
    }

    [Fact]
    public void VerifyAgainstZ3_EmbeddedModels_Agree()
    {
        using var solver = new Z3NativeSolver();
        var oracle = ModelOracle.LoadEmbedded();
        Assert.Equal(oracle.Predicates.Count * 300, oracle.VerifyAgainst(solver, boundaryInputs: 200, randomInputs: 100));
    }

    [Fact]
    public void VerifyAgainst_NullSolver_Throws_EvenWithNothingToVerify()
    {
        var e = Assert.Throws<ArgumentNullException>(() => ModelOracle.Load([]).VerifyAgainst(null!));
        Assert.Equal("solver", e.ParamName);
    }

    [Fact]
    public void VerifyAgainst_RandomInputs_ReachTheTopBitOfAWord()
    {
        // Without boundary inputs, only the random ones can catch a delegate that is wrong from 2^63 up (a
        // signed comparison, say): here the "solver" claims every 64-bit value is below 2^63.
        var oracle = ModelOracle.Load([new ModelSource("top.smt2", "(define-fun SV-001.low ((x (_ BitVec 64))) Bool (bvult x #x8000000000000000))")]);
        using var solver = new SimplifiesEverythingToTrue();
        var e = Assert.Throws<DifferentialMismatchException>(() => oracle.VerifyAgainst(solver, boundaryInputs: 0, randomInputs: 64));
        Assert.Equal("SV-001.low", e.Function);
        Assert.True(e.Arguments[0] >= 0x8000_0000_0000_0000UL, $"0x{e.Arguments[0]:x}");
        Assert.Equal((0UL, 1UL), (e.Compiled, e.Solver));
    }

    [Fact]
    public void Throughput_ReturnsPositiveRate()
    {
        // Never asserts a speed: only that the measurement runs and reports something.
        double rate = OracleThroughput.Measure(Oracle.Resolve("ZV-005.ok"), TimeSpan.FromMilliseconds(20), batchSize: 64);
        Assert.True(rate > 0, $"rate {rate}");
    }

    /// <summary>A solver that answers every <c>(simplify ...)</c> with <c>true</c>.</summary>
    private sealed class SimplifiesEverythingToTrue : ISmtSolver
    {
        public string Run(string script) =>
            string.Concat(script.Split('\n').Where(l => l.StartsWith("(simplify ", StringComparison.Ordinal)).Select(_ => "true\n"));

        public SolverOutcome CheckSat(string script, IReadOnlyList<string> valueTerms, int timeoutMs) => throw new NotSupportedException();

        public SolverOutcome Optimize(string script, IReadOnlyList<string> constants, int timeoutMs) => throw new NotSupportedException();

        public void Interrupt() => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
