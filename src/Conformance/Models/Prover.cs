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
/// <param name="Detail">The solver's reason (unknown) or message (error).</param>
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
                $" breaks \"{Obligation.Statement}\"",
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
    /// <summary>Proves one obligation.</summary>
    public ProofResult Prove(Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        var clock = Stopwatch.StartNew();
        var outcome = solver.CheckSat(obligation.Script, obligation.Constants, timeoutMs);
        double ms = clock.Elapsed.TotalMilliseconds;
        return outcome switch
        {
            SolverOutcome.Unsat => new ProofResult(obligation, ProofVerdict.Proved, ms, [], ""),
            SolverOutcome.Sat sat => new ProofResult(obligation, ProofVerdict.Counterexample, ms, Shrink(obligation, sat), ""),
            SolverOutcome.Unknown u => new ProofResult(obligation, ProofVerdict.Unknown, ms, [], u.Reason),
            SolverOutcome.Failure f => new ProofResult(obligation, ProofVerdict.Error, ms, [], f.Message),
            _ => new ProofResult(obligation, ProofVerdict.Error, ms, [], "unexpected solver outcome"),
        };
    }

    private List<(string, ulong)> Shrink(Obligation o, SolverOutcome.Sat first)
    {
        var values = o.Constants.ToDictionary(c => c, c => ModelCatalog.ParseLiteral(first.Values[c]), StringComparer.Ordinal);
        var fixedSoFar = new List<string>();
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
            return false;
        }
        foreach (var c in o.Constants)
        {
            bool isBool = first.Values[c] is "true" or "false";
            string Le(ulong k) => isBool ? (k == 0 ? $"(assert (not {c}))" : "") : $"(assert (bvule {c} {Literal(k)}))";
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
            fixedSoFar.Add(isBool ? (values[c] == 0 ? $"(assert (not {c}))" : $"(assert {c})") : $"(assert (= {c} {Literal(values[c])}))");
        }
        return o.Constants.Select(c => (c, values[c])).ToList();
    }

    private static string Literal(ulong v) => "#x" + v.ToString("x16", CultureInfo.InvariantCulture);
}
