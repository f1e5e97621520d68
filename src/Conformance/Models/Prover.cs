using System.Diagnostics;
using System.Globalization;
using Conformance.Smt;

namespace Conformance.Models;

/// <summary>What the solver concluded for one obligation. Only <see cref="Proved"/> is a pass.</summary>
public enum ProofVerdict
{
    /// <summary>The negated claim is unsatisfiable: the claim holds for the whole domain.</summary>
    Proved,
    /// <summary>The solver found values that break the claim.</summary>
    Counterexample,
    /// <summary>The solver gave up (timeout, interrupt, incompleteness): never a pass.</summary>
    Unknown,
    /// <summary>The script or the solver failed.</summary>
    Error,
}

/// <summary>One obligation's result.</summary>
/// <param name="Obligation">The obligation.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Milliseconds">Solver time (without shrinking).</param>
/// <param name="Values">For a counterexample: each constant's value, shrunk, in declaration order.</param>
/// <param name="Detail">The solver's reason (unknown) or message (error); for a counterexample, why it is not fully shrunk, or "".</param>
public sealed record ProofResult(Obligation Obligation, ProofVerdict Verdict, double Milliseconds, IReadOnlyList<(string Name, ulong Value)> Values, string Detail)
{
    /// <summary>"ZV-005 32le counterexample: size = 0x401 (1025), prior = 0 (0)".</summary>
    public string Describe()
    {
        string ids = string.Join(' ', Obligation.Requirements);
        return Verdict switch
        {
            ProofVerdict.Counterexample => $"{ids} {Obligation.Arch} {Obligation.Name}: counterexample: " +
                string.Join(", ", Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name} = 0x{v.Value:x} ({v.Value})"))) +
                $" breaks \"{Obligation.Statement}\"" + (Detail.Length > 0 ? $" ({Detail})" : ""),
            ProofVerdict.Proved => $"{ids} {Obligation.Arch} {Obligation.Name}: proved",
            _ => $"{ids} {Obligation.Arch} {Obligation.Name}: {Verdict.ToString().ToLowerInvariant()}: {Detail}",
        };
    }
}

/// <summary>
/// Runs obligations through a solver. Counterexamples are shrunk to small readable values, as Alive2
/// does: for each constant in turn, try 0, then the smallest value (by doubling, then bisection) that
/// keeps the negated claim satisfiable with the constants before it fixed.
/// </summary>
public sealed class Prover(ISmtSolver solver, int timeoutMs)
{
    // Obligations stated for several architectures are often the same query (byte order is irrelevant to
    // the growth loop): an identical script has the same answer, so it is solved once per prover.
    private readonly Dictionary<string, ProofResult> solved = new(StringComparer.Ordinal);

    /// <summary>Proves one obligation (reusing the verdict of an identical script proved before).</summary>
    public ProofResult Prove(Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        if (solved.TryGetValue(obligation.Script, out var same))
        {
            return same with { Obligation = obligation, Milliseconds = 0 };
        }
        var result = Solve(obligation);
        solved[obligation.Script] = result;
        return result;
    }

    private ProofResult Solve(Obligation obligation)
    {
        var clock = Stopwatch.StartNew();
        var outcome = solver.CheckSat(obligation.Script, obligation.Constants, timeoutMs);
        double ms = clock.Elapsed.TotalMilliseconds;
        if (outcome is SolverOutcome.Sat sat)
        {
            var (values, problem) = Shrink(obligation, sat);
            return new ProofResult(obligation, ProofVerdict.Counterexample, ms, values, problem);
        }
        return outcome switch
        {
            SolverOutcome.Unsat => new ProofResult(obligation, ProofVerdict.Proved, ms, [], ""),
            SolverOutcome.Unknown u => new ProofResult(obligation, ProofVerdict.Unknown, ms, [], u.Reason),
            SolverOutcome.Failure f => new ProofResult(obligation, ProofVerdict.Error, ms, [], f.Message),
            _ => new ProofResult(obligation, ProofVerdict.Error, ms, [], "unexpected solver outcome"),
        };
    }

    // The counterexample, and why it may not be fully shrunk (a shrinking query the solver rejected), else "".
    private (List<(string, ulong)> Values, string Problem) Shrink(Obligation o, SolverOutcome.Sat first)
    {
        var values = o.Constants.ToDictionary(c => c, c => ModelCatalog.ParseLiteral(first.Values[c]), StringComparer.Ordinal);
        var fixedSoFar = new List<string>();
        string problem = "";
        bool Sat(string extra)
        {
            var r = solver.CheckSat(o.Script + "\n" + string.Join('\n', fixedSoFar) + "\n" + extra, o.Constants, timeoutMs);
            if (r is SolverOutcome.Sat s)
            {
                foreach (var c in o.Constants)
                {
                    values[c] = ModelCatalog.ParseLiteral(s.Values[c]);
                }
                return true;
            }
            if (r is SolverOutcome.Failure f && problem.Length == 0)
            {
                problem = $"not fully shrunk: the solver rejected a shrinking query: {f.Message}";
            }
            return false;
        }
        foreach (var c in o.Constants)
        {
            bool isBool = first.Values[c] is "true" or "false";
            // Literals in the constant's own width (an 8-bit byte takes #x00, not a 64-bit literal).
            int width = isBool ? 0 : LiteralWidth(first.Values[c]);
            string Le(ulong k) => isBool ? (k == 0 ? $"(assert (not {c}))" : "") : $"(assert (bvule {c} {Literal(k, width)}))";
            if (values[c] != 0 && !Sat(Le(0)))
            {
                // Gallop up from 1, then bisect: the smallest k with a counterexample where c <= k.
                ulong lo = 0, hi = values[c];
                for (ulong step = 1; step < hi; step = step > ulong.MaxValue / 2 ? hi : step * 2)
                {
                    if (Sat(Le(step)))
                    {
                        hi = values[c];
                        break;
                    }
                    lo = step;
                }
                while (hi - lo > 1)
                {
                    ulong mid = lo + ((hi - lo) / 2);
                    if (Sat(Le(mid)))
                    {
                        hi = values[c];
                    }
                    else
                    {
                        lo = mid;
                    }
                }
            }
            fixedSoFar.Add(isBool ? (values[c] == 0 ? $"(assert (not {c}))" : $"(assert {c})") : $"(assert (= {c} {Literal(values[c], width)}))");
        }
        return (o.Constants.Select(c => (c, values[c])).ToList(), problem);
    }

    private static string Literal(ulong v, int width) => width % 4 == 0
        ? "#x" + v.ToString("x" + (width / 4).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : "#b" + Convert.ToString((long)v, 2).PadLeft(width, '0');

    /// <summary>The width of a bit-vector literal the solver printed: #x.. (4 bits a digit), #b.. (1), (_ bvN w).</summary>
    private static int LiteralWidth(string text) => text switch
    {
        _ when text.StartsWith("#x", StringComparison.Ordinal) => 4 * (text.Length - 2),
        _ when text.StartsWith("#b", StringComparison.Ordinal) => text.Length - 2,
        _ when text.StartsWith("(_ bv", StringComparison.Ordinal) => int.Parse(text.AsSpan(text.LastIndexOf(' ') + 1).TrimEnd(')'), CultureInfo.InvariantCulture),
        _ => throw new FormatException($"not a bit-vector literal: {text}"),
    };
}
