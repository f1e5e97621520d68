using System.Globalization;
using System.Text;
using Conformance.Oracle;
using Conformance.Smt;

namespace Conformance.Models;

/// <summary>A model file is malformed: the message names the file and line.</summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ModelFormatException() : base("malformed model file") { }

    /// <summary>Creates the exception.</summary>
    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>One proof obligation on one architecture: a labelled (push 1) ... (pop 1) block of a model file, instantiated.</summary>
/// <param name="Name">The block's :obligation label, e.g. "ZV-005/loop-step".</param>
/// <param name="Requirements">The requirement IDs it proves (:requirement).</param>
/// <param name="Arch">The architecture it is instantiated for: 32le, 32be, 64le or 64be.</param>
/// <param name="Statement">One line of English (:statement).</param>
/// <param name="Source">file:line of the block.</param>
/// <param name="Script">
/// What the solver is given: the prelude, the file's definitions and constants, W and BE for <paramref name="Arch"/>
/// (those the block uses), then the block's own commands, without check-sat.
/// </param>
/// <param name="Constants">The scalar constants the block uses, the counterexample's variables: the file's, in declaration order, then the block's own.</param>
public sealed record Obligation(string Name, IReadOnlyList<string> Requirements, string Arch, string Statement, string Source, string Script, IReadOnlyList<string> Constants)
{
    /// <summary>"ZV-005/loop-step on 32le".</summary>
    public override string ToString() => $"{Name} on {Arch}";
}

/// <summary>
/// The obligations of the model files. An obligation is written once, as a labelled (push 1) ... (pop 1)
/// block over the architecture parameters <see cref="WordSize"/> and <see cref="BigEndian"/>; the catalog
/// instantiates it for every architecture of its optional <c>:arch</c> list (all four when there is none) by
/// defining W and BE ahead of it. Each block states its expected verdict with (set-info :status unsat) (only
/// unsat: the block asserts the negation of a claim) and its requirement IDs; a file that breaks the format
/// is rejected with a <see cref="ModelFormatException"/> naming file and line. See models/README.md.
/// </summary>
/// <remarks>
/// The prelude (<see cref="ModelSource.PreludeName"/>) holds define-funs only and comes before every model
/// file. A define-fun has one definition in the whole set (a helper two files need belongs in the prelude).
/// W and BE may appear only inside obligations: definitions take the architecture as parameters (w, be).
/// </remarks>
public sealed class ModelCatalog
{
    /// <summary>The parameter an obligation names the word size by: <c>(_ BitVec 64)</c>, 32 or 64.</summary>
    public const string WordSize = "W";

    /// <summary>The parameter an obligation names the byte order by: Bool, true on big-endian.</summary>
    public const string BigEndian = "BE";

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "set-option", "set-logic", "set-info", "check-sat", "get-model", "get-value", "echo", "exit" };

    private readonly IReadOnlyList<SList> prelude;
    private readonly IReadOnlyList<ModelFile> files;
    private readonly IReadOnlyList<SList> definitions; // every define-fun, prelude first, in file order
    private readonly Dictionary<string, SList> definitionByName;

    private ModelCatalog(IReadOnlyList<SList> prelude, IReadOnlyList<ModelFile> files, IReadOnlyList<ModelSource> sources)
    {
        this.prelude = prelude;
        this.files = files;
        definitions = prelude.Concat(files.SelectMany(f => f.Commands)).Where(c => c.HeadIs("define-fun")).ToList();
        definitionByName = definitions.Where(c => NameOf(c) is not null).ToDictionary(c => NameOf(c)!, StringComparer.Ordinal);
        Sources = sources;
        // File by file; in a file, architecture by architecture, the obligations in file order.
        Obligations = files.SelectMany(f => Architectures.SelectMany(arch => f.Obligations
                .Where(o => o.Archs.Contains(arch))
                .Select(o => new Obligation(o.Name, o.Requirements, arch, o.Statement, o.Source, f.Script(o, arch), o.Constants))))
            .ToList();
    }

    /// <summary>The four architectures, in the order obligations are listed: 32le, 32be, 64le, 64be.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["32le", "32be", "64le", "64be"];

    /// <summary>Every obligation on every architecture it applies to: file by file, and in a file architecture by architecture.</summary>
    public IReadOnlyList<Obligation> Obligations { get; }

    /// <summary>The model files read, the prelude included.</summary>
    public IReadOnlyList<ModelSource> Sources { get; }

    /// <summary>The names of the model files that hold obligations or definitions (the prelude excluded), in order.</summary>
    public IReadOnlyList<string> Files => files.Select(f => f.Name).ToList();

    /// <summary>
    /// The define-funs <paramref name="text"/> uses, directly or through other definitions, in the order they are
    /// written (the prelude's first, then file by file; a name has one definition): a query's whole context, without the tens of kilobytes it never mentions (the
    /// solver parses every definition it is given, about 40 ms for all of them).
    /// </summary>
    /// <param name="text">SMT-LIB2 text (commands or terms) naming definitions.</param>
    /// <exception cref="SmtParseException"><paramref name="text"/> is not SMT-LIB2.</exception>
    public string DefinitionsUsedBy(string text)
    {
        var used = new HashSet<SList>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<SExpr>(SExprReader.ReadAll(text, "query"));
        while (pending.TryPop(out var e))
        {
            if (e is SList list)
            {
                list.Items.ToList().ForEach(pending.Push);
            }
            else if (e is SAtom { Kind: AtomKind.Symbol } atom && definitionByName.TryGetValue(atom.Text, out var definition) && used.Add(definition))
            {
                pending.Push(definition);
            }
        }
        return string.Join('\n', definitions.Where(used.Contains).Select(c => c.ToString()));
    }

    /// <summary>
    /// The standalone SMT-LIB2 script of one model file on one architecture, as `prove` checks it: the prelude,
    /// the file's definitions and constants, W and BE, then every obligation that applies (of
    /// <paramref name="requirement"/> only, if given) in its own (push 1) ... (check-sat) (pop 1). Any solver
    /// can run it; one "unsat" per obligation means all are proved.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No model file has that name (the message lists them).</exception>
    /// <exception cref="ArgumentException"><paramref name="arch"/> is not one of <see cref="Architectures"/>.</exception>
    public string Emit(string file, string arch, string? requirement = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(arch);
        if (!Architectures.Contains(arch))
        {
            throw new ArgumentException($"unknown architecture '{arch}' (expected {string.Join(", ", Architectures)})", nameof(arch));
        }
        var f = files.FirstOrDefault(f => f.Name == file)
            ?? throw new KeyNotFoundException($"no model file named {file}; the model files are {string.Join(", ", Files)}");
        var chosen = f.Obligations.Where(o => o.Archs.Contains(arch) && (requirement is null || o.Requirements.Contains(requirement))).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"; models/{f.Name} on {arch}, as `prove` checks it: the prelude, the file's definitions and constants,\n");
        text.Append(CultureInfo.InvariantCulture, $"; the architecture (W, BE), then {chosen.Count} obligation(s). One \"unsat\" per obligation: each is proved.\n");
        text.Append("; Generated by `prove --emit`: edit models/, not this. The option below is for z3 only: after (push 1) z3\n");
        text.Append("; uses its incremental core, weak on bit-vectors; this lets it fall back to bit-blasting after 200 ms.\n");
        text.Append("(set-option :combined_solver.solver2_timeout 200)\n");
        foreach (var c in prelude.Concat(f.Commands))
        {
            text.Append(c).Append('\n');
        }
        text.Append(WordSizeDefinition(arch)).Append('\n').Append(BigEndianDefinition(arch)).Append('\n');
        foreach (var o in chosen)
        {
            text.Append("\n(push 1)\n");
            text.Append(CultureInfo.InvariantCulture, $"(set-info :obligation {Quote(o.Name)})\n(set-info :requirement {Quote(string.Join(' ', o.Requirements))})\n");
            text.Append(CultureInfo.InvariantCulture, $"(set-info :arch {Quote(arch)})\n(set-info :statement {Quote(o.Statement)})\n(set-info :status unsat)\n");
            foreach (var c in o.Body)
            {
                text.Append(c).Append('\n');
            }
            text.Append("(check-sat)\n(pop 1)\n");
        }
        return text.ToString();
    }

    /// <summary>W for <paramref name="arch"/>: <c>(define-fun W () (_ BitVec 64) #x...20)</c> on 32-bit, <c>#x...40</c> on 64-bit.</summary>
    public static string WordSizeDefinition(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return $"(define-fun {WordSize} () (_ BitVec 64) {(arch.StartsWith("32", StringComparison.Ordinal) ? "#x0000000000000020" : "#x0000000000000040")})";
    }

    /// <summary>BE for <paramref name="arch"/>: <c>(define-fun BE () Bool true)</c> on big-endian, false on little-endian.</summary>
    public static string BigEndianDefinition(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return $"(define-fun {BigEndian} () Bool {(arch.EndsWith("be", StringComparison.Ordinal) ? "true" : "false")})";
    }

    /// <summary>The models embedded in the Conformance assembly.</summary>
    public static ModelCatalog LoadEmbedded() => Load(ModelSource.Embedded());

    /// <summary>The models in a directory (*.smt2).</summary>
    public static ModelCatalog LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ModelFormatException($"{directory}: no such models directory");
        }
        return Load(ModelSource.FromDirectory(directory));
    }

    /// <summary>Parses model sources; the one named <see cref="ModelSource.PreludeName"/>, if any, is the prelude.</summary>
    /// <exception cref="ModelFormatException">A file breaks the format; the message names file and line.</exception>
    public static ModelCatalog Load(IReadOnlyList<ModelSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ModelFormatException("no model files (models/*.smt2) were found");
        }
        var preludeSource = sources.FirstOrDefault(s => s.Name == ModelSource.PreludeName);
        var preludeCommands = preludeSource is null ? [] : ReadPrelude(preludeSource);
        // One definition per name: in the prelude, in a file, and across files (scripts never mix files, but
        // a helper written twice can drift; it belongs in the prelude, once).
        var preludeNames = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        foreach (var d in preludeCommands)
        {
            Define(preludeNames, d);
        }
        string preludeText = string.Join('\n', preludeCommands.Select(c => c.ToString()));
        var everywhere = new Dictionary<string, SourcePosition>(preludeNames, StringComparer.Ordinal);
        var files = new List<ModelFile>();
        foreach (var source in sources.Where(s => s.Name != ModelSource.PreludeName))
        {
            var file = ReadFile(source, preludeText, preludeNames);
            foreach (var c in file.Commands.Where(c => c.HeadIs("define-fun")))
            {
                Define(everywhere, c);
            }
            files.Add(file);
        }
        var all = files.SelectMany(f => f.Obligations).ToList();
        var dup = all.GroupBy(o => o.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ModelFormatException($"{dup.Last().Source}: obligation {dup.Key} is defined twice (first at {dup.First().Source}); state it once, its :arch list names the architectures");
        }
        return new ModelCatalog(preludeCommands, files, sources);
    }

    private static string Where(SourcePosition p) => $"{p.Source}:{p.Line}";

    private static string Head(SList c) => c.Items.Count > 0 && c.Items[0] is SAtom a ? a.Text : "";

    private static string? NameOf(SList c) => c.Items.Count > 1 && c.Items[1] is SAtom a ? a.Text : null;

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Define(Dictionary<string, SourcePosition> defined, SList c)
    {
        if (NameOf(c) is not { } name)
        {
            return;
        }
        if (defined.TryGetValue(name, out var first))
        {
            throw new ModelFormatException(
                first.Source == c.Position.Source ? $"{Where(c.Position)}: {Head(c)} {name} is defined twice (first at {Where(first)})"
                : first.Source == ModelSource.PreludeName ? $"{Where(c.Position)}: {Head(c)} {name} is already defined at {Where(first)}: the prelude's names are visible in every model file"
                : $"{Where(c.Position)}: {Head(c)} {name} is also defined at {Where(first)}; a name has one definition: a helper several files use belongs in {ModelSource.PreludeName}, once");
        }
        defined.Add(name, c.Position);
    }

    private static IReadOnlyList<SExpr> Read(ModelSource source)
    {
        try
        {
            return SExprReader.ReadAll(source.Text, source.Name);
        }
        catch (SmtParseException e)
        {
            throw new ModelFormatException($"{e.Message} (in model file {source.Name})", e);
        }
    }

    private static SList Command(SExpr expr) =>
        expr is SList c && c.Items.Count > 0 && c.Items[0] is SAtom
            ? c
            : throw new ModelFormatException($"{expr.Position}: expected a command, found {expr}");

    private static List<SList> ReadPrelude(ModelSource source)
    {
        var commands = Read(source).Select(Command).ToList();
        foreach (var c in commands)
        {
            if (!c.HeadIs("define-fun"))
            {
                throw new ModelFormatException($"{Where(c.Position)}: the prelude holds define-funs only, found ({Head(c)} ...); obligations and constants belong in a model file");
            }
            NoArchitecture(c, "the prelude");
        }
        return commands;
    }

    // W and BE exist only inside obligations: anything outside one takes the architecture as a parameter.
    private static void NoArchitecture(SList c, string where)
    {
        if (FirstAtom(c, a => a.IsSymbol(WordSize) || a.IsSymbol(BigEndian)) is { } atom)
        {
            throw new ModelFormatException($"{atom.Position}: {atom.Text} in {where}: only obligations may use {WordSize} and {BigEndian} (the prover defines them per architecture); definitions take the architecture as parameters (w, be)");
        }
    }

    private static SAtom? FirstAtom(SExpr e, Func<SAtom, bool> match) => e switch
    {
        SAtom a when match(a) => a,
        SList l => l.Items.Select(i => FirstAtom(i, match)).FirstOrDefault(a => a is not null),
        _ => null,
    };

    private static void Symbols(SExpr e, HashSet<string> into)
    {
        if (e is SAtom { Kind: AtomKind.Symbol } a)
        {
            into.Add(a.Text);
        }
        else if (e is SList l)
        {
            foreach (var i in l.Items)
            {
                Symbols(i, into);
            }
        }
    }

    private static bool IsScalar(SExpr sort) =>
        (sort is SAtom a && a.Text == "Bool") || (sort is SList l && l.Items.Count == 3 && l.Items[0] is SAtom u && u.Text == "_" && l.Items[1] is SAtom b && b.Text == "BitVec");

    private static ModelFile ReadFile(ModelSource source, string preludeText, Dictionary<string, SourcePosition> preludeNames)
    {
        // The names one script sees: the prelude's, the file's, an obligation's own.
        var names = new Dictionary<string, SourcePosition>(preludeNames, StringComparer.Ordinal);
        var commands = new List<SList>();
        var constants = new List<string>();
        var blocks = new List<(SourcePosition Start, List<SList> Commands)>();
        List<SList>? block = null;
        SourcePosition blockStart = default;
        foreach (var c in Read(source).Select(Command))
        {
            if (c.HeadIs("push"))
            {
                if (block is not null)
                {
                    throw new ModelFormatException($"{c.Position}: (push) inside the obligation that starts at line {blockStart.Line}: blocks do not nest");
                }
                block = [];
                blockStart = c.Position;
            }
            else if (c.HeadIs("pop"))
            {
                if (block is null)
                {
                    throw new ModelFormatException($"{c.Position}: (pop) without a (push)");
                }
                blocks.Add((blockStart, block));
                block = null;
            }
            else if (block is not null)
            {
                block.Add(c);
            }
            else if (!Skipped.Contains(Head(c)))
            {
                NoArchitecture(c, "a definition");
                if (c.HeadIs("define-fun") || c.HeadIs("declare-const") || c.HeadIs("declare-fun"))
                {
                    Define(names, c);
                }
                if (c.HeadIs("declare-const") && c.Items.Count == 3 && NameOf(c) is { } name && IsScalar(c.Items[2]))
                {
                    constants.Add(name);
                }
                commands.Add(c);
            }
        }
        if (block is not null)
        {
            throw new ModelFormatException($"{blockStart}: (push) without a (pop) before the end of the file");
        }
        string prefix = preludeText + "\n" + string.Join('\n', commands.Select(c => c.ToString()));
        var obligations = blocks.Select(b => Declare(source.Name, b.Start, b.Commands, constants, names)).ToList();
        return new ModelFile(source.Name, commands, prefix, obligations);
    }

    private static DeclaredObligation Declare(string file, SourcePosition at, List<SList> block, List<string> fileConstants, Dictionary<string, SourcePosition> fileNames)
    {
        var names = new Dictionary<string, SourcePosition>(fileNames, StringComparer.Ordinal);
        string where = $"{file}:{at.Line}";
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = new List<SList>();
        var own = new List<string>();
        bool checks = false;
        foreach (var c in block)
        {
            if (c.HeadIs("set-info") && c.Items.Count == 3 && c.Items[1] is SAtom key)
            {
                info[key.Text] = c.Items[2] is SAtom v ? v.Text.Trim('"') : c.Items[2].ToString();
                continue;
            }
            if (c.HeadIs("check-sat"))
            {
                checks = true;
                continue;
            }
            if (Skipped.Contains(Head(c)))
            {
                continue;
            }
            if ((c.HeadIs("declare-const") || c.HeadIs("define-fun") || c.HeadIs("declare-fun")) && NameOf(c) is { } declared)
            {
                if (declared is WordSize or BigEndian)
                {
                    throw new ModelFormatException($"{Where(c.Position)}: {Head(c)} {declared}: {WordSize} and {BigEndian} are the architecture, defined by the prover");
                }
                Define(names, c);
                if (c.HeadIs("declare-const") && c.Items.Count == 3 && IsScalar(c.Items[2]))
                {
                    own.Add(declared);
                }
            }
            body.Add(c);
        }
        string Label(string k) => info.TryGetValue(k, out var v) && v.Length > 0
            ? v
            : throw new ModelFormatException($"{where}: obligation has no (set-info {k} ...) label");
        string name = Label(":obligation");
        var requirements = Label(":requirement").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var archs = info.TryGetValue(":arch", out var list) ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [.. Architectures];
        if (archs.FirstOrDefault(a => !Architectures.Contains(a)) is { } unknown)
        {
            throw new ModelFormatException($"{where}: obligation {name} names unknown architecture '{unknown}' (expected 32le, 32be, 64le or 64be)");
        }
        if (archs.Length == 0 || archs.Distinct().Count() != archs.Length)
        {
            throw new ModelFormatException($"{where}: obligation {name}: :arch \"{list}\" must list distinct architectures (leave it out for all four)");
        }
        if (Label(":status") != "unsat")
        {
            throw new ModelFormatException($"{where}: obligation {name} expects '{info[":status"]}'; obligations assert a negated claim and expect unsat");
        }
        if (!checks)
        {
            throw new ModelFormatException($"{where}: obligation {name} has no (check-sat)");
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in body)
        {
            Symbols(c, used);
        }
        var constants = fileConstants.Where(used.Contains).Concat(own).ToList();
        return new DeclaredObligation(name, requirements, archs, Label(":statement"), where, body, constants, used.Contains(WordSize), used.Contains(BigEndian));
    }

    /// <summary>Parses a literal the solver printed (#x.., #b.., true/false) as an unsigned number.</summary>
    public static ulong ParseLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text switch
        {
            "true" => 1,
            "false" => 0,
            _ when text.StartsWith("#x", StringComparison.Ordinal) => ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            _ when text.StartsWith("#b", StringComparison.Ordinal) => Convert.ToUInt64(text[2..], 2),
            _ when text.StartsWith("(_ bv", StringComparison.Ordinal) => ulong.Parse(text[5..text.IndexOf(' ', 5)], CultureInfo.InvariantCulture),
            _ => throw new FormatException($"not a bit-vector or Bool literal: {text}"),
        };
    }

    /// <summary>An obligation as a model file states it: once, for the architectures in <paramref name="Archs"/>.</summary>
    private sealed record DeclaredObligation(string Name, IReadOnlyList<string> Requirements, IReadOnlyList<string> Archs, string Statement, string Source,
        IReadOnlyList<SList> Body, IReadOnlyList<string> Constants, bool UsesWordSize, bool UsesBigEndian);

    /// <summary>A model file: its commands outside obligations, the script prefix they make with the prelude, its obligations.</summary>
    private sealed record ModelFile(string Name, IReadOnlyList<SList> Commands, string Prefix, IReadOnlyList<DeclaredObligation> Obligations)
    {
        // Only the parameters the block uses are defined, so that an obligation that does not depend on the
        // byte order has the same script on 32le and 32be, and the prover solves it once.
        public string Script(DeclaredObligation o, string arch) =>
            Prefix + "\n"
            + (o.UsesWordSize ? WordSizeDefinition(arch) + "\n" : "")
            + (o.UsesBigEndian ? BigEndianDefinition(arch) + "\n" : "")
            + string.Join('\n', o.Body.Select(c => c.ToString()));
    }
}
