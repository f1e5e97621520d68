using System.Text.RegularExpressions;
using Conformance.Adapters;
using Conformance.Oracle;

namespace Conformance.Models;

/// <summary>
/// The proof obligations of the model files (models/*.smt2), parsed and checked against the format of
/// models/README.md.
/// </summary>
/// <remarks>
/// Errors: <see cref="ModelFormatException"/> (naming the file and line) for a missing models
/// directory, an empty or corrupt file, unbalanced parentheses, an obligation without one of its
/// labels, an unknown architecture or status, a malformed requirement ID, a duplicate obligation, or a
/// shared definition whose text differs between two files (the shared prelude is one truth).
/// </remarks>
public sealed partial class ModelCatalog
{
    private static readonly string[] RequiredLabels = [":obligation", ":requirement", ":arch", ":statement", ":status"];

    private ModelCatalog(IReadOnlyList<Obligation> obligations, IReadOnlyDictionary<string, string> sharedScripts)
    {
        Obligations = obligations;
        SharedScripts = sharedScripts;
    }

    /// <summary>Every obligation, in file order (files by name).</summary>
    public IReadOnlyList<Obligation> Obligations { get; }

    /// <summary>Per file name, the file's shared definitions (everything outside blocks that a script needs).</summary>
    public IReadOnlyDictionary<string, string> SharedScripts { get; }

    /// <summary>The requirement IDs that have at least one obligation, ordered.</summary>
    public IReadOnlyList<string> Requirements =>
        Obligations.SelectMany(o => o.Requirements).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The models embedded in the Conformance assembly.</summary>
    /// <exception cref="ModelFormatException">No model is embedded, or one is malformed.</exception>
    public static ModelCatalog Embedded() => FromSources(ModelSource.Embedded());

    /// <summary>The *.smt2 files of <paramref name="directory"/>.</summary>
    /// <exception cref="ModelFormatException">The directory is missing, holds no model, or one is malformed.</exception>
    public static ModelCatalog FromDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new ModelFormatException(directory, 0, "models directory not found");
        }

        return FromSources(ModelSource.FromDirectory(directory));
    }

    /// <summary>Parses <paramref name="sources"/>.</summary>
    /// <exception cref="ModelFormatException">There is no source, or one is malformed.</exception>
    public static ModelCatalog FromSources(IReadOnlyList<ModelSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ModelFormatException("models", 0, "no model file (*.smt2) found");
        }

        var obligations = new List<Obligation>();
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        var definitions = new Dictionary<string, (string File, int Line, string Text)>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ModelSource source in sources)
        {
            (IReadOnlyList<Obligation> fileObligations, string sharedScript, IReadOnlyList<ModelCommand> defs) = ParseFile(source.Name, source.Text);
            shared[source.Name] = sharedScript;
            foreach (ModelCommand def in defs)
            {
                string name = def.Items[1];
                string normalized = Whitespace().Replace(def.Text, " ");
                if (definitions.TryGetValue(name, out var earlier))
                {
                    if (!string.Equals(earlier.Text, normalized, StringComparison.Ordinal))
                    {
                        throw new ModelFormatException(source.Name, def.Line,
                            $"definition of '{name}' differs from the one in {earlier.File}:{earlier.Line}; a shared definition must have one text in every file");
                    }
                }
                else
                {
                    definitions[name] = (source.Name, def.Line, normalized);
                }
            }

            foreach (Obligation o in fileObligations)
            {
                if (keys.TryGetValue(o.Key, out string? where))
                {
                    throw new ModelFormatException(o.File, o.Line, $"obligation {o.Name} for {o.Arch.Name} is already defined at {where}");
                }

                keys[o.Key] = $"{o.File}:{o.Line}";
                obligations.Add(o);
            }
        }

        return new ModelCatalog(obligations, shared);
    }

    /// <summary>Parses one model file.</summary>
    /// <exception cref="ModelFormatException">The file is malformed.</exception>
    public static IReadOnlyList<Obligation> ParseObligations(string file, string text) => ParseFile(file, text).Obligations;

    private static (IReadOnlyList<Obligation> Obligations, string Shared, IReadOnlyList<ModelCommand> Definitions) ParseFile(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<ModelCommand> commands = ModelText.Commands(file, text);
        if (commands.Count == 0)
        {
            throw new ModelFormatException(file, 0, "the model file is empty");
        }

        var sharedCommands = new List<ModelCommand>();
        var definitions = new List<ModelCommand>();
        var blocks = new List<(ModelCommand Push, List<ModelCommand> Body)>();
        List<ModelCommand>? current = null;
        ModelCommand? push = null;
        foreach (ModelCommand command in commands)
        {
            switch (command.Head)
            {
                case "push":
                    if (current is not null)
                    {
                        throw new ModelFormatException(file, command.Line, $"(push) inside the obligation block opened at line {push!.Line}; blocks do not nest");
                    }

                    current = [];
                    push = command;
                    break;
                case "pop":
                    if (current is null)
                    {
                        throw new ModelFormatException(file, command.Line, "(pop) without a matching (push)");
                    }

                    blocks.Add((push!, current));
                    current = null;
                    break;
                default:
                    if (current is not null)
                    {
                        current.Add(command);
                    }
                    else
                    {
                        AddShared(file, command, sharedCommands, definitions);
                    }

                    break;
            }
        }

        if (current is not null)
        {
            throw new ModelFormatException(file, push!.Line, "obligation block is never closed with (pop 1)");
        }

        if (blocks.Count == 0)
        {
            throw new ModelFormatException(file, 0, "the model file has no obligation ((push 1) ... (pop 1) block)");
        }

        string shared = ModelText.Join(sharedCommands);
        var obligations = blocks.Select(b => ParseBlock(file, b.Push, b.Body, shared)).ToList();
        return (obligations, shared, definitions);
    }

    private static void AddShared(string file, ModelCommand command, List<ModelCommand> shared, List<ModelCommand> definitions)
    {
        switch (command.Head)
        {
            case "define-fun":
            case "define-fun-rec":
            case "define-sort":
                if (command.Items.Count < 2)
                {
                    throw new ModelFormatException(file, command.Line, $"malformed ({command.Head} ...)");
                }

                shared.Add(command);
                definitions.Add(command);
                break;
            case "declare-const":
            case "declare-fun":
            case "declare-sort":
            case "assert":
                shared.Add(command);
                break;
            case "set-option":
            case "set-info":
            case "set-logic":
            case "echo":
                // Options are for hand runs only: the prover's solver sets its own, per query.
                break;
            case "check-sat":
                throw new ModelFormatException(file, command.Line, "(check-sat) outside an obligation block");
            default:
                throw new ModelFormatException(file, command.Line, $"unexpected command ({command.Head} ...) outside an obligation block");
        }
    }

    private static Obligation ParseBlock(string file, ModelCommand push, List<ModelCommand> body, string shared)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var constants = new List<DeclaredConstant>();
        var scriptCommands = new List<ModelCommand>();
        bool checkSat = false;
        foreach (ModelCommand command in body)
        {
            switch (command.Head)
            {
                case "set-info":
                    if (command.Items.Count != 3)
                    {
                        throw new ModelFormatException(file, command.Line, "malformed (set-info :key value)");
                    }

                    labels[command.Items[1]] = ModelText.Unquote(command.Items[2]);
                    break;
                case "check-sat":
                    checkSat = true;
                    break;
                case "declare-const":
                    if (command.Items.Count != 3)
                    {
                        throw new ModelFormatException(file, command.Line, "malformed (declare-const name sort)");
                    }

                    constants.Add(new DeclaredConstant(command.Items[1], command.Items[2]));
                    scriptCommands.Add(command);
                    break;
                case "declare-fun":
                    if (command.Items.Count == 4 && command.Items[2] == "()")
                    {
                        constants.Add(new DeclaredConstant(command.Items[1], command.Items[3]));
                    }

                    scriptCommands.Add(command);
                    break;
                case "assert":
                case "define-fun":
                    scriptCommands.Add(command);
                    break;
                case "set-option":
                    throw new ModelFormatException(file, command.Line, "(set-option) inside an obligation block; options leak between queries");
                default:
                    throw new ModelFormatException(file, command.Line, $"unexpected command ({command.Head} ...) in an obligation block");
            }
        }

        foreach (string label in RequiredLabels)
        {
            if (!labels.ContainsKey(label))
            {
                throw new ModelFormatException(file, push.Line, $"obligation block has no (set-info {label} ...) label");
            }
        }

        if (!checkSat)
        {
            throw new ModelFormatException(file, push.Line, "obligation block has no (check-sat)");
        }

        string name = labels[":obligation"];
        if (!ObligationName().IsMatch(name))
        {
            throw new ModelFormatException(file, push.Line, $"obligation label '{name}' is not '<ID>/<short-name>'");
        }

        string[] requirements = labels[":requirement"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requirements.Length == 0 || requirements.Any(r => !RequirementId().IsMatch(r)))
        {
            throw new ModelFormatException(file, push.Line, $"requirement label '{labels[":requirement"]}' is not a list of IDs like ZV-005");
        }

        if (!requirements.Contains(name[..name.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal))
        {
            throw new ModelFormatException(file, push.Line, $"obligation {name} does not list its own ID among its requirements");
        }

        if (!Arch.TryParse(labels[":arch"], out Arch arch))
        {
            throw new ModelFormatException(file, push.Line, $"unknown architecture '{labels[":arch"]}' (expected 32le, 32be, 64le or 64be)");
        }

        ExpectedStatus expected = labels[":status"] switch
        {
            "unsat" => ExpectedStatus.Unsat,
            "sat" => ExpectedStatus.Sat,
            string other => throw new ModelFormatException(file, push.Line, $"unknown status '{other}' (expected unsat or sat)"),
        };

        string statement = labels[":statement"];
        if (statement.Length == 0)
        {
            throw new ModelFormatException(file, push.Line, "obligation has an empty statement");
        }

        return new Obligation(name, requirements, arch, statement, expected, file, push.Line, constants,
            shared + ModelText.Join(scriptCommands));
    }

    [GeneratedRegex(@"^[A-Z]{2}-[0-9]{3}$")]
    internal static partial Regex RequirementId();

    [GeneratedRegex(@"^[A-Z]{2}-[0-9]{3}/[a-z0-9][a-z0-9-]*$")]
    private static partial Regex ObligationName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
