using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using Conformance.Smt;

namespace Conformance.Oracle;

/// <summary>A requirement predicate as the models define it.</summary>
/// <param name="Name">The define-fun's name, e.g. "ZV-005.ok".</param>
/// <param name="RequirementId">The requirement it judges, e.g. "ZV-005" (spec/).</param>
/// <param name="Parameters">Parameter names and sorts, in argument order.</param>
/// <param name="Result">Result sort; Bool for predicates that <see cref="PredicateHandle.Holds"/> can judge.</param>
/// <param name="Source">Model file, line and column of the define-fun.</param>
public sealed record PredicateInfo(
    string Name, string RequirementId, IReadOnlyList<SmtParameter> Parameters, SmtSort Result, SourcePosition Source)
{
    /// <summary>"ZV-005.ok((_ BitVec 64) w, Bool be, ...) -> Bool at zero-values.smt2:12:1".</summary>
    public override string ToString() =>
        $"{Name}({string.Join(", ", Parameters.Select(p => $"{p.Sort} {p.Name}"))}) -> {Result} at {Source}";
}

/// <summary>
/// The judge: every <c>define-fun</c> of the models whose name starts with a requirement ID
/// (<c>AR-nnn.</c>, <c>SV-nnn.</c>, <c>ZV-nnn.</c>) compiled to a delegate. "Correct" is written once, in
/// the models; this class only evaluates those definitions (and <see cref="VerifyAgainst"/> checks the
/// delegates against Z3).
/// </summary>
/// <remarks>
/// Arguments are <see cref="ulong"/>s, Bool as 0/1, in the define-fun's parameter order; a value that does
/// not fit its parameter's sort is rejected, never masked. Loading compiles every requirement predicate
/// eagerly, so a model outside the compiled subset fails at load, naming the function, file and line;
/// other define-funs are compiled only when a predicate calls them. Thread-safe after construction.
/// Errors: <see cref="SmtParseException"/>/<see cref="SmtCompileException"/> at load,
/// <see cref="KeyNotFoundException"/> for an unknown name, <see cref="ArgumentException"/> for wrong arity
/// or an argument outside its sort.
/// </remarks>
public sealed partial class ModelOracle : Suite.IPredicateOracle
{
    private readonly Dictionary<string, PredicateHandle> handles;

    private ModelOracle(List<PredicateHandle> predicates)
    {
        handles = predicates.ToDictionary(p => p.Info.Name, StringComparer.Ordinal);
        Predicates = new ReadOnlyCollection<PredicateInfo>(predicates.Select(p => p.Info).ToList());
    }

    /// <summary>Every requirement predicate, in file order (files ordered by name).</summary>
    public IReadOnlyList<PredicateInfo> Predicates { get; }

    /// <summary>Loads the models embedded in the Conformance assembly ("models/*.smt2").</summary>
    /// <exception cref="SmtParseException">A model file is not valid SMT-LIB2.</exception>
    /// <exception cref="SmtCompileException">A requirement predicate is outside the compiled subset.</exception>
    public static ModelOracle LoadEmbedded() => Load(ModelSource.Embedded());

    /// <summary>Loads every *.smt2 file of <paramref name="directory"/> (a working copy of models/).</summary>
    /// <exception cref="SmtParseException">A model file is not valid SMT-LIB2.</exception>
    /// <exception cref="SmtCompileException">A requirement predicate is outside the compiled subset.</exception>
    public static ModelOracle LoadDirectory(string directory) => Load(ModelSource.FromDirectory(directory));

    /// <summary>Loads <paramref name="sources"/>; the one named <see cref="ModelSource.PreludeName"/>, if any, is visible to all the others.</summary>
    /// <exception cref="SmtParseException">A file is not valid SMT-LIB2, two files define the same predicate, or a file defines a prelude name again.</exception>
    /// <exception cref="SmtCompileException">A requirement predicate is outside the compiled subset.</exception>
    public static ModelOracle Load(IEnumerable<ModelSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var predicates = new List<PredicateHandle>();
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var all = sources.ToList();
        // The helpers every model file calls are in one file (ModelSource.PreludeName), read before each of them.
        SmtModule? prelude = all.Find(s => s.Name == ModelSource.PreludeName) is { } p ? SmtModule.Parse(p.Text, p.Name) : null;
        foreach (ModelSource source in all)
        {
            SmtModule module = source.Name == ModelSource.PreludeName ? prelude! : SmtModule.Parse(source.Text, source.Name, prelude);
            foreach (SmtDefinition definition in module.Definitions)
            {
                // Oracle predicates are <ID>.<name>; the obligations' claims are named claim.<ID>... (they may
                // use arrays and quantifiers) and so never match: the solver proves them, the oracle never runs them.
                Match id = RequirementPrefix().Match(definition.Name);
                if (!id.Success)
                {
                    continue;
                }

                if (seen.TryGetValue(definition.Name, out SourcePosition first))
                {
                    throw new SmtParseException(definition.Position, $"predicate {definition.Name} is defined again (first at {first})");
                }

                seen.Add(definition.Name, definition.Position);
                CompiledFunction compiled = module.Compile(definition.Name);
                var info = new PredicateInfo(definition.Name, id.Groups[1].Value, compiled.Parameters, compiled.Result, definition.Position);
                predicates.Add(new PredicateHandle(info, compiled, module));
            }
        }

        return new ModelOracle(predicates);
    }

    /// <summary>The handle of predicate <paramref name="name"/>: resolve once, then evaluate without lookups.</summary>
    /// <exception cref="KeyNotFoundException">No requirement predicate has that name (the message lists the known ones).</exception>
    public PredicateHandle Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (handles.TryGetValue(name, out PredicateHandle? handle))
        {
            return handle;
        }

        string known = Predicates.Count == 0 ? "none (no models loaded)" : string.Join(", ", Predicates.Select(p => p.Name));
        throw new KeyNotFoundException($"no requirement predicate named {name}; known: {known}");
    }

    /// <inheritdoc/>
    public ulong Evaluate(string name, ReadOnlySpan<ulong> args) => Resolve(name).Evaluate(args);

    /// <inheritdoc/>
    public bool Defines(string name) => handles.ContainsKey(name);

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames(string name) => Resolve(name).Info.Parameters.Select(p => p.Name).ToList();

    /// <summary>Whether predicate <paramref name="name"/> holds for <paramref name="args"/> (Bool as 0/1).</summary>
    /// <exception cref="KeyNotFoundException">Unknown predicate.</exception>
    /// <exception cref="ArgumentException">Wrong arity, or an argument outside its sort.</exception>
    /// <exception cref="InvalidOperationException">The define-fun does not return Bool.</exception>
    public bool Holds(string name, params ReadOnlySpan<ulong> args) => Resolve(name).Holds(args);

    /// <summary>
    /// Judges <paramref name="count"/> observations of predicate <paramref name="name"/>: observation i is
    /// <c>argsFlat[i*arity .. (i+1)*arity)</c>, its verdict goes to <c>results[i]</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Unknown predicate.</exception>
    /// <exception cref="ArgumentException">Buffers too short, or an argument outside its sort (nothing after it is judged).</exception>
    /// <exception cref="InvalidOperationException">The define-fun does not return Bool.</exception>
    public void EvaluateBatch(string name, ulong[] argsFlat, int count, Span<bool> results) =>
        Resolve(name).EvaluateBatch(argsFlat, count, results);

    /// <summary>
    /// Checks every predicate's delegate against Z3 on the cartesian product of
    /// <see cref="BoundaryValues"/> (sampled down to <paramref name="boundaryInputs"/>) and
    /// <paramref name="randomInputs"/> random inputs; throws if the two disagree, returns the number of
    /// inputs on which they agreed.
    /// </summary>
    /// <exception cref="DifferentialMismatchException">A delegate and Z3 disagree.</exception>
    /// <exception cref="InvalidOperationException">Z3 failed on a definition.</exception>
    public int VerifyAgainst(ISmtSolver solver, int boundaryInputs = 512, int randomInputs = 256, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(solver);
        var random = new Random(seed);
        int agreed = 0;
        foreach (PredicateHandle handle in handles.Values)
        {
            CompiledFunction function = handle.Function;
            var evaluator = new DifferentialEvaluator(solver, handle.Module);
            var boundaries = function.Parameters.Select(p => BoundaryValues.For(p.Sort)).ToArray();
            var inputs = new List<ulong[]>();
            for (int i = 0; i < boundaryInputs; i++)
            {
                inputs.Add(boundaries.Select(values => values[random.Next(values.Count)]).ToArray());
            }

            for (int i = 0; i < randomInputs; i++)
            {
                inputs.Add(function.Parameters.Select(p => ((ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63)) & p.Sort.Mask).ToArray());
            }

            agreed += evaluator.Evaluate(function, inputs).Count;
        }

        return agreed;
    }

    [GeneratedRegex(@"^((?:AR|SV|ZV)-\d{3})\.")]
    private static partial Regex RequirementPrefix();
}
