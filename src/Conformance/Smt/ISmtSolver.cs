namespace Conformance.Smt;

/// <summary>
/// The one seam between the suite and an SMT solver. Everything above it speaks SMT-LIB2 text;
/// only the implementation behind it (today <c>Z3NativeSolver</c> over Debian's libz3.so.4) knows
/// how the text reaches a solver, so the official Microsoft.Z3 binding can replace it in one file.
/// </summary>
/// <remarks>
/// Errors: <see cref="SolverUnavailableException"/> when the native solver cannot be loaded (the
/// message names the Debian package). Script errors never throw: they come back as
/// <see cref="SolverOutcome.Failure"/>. Implementations are not thread-safe; use one per thread, except
/// <see cref="Interrupt"/>, which may be called from any thread.
/// </remarks>
public interface ISmtSolver : IDisposable
{
    /// <summary>
    /// Runs <paramref name="script"/> (declarations and assertions, without <c>check-sat</c>) in a
    /// fresh scope, checks satisfiability under <paramref name="timeoutMs"/>, and on <c>sat</c>
    /// returns the value of each term in <paramref name="valueTerms"/> as SMT-LIB2 literal text.
    /// Nothing the script declares survives the call.
    /// </summary>
    SolverOutcome CheckSat(string script, IReadOnlyList<string> valueTerms, int timeoutMs);

    /// <summary>
    /// Runs <paramref name="script"/> (declarations, assertions and <c>(minimize t)</c>/<c>(maximize t)</c>
    /// objectives) in a fresh optimizer and, on <c>sat</c>, returns the optimal model's value of each of
    /// <paramref name="constants"/> (declared constants) as SMT-LIB2 literal text. Past
    /// <paramref name="timeoutMs"/> the search is interrupted and the answer is <see cref="SolverOutcome.Unknown"/>.
    /// </summary>
    SolverOutcome Optimize(string script, IReadOnlyList<string> constants, int timeoutMs);

    /// <summary>Runs <paramref name="script"/> as is and returns the solver's raw output text.</summary>
    string Run(string script);

    /// <summary>Asks a running <see cref="CheckSat"/> to stop; it then returns <see cref="SolverOutcome.Unknown"/>.</summary>
    void Interrupt();
}

/// <summary>What one satisfiability check said. Only the caller knows which answer it hoped for.</summary>
public abstract record SolverOutcome
{
    private SolverOutcome() { }

    /// <summary>Satisfiable; <paramref name="Values"/> maps each asked term to its literal text.</summary>
    public sealed record Sat(IReadOnlyDictionary<string, string> Values) : SolverOutcome;

    /// <summary>Unsatisfiable.</summary>
    public sealed record Unsat : SolverOutcome;

    /// <summary>The solver gave up (timeout, interrupt, incompleteness); never a pass.</summary>
    public sealed record Unknown(string Reason) : SolverOutcome;

    /// <summary>The script or the solver failed; <paramref name="Message"/> is the solver's text.</summary>
    public sealed record Failure(string Message) : SolverOutcome;
}

/// <summary>The native solver library could not be loaded or is the wrong one.</summary>
public sealed class SolverUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SolverUnavailableException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public SolverUnavailableException() : base("the SMT solver is unavailable") { }

    /// <summary>Creates the exception.</summary>
    public SolverUnavailableException(string message) : base(message) { }
}
