using System.Globalization;
using System.Numerics;
using Conformance.Smt;
using Conformance.Suite;

namespace Conformance.Models;

/// <summary>
/// Solver-generated test vectors: for each requirement with sizes or values, the solver finds the edges
/// (the largest size the static zero serves, the smallest that needs the buffer, every buffer size the
/// growth can reach and the sizes just past each, the overflow edge of each word, the table's bound)
/// from the models' own definitions, so that conformance cases come from the model, not from
/// hand-picked lists. Each query is one optimisation (Z3's minimize/maximize) over the shared definitions.
/// </summary>
public static class BoundaryVectors
{
    private const string W32 = "#x0000000000000020";
    private const string W64 = "#x0000000000000040";

    /// <summary>One boundary question: the extreme x satisfying a constraint written with the models' functions.</summary>
    private sealed record Query(string Requirement, string Arch, string Name, string Constraint, bool Maximize);

    /// <summary>Generates every boundary vector (about a hundred optimisation queries, well under a second each).</summary>
    /// <exception cref="ModelFormatException">A query has no solution or the solver failed: the models changed under the queries.</exception>
    public static IReadOnlyList<NamedValue> Generate(ModelCatalog models, ISmtSolver solver)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(solver);
        var result = new List<NamedValue>();
        foreach (var (w, arch) in new[] { (W32, "32"), (W64, "64") })
        {
            string archs = arch; // sizes depend on the word size only: "32" stands for 32le and 32be
            foreach (var q in Queries(w, archs))
            {
                result.Add(Solve(solver, models, q));
            }
            // Every buffer size the growth can reach (powers of two from the first buffer up to 2^(w-1)),
            // each with the sizes just below and just past it: enumerated by the solver, smallest first.
            ulong previous = 0;
            while (true)
            {
                var next = TrySolve(solver, models, new Query("ZV-005", archs, "", $"(and (buf-reachable {w} x) (bvugt x {Hex(previous)}))", false));
                if (next is not { } size)
                {
                    break;
                }
                result.Add(new NamedValue("ZV-005", archs, $"{Pow(size)}: a buffer size the growth reaches (fits exactly)", size));
                result.Add(new NamedValue("ZV-005", archs, $"{Pow(size)} + 1: just past that buffer (grows)", size + 1));
                result.Add(new NamedValue("ZV-005", archs, $"{Pow(size)} - 1: just below that buffer", size - 1));
                previous = size;
            }
        }
        foreach (var q in ValueQueries())
        {
            result.Add(Solve(solver, models, q));
        }
        // Widen "32"/"64" to the architecture names the suite uses.
        return result.SelectMany(v => v.Arch switch
        {
            "32" => [v with { Arch = "32le" }, v with { Arch = "32be" }],
            "64" => [v with { Arch = "64le" }, v with { Arch = "64be" }],
            _ => new[] { v },
        }).ToList();
    }

    private static IEnumerable<Query> Queries(string w, string arch) =>
    [
        new("ZV-004", arch, "the smallest type", $"(fits {w} x)", false),
        new("ZV-004", arch, "the largest size the static zero serves", "(mapzero-small x)", true),
        new("ZV-005", arch, "the smallest size that needs the on-demand buffer", $"(large-type {w} x)", false),
        new("ZV-005", arch, "just past the first buffer", "(bvugt x (grow-start #x0000000000000000))", false),
        new("ZV-006", arch, "the largest size that does not overflow the doubling (2^(w-1))", $"(and (large-type {w} x) (bvule x (half-word {w})))", true),
        new("ZV-006", arch, "the smallest size whose doubling overflows the word (2^(w-1) + 1)", $"(and (fits {w} x) (bvugt x (half-word {w})))", false),
        new("ZV-006", arch, "the largest size of the word", $"(fits {w} x)", true),
    ];

    private static IEnumerable<Query> ValueQueries() =>
    [
        new("SV-003", "all", "256 = 2^8: the smallest value not in the table", "(not (conv-small x))", false),
        new("SV-003", "all", "257: just past it", "(and (not (conv-small x)) (not (conv-small (bvsub x #x0000000000000001))))", false),
        new("SV-003", "all", "2^16 - 1: the largest 2-byte value", "(value-of-width x #x0000000000000002)", true),
        new("SV-003", "all", "2^15: the smallest negative int16", "(and (value-of-width x #x0000000000000002) (bvuge x #x0000000000008000))", false),
        new("SV-003", "all", "2^32 - 1: the largest 4-byte value", "(value-of-width x #x0000000000000004)", true),
        new("SV-003", "all", "2^31: the smallest negative int32", "(and (value-of-width x #x0000000000000004) (bvuge x #x0000000080000000))", false),
        new("SV-003", "all", "2^64 - 1: the largest 8-byte value (int64(-1))", "(value-of-width x #x0000000000000008)", true),
        new("SV-003", "all", "2^63: the smallest negative int64", "(and (value-of-width x #x0000000000000008) (bvuge x #x8000000000000000))", false),
    ];

    private static NamedValue Solve(ISmtSolver solver, ModelCatalog models, Query q) =>
        TrySolve(solver, models, q) is { } v
            ? new NamedValue(q.Requirement, q.Arch, q.Name, v)
            : throw new ModelFormatException($"boundary query for {q.Requirement} ({q.Name}) has no solution: {q.Constraint}");

    private static ulong? TrySolve(ISmtSolver solver, ModelCatalog models, Query q)
    {
        string script = $"{models.DefinitionsUsedBy(q.Constraint)}\n(declare-const x (_ BitVec 64))\n(assert {q.Constraint})\n({(q.Maximize ? "maximize" : "minimize")} x)";
        return solver.Optimize(script, ["x"], 30_000) switch
        {
            SolverOutcome.Sat sat => ModelCatalog.ParseLiteral(sat.Values["x"]),
            SolverOutcome.Unsat => null,
            SolverOutcome.Unknown u => throw new ModelFormatException($"boundary query for {q.Requirement} ({q.Name}) is undecided: {u.Reason}"),
            SolverOutcome.Failure f => throw new ModelFormatException($"boundary query for {q.Requirement} ({q.Name}) failed: {f.Message}"),
            _ => throw new ModelFormatException($"boundary query for {q.Requirement} ({q.Name}): unexpected solver outcome"),
        };
    }

    private static string Hex(ulong v) => "#x" + v.ToString("x16", CultureInfo.InvariantCulture);

    private static string Pow(ulong v) => ulong.IsPow2(v) ? $"2^{BitOperations.Log2(v)}" : Judge.Show(v);
}
