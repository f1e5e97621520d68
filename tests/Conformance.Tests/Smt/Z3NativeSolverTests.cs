// generate documentation files; xUnit needs public test methods, which are named, not documented.

using Conformance.Smt;

namespace Conformance.Tests.Smt;

/// <summary>The P/Invoke solver: answers, failures that do not kill the host, timeouts, interrupts.</summary>
public sealed class Z3NativeSolverTests : IDisposable
{
    // Two 32-bit primes: factoring their 64-bit product with bvmul is far beyond a 50 ms budget.
    private const string SemiprimeScript = """
        (declare-const x (_ BitVec 64))
        (declare-const y (_ BitVec 64))
        (assert (bvugt x #x0000000000000001))
        (assert (bvugt y #x0000000000000001))
        (assert (bvult x #x0000000100000000))
        (assert (bvult y #x0000000100000000))
        (assert (= (bvmul x y) (bvmul #x00000000fffffffb #x00000000ffffffef)))
        (assert (not (= x #x00000000fffffffb)))
        (assert (not (= y #x00000000fffffffb)))
        """;

    private readonly Z3NativeSolver solver = new();

    public void Dispose() => solver.Dispose();

    [Fact]
    public void XPlusOneEqualsX_IsUnsat()
    {
        var outcome = solver.CheckSat(
            "(declare-const x (_ BitVec 64)) (assert (= (bvadd x #x0000000000000001) x))", [], 5000);
        Assert.IsType<SolverOutcome.Unsat>(outcome);
    }

    [Fact]
    public void SatQuery_ReturnsModelValuesByTermText()
    {
        var outcome = solver.CheckSat(
            "(declare-const x (_ BitVec 64)) (declare-const b Bool) (assert (= (bvshl x #x0000000000000004) #x0000000000010000)) (assert (bvult x #x0000000000002000)) (assert b)",
            ["x", "b", "(bvadd x x)"], 5000);
        var sat = Assert.IsType<SolverOutcome.Sat>(outcome);
        Assert.Equal("#x0000000000001000", sat.Values["x"]);
        Assert.Equal("true", sat.Values["b"]);
        Assert.Equal("#x0000000000002000", sat.Values["(bvadd x x)"]);
    }

    [Fact]
    public void Optimize_MaximizeUnderBound_ReturnsTheOptimum()
    {
        var outcome = solver.Optimize("(declare-const x (_ BitVec 64))\n(assert (bvule x #x0000000000000400))\n(maximize x)", ["x"], 10_000);
        var sat = Assert.IsType<SolverOutcome.Sat>(outcome);
        Assert.Equal("#x0000000000000400", sat.Values["x"]);
    }

    [Fact]
    public void Optimize_Infeasible_IsUnsat() =>
        Assert.IsType<SolverOutcome.Unsat>(solver.Optimize("(declare-const x (_ BitVec 8))\n(assert (bvult x #x00))\n(minimize x)", ["x"], 10_000));

    [Fact]
    public void Optimize_BadScript_IsFailureAndSolverSurvives()
    {
        var outcome = solver.Optimize("(assert (frobnicate y))", ["y"], 10_000);
        Assert.IsType<SolverOutcome.Failure>(outcome);
        Assert.IsType<SolverOutcome.Unsat>(solver.CheckSat("(declare-const x (_ BitVec 8))\n(assert (not (= x x)))", [], 10_000));
    }

    [Fact]
    public void ArrayScript_UsesGeneralTacticAndDecides()
    {
        var outcome = solver.CheckSat(
            "(declare-const a (Array (_ BitVec 64) (_ BitVec 8))) (declare-const i (_ BitVec 64)) (assert (= (select (store a i #x05) i) #x06))",
            [], 5000);
        Assert.IsType<SolverOutcome.Unsat>(outcome);
        var sat = solver.CheckSat(
            "(declare-const a (Array (_ BitVec 64) (_ BitVec 8))) (declare-const i (_ BitVec 64)) (assert (= (select a i) #x07)) (assert (= i #x0000000000000003))",
            ["(select a i)"], 5000);
        Assert.Equal("#x07", Assert.IsType<SolverOutcome.Sat>(sat).Values["(select a i)"]);
    }

    [Fact]
    public void UnknownSymbol_IsFailureWithSolverMessage_AndHostSurvives()
    {
        var outcome = solver.CheckSat("(assert (= nosuch #x01))", [], 1000);
        var failure = Assert.IsType<SolverOutcome.Failure>(outcome);
        Assert.Contains("unknown constant nosuch", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnbalancedScript_IsFailure_AndScopeIsRestored()
    {
        var outcome = solver.CheckSat("(declare-const x (_ BitVec 8)) (assert (= x", [], 1000);
        Assert.IsType<SolverOutcome.Failure>(outcome);
        // x must not have leaked: declaring it again must work.
        Assert.IsType<SolverOutcome.Sat>(solver.CheckSat("(declare-const x (_ BitVec 8)) (assert (= x #x01))", ["x"], 1000));
    }

    [Fact]
    public void QueryAfterError_StillWorks()
    {
        Assert.IsType<SolverOutcome.Failure>(solver.CheckSat("(this is not smt", [], 1000));
        Assert.IsType<SolverOutcome.Failure>(solver.CheckSat("(assert (bvadd #x01 true))", [], 1000));
        var sat = solver.CheckSat("(declare-const x (_ BitVec 8)) (assert (= x #x2a))", ["x"], 1000);
        Assert.Equal("#x2a", Assert.IsType<SolverOutcome.Sat>(sat).Values["x"]);
    }

    [Fact]
    public void BadValueTerm_IsFailure()
    {
        var outcome = solver.CheckSat("(declare-const x (_ BitVec 8))", ["nosuch"], 1000);
        Assert.IsType<SolverOutcome.Failure>(outcome);
    }

    [Fact]
    public void DeclarationsDoNotSurviveTheCall()
    {
        Assert.IsType<SolverOutcome.Sat>(solver.CheckSat("(declare-const y (_ BitVec 8))", [], 1000));
        Assert.IsType<SolverOutcome.Sat>(solver.CheckSat("(declare-const y Bool)", [], 1000));
    }

    [Fact]
    public void SemiprimeFactoring_With50msTimeout_IsUnknownTimeout()
    {
        var outcome = solver.CheckSat(SemiprimeScript, ["x"], 50);
        var unknown = Assert.IsType<SolverOutcome.Unknown>(outcome);
        Assert.Contains("timeout", unknown.Reason, StringComparison.Ordinal);
        // The solver is usable afterwards (no leaked timeout, no sticky cancel).
        Assert.IsType<SolverOutcome.Unsat>(solver.CheckSat("(assert false)", [], 1000));
    }

    [Fact]
    public async Task InterruptFromAnotherThread_IsUnknownInterrupted()
    {
        using var stop = new CancellationTokenSource();
        var interrupter = Task.Run(async () =>
        {
            // Keep asking until the check returns: a request before the check starts may be lost.
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(50);
                solver.Interrupt();
            }
        });
        var outcome = solver.CheckSat(SemiprimeScript, ["x"], 600_000);
        stop.Cancel();
        await interrupter;
        var unknown = Assert.IsType<SolverOutcome.Unknown>(outcome);
        Assert.Contains("interrupted", unknown.Reason, StringComparison.Ordinal);
        Assert.IsType<SolverOutcome.Unsat>(solver.CheckSat("(assert false)", [], 1000));
    }

    [Fact]
    public void InterruptWhileIdle_DoesNotAffectTheNextQuery()
    {
        solver.Interrupt();
        Assert.IsType<SolverOutcome.Unsat>(solver.CheckSat("(assert false)", [], 1000));
    }

    [Fact]
    public void DisposeTwice_IsSafe_AndLaterUseThrowsObjectDisposed()
    {
        var local = new Z3NativeSolver();
        local.Dispose();
        local.Dispose();
        local.Interrupt();
        Assert.Throws<ObjectDisposedException>(() => local.CheckSat("(assert true)", [], 100));
        Assert.Throws<ObjectDisposedException>(() => local.Run("(assert true)"));
    }

    [Fact]
    public void Run_ReturnsRawOutput()
    {
        Assert.Equal("#x03", solver.Run("(simplify (bvadd #x01 #x02))").Trim());
    }

    [Fact]
    public void BogusLibraryName_ThrowsSolverUnavailableNamingDebianPackage()
    {
        var e = Assert.Throws<SolverUnavailableException>(() => Z3Api.Load("libz3-does-not-exist.so.9"));
        Assert.Contains("libz3-4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongLibrary_ThrowsSolverUnavailableNamingDebianPackage()
    {
        var e = Assert.Throws<SolverUnavailableException>(() => Z3Api.Load("libc.so.6"));
        Assert.Contains("libz3-4", e.Message, StringComparison.Ordinal);
        Assert.Contains("Z3_mk_config", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsIn_ReadsEveryErrorLine()
    {
        Assert.Null(Z3NativeSolver.ErrorsIn("sat\n"));
        Assert.Equal("a\nb \"q\"", Z3NativeSolver.ErrorsIn("(error \"a\")\nsat\n(error \"b \"\"q\"\"\")\n"));
    }
}
