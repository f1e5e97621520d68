using System.Globalization;
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

/// <summary>One proof obligation: a labelled (push 1) ... (pop 1) block of a model file.</summary>
/// <param name="Name">The block's :obligation label, e.g. "ZV-005/loop-step".</param>
/// <param name="Requirements">The requirement IDs it proves (:requirement).</param>
/// <param name="Arch">The architecture it is stated for (:arch).</param>
/// <param name="Statement">One line of English (:statement).</param>
/// <param name="Source">file:line of the block.</param>
/// <param name="Script">The file's shared definitions plus the block's declarations and assertions, without check-sat.</param>
/// <param name="Constants">The block's bit-vector and Bool constants: the counterexample's variables, in order.</param>
public sealed record Obligation(string Name, IReadOnlyList<string> Requirements, string Arch, string Statement, string Source, string Script, IReadOnlyList<string> Constants)
{
    /// <summary>"ZV-005/loop-step on 32le".</summary>
    public override string ToString() => $"{Name} on {Arch}";
}

/// <summary>
/// The obligations of the model files. Each obligation states its expected verdict with
/// (set-info :status unsat) (only unsat: the block asserts the negation of a claim), and is labelled
/// with its requirement IDs and architecture; a file without them is rejected, naming file and line.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly HashSet<string> Archs = new(StringComparer.Ordinal) { "32le", "32be", "64le", "64be" };
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "set-option", "set-logic", "set-info", "check-sat", "get-model", "get-value", "echo", "exit" };

    private ModelCatalog(IReadOnlyList<Obligation> obligations, IReadOnlyList<ModelSource> sources)
    {
        Obligations = obligations;
        Sources = sources;
    }

    /// <summary>Every obligation, in file order.</summary>
    public IReadOnlyList<Obligation> Obligations { get; }

    /// <summary>The model files read.</summary>
    public IReadOnlyList<ModelSource> Sources { get; }

    /// <summary>
    /// The shared definitions of every file (everything outside obligation blocks), each name once: the
    /// files share an identical prelude. This is what the boundary-vector queries are written against.
    /// </summary>
    public string AllDefinitions()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var s in Sources)
        {
            foreach (var command in PreludeCommands(s.Text, s.Name))
            {
                string key = command.Items.Count > 1 ? $"{Head(command)} {command.Items[1]}" : command.ToString();
                if (seen.Add(key))
                {
                    lines.Add(command.ToString());
                }
            }
        }
        return string.Join('\n', lines);
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

    /// <summary>Parses model sources.</summary>
    public static ModelCatalog Load(IReadOnlyList<ModelSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ModelFormatException("no model files (models/*.smt2) were found");
        }
        var obligations = new List<Obligation>();
        foreach (var source in sources)
        {
            obligations.AddRange(Parse(source));
        }
        // One truth, no drift: a definition shared by several files (the prelude, the mapzero steps) must
        // have the same text in every file that has it.
        var first = new Dictionary<string, (string Text, SourcePosition At)>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var d in PreludeCommands(source.Text, source.Name).Where(c => c.HeadIs("define-fun") && c.Items.Count > 1 && c.Items[1] is SAtom))
            {
                string name = ((SAtom)d.Items[1]).Text;
                string text = d.ToString();
                if (first.TryGetValue(name, out var seen) && seen.Text != text)
                {
                    throw new ModelFormatException($"{d.Position.Source}:{d.Position.Line}: define-fun {name} differs from its definition at {seen.At.Source}:{seen.At.Line}; shared definitions must be identical in every file");
                }
                first.TryAdd(name, (text, d.Position));
            }
        }
        var dup = obligations.GroupBy(o => (o.Name, o.Arch)).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new ModelFormatException($"{dup.Last().Source}: obligation {dup.Key.Name} on {dup.Key.Arch} is defined twice (first at {dup.First().Source})");
        }
        return new ModelCatalog(obligations, sources);
    }

    private static string Head(SList c) => c.Items.Count > 0 && c.Items[0] is SAtom a ? a.Text : "";

    private static List<SList> PreludeCommands(string text, string name)
    {
        var commands = new List<SList>();
        int depth = 0;
        foreach (var c in SExprReader.ReadAll(text, name).OfType<SList>())
        {
            if (c.HeadIs("push"))
            {
                depth++;
            }
            else if (c.HeadIs("pop"))
            {
                depth--;
            }
            else if (depth == 0 && !Skipped.Contains(Head(c)))
            {
                commands.Add(c);
            }
        }
        return commands;
    }

    private static List<Obligation> Parse(ModelSource source)
    {
        IReadOnlyList<SExpr> commands;
        try
        {
            commands = SExprReader.ReadAll(source.Text, source.Name);
        }
        catch (SmtParseException e)
        {
            throw new ModelFormatException($"{e.Message} (in model file {source.Name})", e);
        }
        var prelude = new List<string>();
        var result = new List<Obligation>();
        List<SList>? block = null;
        SourcePosition blockStart = default;
        foreach (var expr in commands)
        {
            if (expr is not SList c || c.Items.Count == 0 || c.Items[0] is not SAtom)
            {
                throw new ModelFormatException($"{expr.Position}: expected a command, found {expr}");
            }
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
                result.Add(Obligation(source.Name, blockStart, block, string.Join('\n', prelude)));
                block = null;
            }
            else if (block is not null)
            {
                block.Add(c);
            }
            else if (!Skipped.Contains(Head(c)))
            {
                prelude.Add(c.ToString());
            }
        }
        if (block is not null)
        {
            throw new ModelFormatException($"{blockStart}: (push) without a (pop) before the end of the file");
        }
        return result;
    }

    private static Obligation Obligation(string file, SourcePosition at, List<SList> block, string prelude)
    {
        string where = $"{file}:{at.Line}";
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = new List<string>();
        var constants = new List<string>();
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
            if (c.HeadIs("declare-const") && c.Items.Count == 3 && c.Items[1] is SAtom name && IsScalar(c.Items[2]))
            {
                constants.Add(name.Text);
            }
            body.Add(c.ToString());
        }
        string Label(string k) => info.TryGetValue(k, out var v) && v.Length > 0
            ? v
            : throw new ModelFormatException($"{where}: obligation has no (set-info {k} ...) label");
        string name1 = Label(":obligation");
        var requirements = Label(":requirement").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string arch = Label(":arch");
        if (!Archs.Contains(arch))
        {
            throw new ModelFormatException($"{where}: obligation {name1} names unknown architecture '{arch}' (expected 32le, 32be, 64le or 64be)");
        }
        if (Label(":status") != "unsat")
        {
            throw new ModelFormatException($"{where}: obligation {name1} expects '{info[":status"]}'; obligations assert a negated claim and expect unsat");
        }
        if (!checks)
        {
            throw new ModelFormatException($"{where}: obligation {name1} has no (check-sat)");
        }
        return new Obligation(name1, requirements, arch, Label(":statement"), where, prelude + "\n" + string.Join('\n', body), constants);
    }

    private static bool IsScalar(SExpr sort) =>
        (sort is SAtom a && a.Text == "Bool") || (sort is SList l && l.Items.Count == 3 && l.Items[0] is SAtom u && u.Text == "_" && l.Items[1] is SAtom b && b.Text == "BitVec");

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
}
