using System.Globalization;
using System.Text;

namespace Conformance.Smt;

/// <summary>
/// Evaluates a compiled define-fun twice, with its .NET delegate and with Z3 (<c>(simplify (f args))</c>
/// over the same definitions), and throws <see cref="DifferentialMismatchException"/> if the two disagree;
/// otherwise returns the values they agree on. This is the guarantee behind <see cref="SmtModule"/>: a
/// delegate is trusted because it agrees with Z3 on the inputs this class is given (boundary and random
/// inputs in the tests), never by inspection.
/// </summary>
/// <remarks>
/// Inputs go to Z3 in batches (one push, the definitions, one simplify per input, one pop), so a batch
/// of a few hundred inputs costs about one solver round-trip. A Z3 error is a harness error
/// (<see cref="InvalidOperationException"/>), never a disagreement and never an agreement.
/// </remarks>
public sealed class DifferentialEvaluator
{
    private readonly ISmtSolver solver;
    private readonly SmtModule module;

    /// <summary>Checks the functions of <paramref name="module"/> against <paramref name="solver"/>.</summary>
    public DifferentialEvaluator(ISmtSolver solver, SmtModule module)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(module);
        this.solver = solver;
        this.module = module;
    }

    /// <summary>Evaluates <paramref name="function"/> on one input with both; returns the value they agree on.</summary>
    /// <exception cref="DifferentialMismatchException">The delegate and Z3 disagree.</exception>
    /// <exception cref="InvalidOperationException">Z3 reported an error or gave an unreadable answer.</exception>
    /// <exception cref="ArgumentException">Wrong arity or an argument that does not fit its sort.</exception>
    public ulong Evaluate(CompiledFunction function, params ReadOnlySpan<ulong> args) =>
        Evaluate(function, [args.ToArray()])[0];

    /// <summary>Evaluates <paramref name="function"/> on every input with both; returns the values they agree on, in input order.</summary>
    /// <exception cref="DifferentialMismatchException">The delegate and Z3 disagree on some input (the first such is reported).</exception>
    /// <exception cref="InvalidOperationException">Z3 reported an error or gave an unreadable answer.</exception>
    /// <exception cref="ArgumentException">Wrong arity or an argument that does not fit its sort.</exception>
    public IReadOnlyList<ulong> Evaluate(CompiledFunction function, IReadOnlyList<ulong[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        var delegateValues = new ulong[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            delegateValues[i] = function.Evaluate(inputs[i]);
        }

        IReadOnlyList<ulong> solverValues = SolverValues(function, inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (delegateValues[i] != solverValues[i])
            {
                throw new DifferentialMismatchException(function, inputs[i], delegateValues[i], solverValues[i]);
            }
        }

        return delegateValues;
    }

    /// <summary>What Z3 says <paramref name="function"/> is on each input.</summary>
    /// <exception cref="InvalidOperationException">Z3 reported an error or gave an unreadable answer.</exception>
    public IReadOnlyList<ulong> SolverValues(CompiledFunction function, IReadOnlyList<ulong[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return [];
        }

        var script = new StringBuilder("(push 1)\n");
        foreach (string dependency in function.Dependencies)
        {
            script.AppendLine(module.Compile(dependency).Definition.Text);
        }

        script.AppendLine(function.Definition.Text);
        foreach (ulong[] input in inputs)
        {
            script.Append("(simplify ").Append(Application(function, input)).AppendLine(")");
        }

        script.AppendLine("(pop 1)");
        string output = solver.Run(script.ToString());
        if (Z3NativeSolver.ErrorsIn(output) is { } errors)
        {
            throw new InvalidOperationException($"Z3 failed while evaluating {function.Name}: {errors}");
        }

        IReadOnlyList<SExpr> answers;
        try
        {
            answers = SExprReader.ReadAll(output, "z3 simplify output");
        }
        catch (SmtParseException e)
        {
            throw new InvalidOperationException($"unreadable Z3 output for {function.Name}: {output}", e);
        }

        if (answers.Count != inputs.Count)
        {
            throw new InvalidOperationException($"Z3 gave {answers.Count} answers for {inputs.Count} inputs of {function.Name}: {output}");
        }

        var values = new ulong[inputs.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ParseValue(function, answers[i]);
        }

        return values;
    }

    /// <summary>The SMT-LIB2 application of <paramref name="function"/> to <paramref name="args"/>, e.g. <c>(f #x01 true)</c>.</summary>
    public static string Application(CompiledFunction function, IReadOnlyList<ulong> args)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        string name = new SAtom(function.Name, AtomKind.Symbol, default).ToString();
        if (args.Count == 0)
        {
            return name;
        }

        var text = new StringBuilder("(").Append(name);
        for (int i = 0; i < args.Count; i++)
        {
            text.Append(' ').Append(function.Parameters[i].Sort.Literal(args[i]));
        }

        return text.Append(')').ToString();
    }

    private static ulong ParseValue(CompiledFunction function, SExpr answer)
    {
        if (answer is SAtom atom)
        {
            if (function.Result.IsBool && atom.Kind == AtomKind.Symbol && atom.Text is "true" or "false")
            {
                return atom.Text == "true" ? 1UL : 0UL;
            }

            if (!function.Result.IsBool && SmtModule.ParseBitVecLiteral(atom) is var (value, width) && width == function.Result.Width)
            {
                return value;
            }
        }

        throw new InvalidOperationException(
            $"Z3 did not simplify {function.Name} to a {function.Result} constant: {answer}");
    }
}

/// <summary>A compiled delegate and Z3 gave different values for the same input: the compiler (or Z3) is wrong.</summary>
public sealed class DifferentialMismatchException : Exception
{
    /// <summary>Creates the exception for <paramref name="function"/> on <paramref name="args"/>.</summary>
    public DifferentialMismatchException(CompiledFunction function, IReadOnlyList<ulong> args, ulong compiled, ulong solver)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{function?.Definition.Position}: {function?.Name} disagrees with Z3 on {(function is null ? "" : DifferentialEvaluator.Application(function, args))}: compiled delegate gives {Show(function, compiled)}, Z3 gives {Show(function, solver)}"))
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function.Name;
        Arguments = [.. args];
        Compiled = compiled;
        Solver = solver;
    }

    /// <summary>Creates the exception.</summary>
    public DifferentialMismatchException() : base("compiled delegate and Z3 disagree") => Function = "";

    /// <summary>Creates the exception.</summary>
    public DifferentialMismatchException(string message) : base(message) => Function = "";

    /// <summary>Creates the exception.</summary>
    public DifferentialMismatchException(string message, Exception inner) : base(message, inner) => Function = "";

    /// <summary>The function's name.</summary>
    public string Function { get; }

    /// <summary>The input they disagree on.</summary>
    public IReadOnlyList<ulong> Arguments { get; } = [];

    /// <summary>What the compiled delegate returned.</summary>
    public ulong Compiled { get; }

    /// <summary>What Z3 returned.</summary>
    public ulong Solver { get; }

    private static string Show(CompiledFunction? function, ulong value) =>
        function is null ? value.ToString(CultureInfo.InvariantCulture) : function.Result.Literal(Math.Min(value, function.Result.Mask));
}
