using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;

namespace Conformance.Smt;

/// <summary>An SMT-LIB2 sort of the compiled subset: Bool, or (_ BitVec n) with 1 &lt;= n &lt;= 64.</summary>
public sealed record SmtSort
{
    private SmtSort(int width) => Width = width;

    /// <summary>The sort Bool (carried as 0/1).</summary>
    public static SmtSort Bool { get; } = new(0);

    /// <summary>Bit width for bit-vectors; 0 for Bool.</summary>
    public int Width { get; }

    /// <summary>True for Bool.</summary>
    public bool IsBool => Width == 0;

    /// <summary>The largest value of the sort: 1 for Bool, 2^n - 1 for (_ BitVec n).</summary>
    public ulong Mask => IsBool ? 1UL : MaskOf(Width);

    /// <summary>The sort (_ BitVec <paramref name="width"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not in 1..64.</exception>
    public static SmtSort BitVec(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 64);
        return new SmtSort(width);
    }

    /// <summary>2^<paramref name="width"/> - 1 for 1 &lt;= width &lt;= 64.</summary>
    internal static ulong MaskOf(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary>A value of this sort as an SMT-LIB2 literal: true/false, #x.. when the width is a multiple of 4, else #b.. (Z3's own choice).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> does not fit the sort.</exception>
    public string Literal(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Mask);
        if (IsBool)
        {
            return value == 1 ? "true" : "false";
        }

        return Width % 4 == 0
            ? "#x" + value.ToString("x" + (Width / 4).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : "#b" + Convert.ToString(unchecked((long)value), 2).PadLeft(Width, '0');
    }

    /// <summary>"Bool" or "(_ BitVec n)".</summary>
    public override string ToString() => IsBool ? "Bool" : $"(_ BitVec {Width})";
}

/// <summary>A formal parameter of a define-fun.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Sort">Its sort.</param>
public sealed record SmtParameter(string Name, SmtSort Sort);

/// <summary>A compiled function: reads its arguments from <paramref name="args"/> starting at <paramref name="offset"/>, returns the result (Bool as 0/1).</summary>
/// <param name="args">Argument values, one per parameter, Bool as 0/1; bit-vector arguments are masked to their width.</param>
/// <param name="offset">Index of the first argument in <paramref name="args"/>.</param>
public delegate ulong SmtFunction(ulong[] args, int offset);

/// <summary>A define-fun requested from an <see cref="SmtModule"/> uses something outside the compiled subset, or is ill-sorted.</summary>
public sealed class SmtCompileException : Exception
{
    /// <summary>Creates the exception; the message names the function and the position ("file:line:column").</summary>
    public SmtCompileException(string function, SourcePosition position, string problem)
        : base($"{position}: define-fun {function}: {problem}")
    {
        Function = function;
        Position = position;
    }

    /// <summary>Creates the exception.</summary>
    public SmtCompileException() : base("SMT compile error") => Function = "";

    /// <summary>Creates the exception.</summary>
    public SmtCompileException(string message) : base(message) => Function = "";

    /// <summary>Creates the exception.</summary>
    public SmtCompileException(string message, Exception inner) : base(message, inner) => Function = "";

    /// <summary>The define-fun that was requested.</summary>
    public string Function { get; }

    /// <summary>Where the offending term is.</summary>
    public SourcePosition Position { get; }
}

/// <summary>One <c>define-fun</c> as written, before compilation.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Index">Its position among the define-funs visible in its module, a prelude's first (a definition sees only earlier ones).</param>
/// <param name="Command">The whole <c>(define-fun ...)</c> command.</param>
public sealed record SmtDefinition(string Name, int Index, SList Command)
{
    /// <summary>Where the command starts.</summary>
    public SourcePosition Position => Command.Position;

    /// <summary>The command as one line of SMT-LIB2 text.</summary>
    public string Text => Command.ToString();
}

/// <summary>A compiled define-fun.</summary>
public sealed class CompiledFunction
{
    internal CompiledFunction(SmtDefinition definition, IReadOnlyList<SmtParameter> parameters, SmtSort result, SmtFunction invoke, IReadOnlyList<string> dependencies)
    {
        Definition = definition;
        Parameters = parameters;
        Result = result;
        Invoke = invoke;
        Dependencies = dependencies;
    }

    /// <summary>The function's name.</summary>
    public string Name => Definition.Name;

    /// <summary>Its source text and position.</summary>
    public SmtDefinition Definition { get; }

    /// <summary>Its parameters in order.</summary>
    public IReadOnlyList<SmtParameter> Parameters { get; }

    /// <summary>Its result sort.</summary>
    public SmtSort Result { get; }

    /// <summary>The compiled delegate, for hot loops (no checks beyond masking).</summary>
    public SmtFunction Invoke { get; }

    /// <summary>Names of the define-funs it calls, directly or not, in file order.</summary>
    public IReadOnlyList<string> Dependencies { get; }

    /// <summary>Evaluates the function on <paramref name="args"/> (Bool as 0/1).</summary>
    /// <exception cref="ArgumentException">Wrong number of arguments, or an argument does not fit its sort.</exception>
    public ulong Evaluate(params ReadOnlySpan<ulong> args)
    {
        if (args.Length != Parameters.Count)
        {
            throw new ArgumentException($"{Name} takes {Parameters.Count} arguments, got {args.Length}", nameof(args));
        }

        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] > Parameters[i].Sort.Mask)
            {
                throw new ArgumentException($"{Name}: argument {Parameters[i].Name} = 0x{args[i]:x} does not fit {Parameters[i].Sort}", nameof(args));
            }
        }

        return Invoke(args.ToArray(), 0);
    }
}

/// <summary>
/// The define-funs of one SMT-LIB2 file, compiled on request into .NET delegates. The subset: sorts
/// Bool and (_ BitVec n) with n &lt;= 64; core operators, bit-vector arithmetic, comparisons, shifts,
/// concat/extract/extend, literals, let, and calls to earlier define-funs (see <see cref="BvCompiler"/>).
/// Every other command of the file (declare-const, assert, check-sat, push/pop, set-info, ...) is skipped.
/// </summary>
public sealed class SmtModule
{
    private readonly Dictionary<string, SmtDefinition> byName;
    private readonly Dictionary<string, CompiledFunction> compiled = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private SmtModule(string source, List<SmtDefinition> visible, int imported)
    {
        Source = source;
        Visible = visible;
        Definitions = new ReadOnlyCollection<SmtDefinition>(visible.GetRange(imported, visible.Count - imported));
        byName = visible.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>The source name (file name) given to <see cref="Parse(string, string)"/>.</summary>
    public string Source { get; }

    /// <summary>Every define-fun of this file, in file order (a prelude's are visible but not listed).</summary>
    public IReadOnlyList<SmtDefinition> Definitions { get; }

    /// <summary>Every define-fun a definition of this module may call, by <see cref="SmtDefinition.Index"/>: the prelude's, then this file's.</summary>
    internal List<SmtDefinition> Visible { get; }

    /// <summary>Reads <paramref name="text"/> and collects its define-funs; compiles nothing yet.</summary>
    /// <exception cref="SmtParseException">The text is not s-expressions, a define-fun is malformed, or a name is defined twice.</exception>
    public static SmtModule Parse(string text, string source) => Parse(text, source, null);

    /// <summary>
    /// Reads <paramref name="text"/> as a file that comes after <paramref name="prelude"/>: the prelude's
    /// define-funs are earlier than all of its own, so its definitions may call them (models/prelude.smt2).
    /// </summary>
    /// <exception cref="SmtParseException">The text is not s-expressions, a define-fun is malformed, or a name is defined twice (in the file, or in the file and the prelude).</exception>
    public static SmtModule Parse(string text, string source, SmtModule? prelude)
    {
        var definitions = new List<SmtDefinition>();
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        foreach (SmtDefinition imported in prelude?.Visible ?? [])
        {
            seen.Add(imported.Name, imported.Position);
            definitions.Add(imported);
        }

        int importedCount = definitions.Count;
        foreach (SExpr command in SExprReader.ReadAll(text, source))
        {
            if (command is not SList list || !list.HeadIs("define-fun"))
            {
                continue;
            }

            if (list.Items.Count != 5 || list.Items[1] is not SAtom { Kind: AtomKind.Symbol } name || list.Items[2] is not SList)
            {
                throw new SmtParseException(list.Position, "malformed define-fun: expected (define-fun name ((param sort) ...) sort body)");
            }

            if (seen.TryGetValue(name.Text, out SourcePosition first))
            {
                throw new SmtParseException(list.Position, $"define-fun {name.Text} is defined again (first at {first})");
            }

            seen.Add(name.Text, list.Position);
            definitions.Add(new SmtDefinition(name.Text, definitions.Count, list));
        }

        return new SmtModule(source, definitions, importedCount);
    }

    /// <summary>True when the file defines <paramref name="name"/>.</summary>
    public bool Defines(string name) => byName.ContainsKey(name);

    /// <summary>Compiles <paramref name="name"/> (and what it calls); cached.</summary>
    /// <exception cref="KeyNotFoundException">No define-fun has that name.</exception>
    /// <exception cref="SmtCompileException">The definition is outside the subset or ill-sorted; the message names the function, file and line.</exception>
    public CompiledFunction Compile(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (gate)
        {
            return CompileLocked(name);
        }
    }

    /// <summary>Compiles <paramref name="name"/>, returning the error instead of throwing it.</summary>
    public bool TryCompile(string name, out CompiledFunction? function, out SmtCompileException? error)
    {
        try
        {
            function = Compile(name);
            error = null;
            return true;
        }
        catch (SmtCompileException e)
        {
            function = null;
            error = e;
            return false;
        }
    }

    internal CompiledFunction CompileLocked(string name)
    {
        if (compiled.TryGetValue(name, out CompiledFunction? done))
        {
            return done;
        }

        if (!byName.TryGetValue(name, out SmtDefinition? definition))
        {
            throw new KeyNotFoundException($"{Source}: no define-fun named {name}");
        }

        CompiledFunction function = BvCompiler.Compile(this, definition);
        compiled.Add(name, function);
        return function;
    }

    internal bool TryGetDefinition(string name, out SmtDefinition definition) => byName.TryGetValue(name, out definition!);

    /// <summary>Parses a bit-vector literal (#x.., #b..) into (value, width); null when the atom is no such literal.</summary>
    internal static (ulong Value, int Width)? ParseBitVecLiteral(SAtom atom)
    {
        int width;
        BigInteger value;
        switch (atom.Kind)
        {
            case AtomKind.Hexadecimal:
                width = 4 * (atom.Text.Length - 2);
                value = BigInteger.Parse("0" + atom.Text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                break;
            case AtomKind.Binary:
                width = atom.Text.Length - 2;
                value = BigInteger.Parse("0" + atom.Text[2..], NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture);
                break;
            default:
                return null;
        }

        return width is < 1 or > 64 ? (0, width) : ((ulong)value, width);
    }
}
