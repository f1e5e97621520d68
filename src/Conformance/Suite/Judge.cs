using System.Globalization;
using System.Text;
using Conformance.Requirements;

namespace Conformance.Suite;

/// <summary>
/// The functions the models define, as the suite evaluates them: the only source of "correct".
/// Implemented over the oracle compiled from models/*.smt2.
/// </summary>
public interface IPredicateOracle
{
    /// <summary>Evaluates the named define-fun on the arguments (Bool as 0/1); throws for an unknown name or wrong arity.</summary>
    ulong Evaluate(string name, ReadOnlySpan<ulong> args);

    /// <summary>True when the models define a function of that name.</summary>
    bool Defines(string name);

    /// <summary>The named function's parameter names, in order; throws for an unknown name.</summary>
    IReadOnlyList<string> ParameterNames(string name);
}

/// <summary>One named argument of a predicate, as reports show it.</summary>
public readonly record struct Arg(string Name, ulong Value)
{
    /// <summary>name=value, in decimal below 2^16 and hex above.</summary>
    public override string ToString() => $"{Name}={Judge.Show(Value)}";
}

/// <summary>
/// Turns observations into verdicts by evaluating the models' predicates. A case never decides
/// correctness itself: it observes, names the predicate, and the judge asks the oracle.
/// </summary>
public sealed class Judge
{
    private readonly IPredicateOracle oracle;
    private readonly RequirementCatalog catalog;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> checkedSignatures = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Shown, string Function, int[] ArgIndex)[]> expectations = new(StringComparer.Ordinal);

    /// <summary>Creates a judge over an oracle and the spec catalog.</summary>
    public Judge(IPredicateOracle oracle, RequirementCatalog catalog)
    {
        this.oracle = oracle;
        this.catalog = catalog;
    }

    /// <summary>The oracle behind the judge.</summary>
    public IPredicateOracle Oracle => oracle;

    /// <summary>The requirement catalog.</summary>
    public RequirementCatalog Catalog => catalog;

    /// <summary>Formats a value: decimal below 2^16, hex at or above.</summary>
    public static string Show(ulong value) =>
        value < 0x10000 ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Evaluates a model function (for derived quantities such as a kind's width).</summary>
    public ulong Evaluate(string function, params ReadOnlySpan<ulong> args) => oracle.Evaluate(function, args);

    /// <summary>
    /// Whether <paramref name="predicate"/> holds on <paramref name="args"/>, without building a report: the hot path
    /// of checks repeated on every state (build the outcome with <see cref="Check"/> only when it does not hold).
    /// </summary>
    public bool Holds(string predicate, params ReadOnlySpan<Arg> args)
    {
        CheckSignature(predicate, args);
        Span<ulong> values = args.Length <= 16 ? stackalloc ulong[args.Length] : new ulong[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            values[i] = args[i].Value;
        }
        return oracle.Evaluate(predicate, values) != 0;
    }

    /// <summary>
    /// Judges one observation: passes when <paramref name="predicate"/> holds on <paramref name="args"/>.
    /// </summary>
    public CaseOutcome Check(string predicate, string input, string observed, params ReadOnlySpan<Arg> args)
    {
        CheckSignature(predicate, args);
        Span<ulong> values = args.Length <= 16 ? stackalloc ulong[args.Length] : new ulong[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            values[i] = args[i].Value;
        }
        bool holds = oracle.Evaluate(predicate, values) != 0;
        string expected = Expected(predicate, values);
        string fullObserved = observed.Length == 0 ? Describe(args) : $"{observed} [{Describe(args)}]";
        return holds
            ? CaseOutcome.Passed(input, expected, fullObserved)
            : new CaseOutcome(Verdict.Fail, input, expected, fullObserved, $"{predicate} does not hold for {Describe(args)}");
    }

    private void CheckSignature(string predicate, ReadOnlySpan<Arg> args)
    {
        if (!checkedSignatures.ContainsKey(predicate))
        {
            // Arguments are positional in the model; a case that passes them in another order (or under
            // other names) is a harness bug that must never be judged silently.
            var parameters = oracle.ParameterNames(predicate);
            var given = new string[args.Length];
            for (int i = 0; i < args.Length; i++)
            {
                given[i] = args[i].Name;
            }
            if (!parameters.SequenceEqual(given, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"harness: {predicate} takes ({string.Join(", ", parameters)}) but the case passed ({string.Join(", ", given)})");
            }
            checkedSignatures.TryAdd(predicate, parameters);
        }
    }

    /// <summary>Judges several observations; the first that fails decides, otherwise all pass.</summary>
    public static CaseOutcome All(IEnumerable<CaseOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        CaseOutcome? last = null;
        int count = 0;
        foreach (var o in outcomes)
        {
            if (o.Verdict != Verdict.Pass)
            {
                return o;
            }
            last = o;
            count++;
        }
        return last is null
            ? new CaseOutcome(Verdict.Error, "", "", "", "harness: the case made no observation")
            : last with { Observed = count == 1 ? last.Observed : $"{count} observations, all as required; last: {last.Observed}" };
    }

    /// <summary>A failure the case detected before any predicate could be evaluated (e.g. a missing region).</summary>
    public CaseOutcome Missing(string requirement, string input, string what) =>
        new(Verdict.Fail, input, catalog.Find(requirement)?.Statement ?? requirement, what, what);

    /// <summary>
    /// What the requirement expects for this input: the value of every <c>&lt;ID&gt;.expect.&lt;parameter&gt;</c>
    /// function the models define for the predicate's observed parameters (<c>ptr=4136</c>), and the least value of every
    /// <c>&lt;ID&gt;.atleast.&lt;parameter&gt;</c> function (<c>rsize&gt;=8192</c>: where a requirement allows any value
    /// from a bound up), each computed from the model for the arguments given (the pointer, offset, size or count the
    /// runtime should have produced), then the statement.
    /// </summary>
    private string Expected(string predicate, ReadOnlySpan<ulong> values)
    {
        int dot = predicate.IndexOf('.', StringComparison.Ordinal);
        string id = dot > 0 ? predicate[..dot] : predicate;
        var statement = catalog.Find(id)?.Statement;
        var sb = new StringBuilder();
        Span<ulong> args = stackalloc ulong[16];
        foreach (var (shown, function, index) in Expectations(predicate, id))
        {
            for (int i = 0; i < index.Length; i++)
            {
                args[i] = values[index[i]];
            }
            sb.Append(sb.Length == 0 ? "" : ", ").Append(shown).Append(Show(oracle.Evaluate(function, args[..index.Length])));
        }
        string head = sb.Length == 0 ? $"{predicate} holds" : $"{sb} ({predicate})";
        return statement is null ? head : $"{head}: {statement}";
    }

    /// <summary>
    /// The expect and at-least functions of a predicate whose parameters are all among the predicate's, each with what
    /// precedes its value (<c>ptr=</c>, <c>rsize&gt;=</c>) and its argument positions.
    /// </summary>
    private (string Shown, string Function, int[] ArgIndex)[] Expectations(string predicate, string id) => expectations.GetOrAdd(predicate, p =>
    {
        var parameters = checkedSignatures[p];
        var list = new List<(string, string, int[])>();
        foreach (var param in parameters)
        {
            foreach (var (form, relation) in new[] { ("expect", "="), ("atleast", ">=") })
            {
                string function = $"{id}.{form}.{param}";
                if (!oracle.Defines(function))
                {
                    continue;
                }
                var needs = oracle.ParameterNames(function);
                var index = needs.Select(n => parameters.ToList().IndexOf(n)).ToArray();
                if (index.Length <= 16 && index.All(i => i >= 0))
                {
                    list.Add((param + relation, function, index));
                }
            }
        }
        return [.. list];
    });

    private static string Describe(ReadOnlySpan<Arg> args)
    {
        var sb = new StringBuilder();
        foreach (var a in args)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }
            sb.Append(a.ToString());
        }
        return sb.ToString();
    }
}
