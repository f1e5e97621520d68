using System.CommandLine;
using System.Text.RegularExpressions;
using Conformance.Cli;

namespace Cli.Tests;

/// <summary>The verbs and flags are a contract: the parser declares them, and the README's table of verbs documents every one.</summary>
public class CommandLineDocsTests
{
    /// <summary>Each verb (report merge: its full path) has a row of the README's verb table, naming every option it accepts.</summary>
    [Fact]
    public void ReadmeVerbTable_NamesEveryVerbAndEveryOption()
    {
        var readme = File.ReadAllText(Path.Combine(CliHarness.RepoRoot(), "README.md"));
        var start = readme.IndexOf("| verb | what |", StringComparison.Ordinal);
        var firstColumns = readme[start..readme.IndexOf("\n\n", start, StringComparison.Ordinal)].Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split(" | ")[0][2..]).ToList();
        var verbs = Verbs(Program.Root(TextWriter.Null, TextWriter.Null), "").ToList();
        Assert.Contains(verbs, v => v.Path == "report merge");
        foreach (var (path, command) in verbs)
        {
            var rows = string.Join(" ", firstColumns.Where(c => c.StartsWith($"`{path} ", StringComparison.Ordinal) || c.StartsWith($"`{path}`", StringComparison.Ordinal)));
            Assert.True(rows.Length > 0, $"README's verb table has no row for `{path}`");
            Assert.All(command.Options.Where(o => !o.Hidden), o => Assert.True(Regex.IsMatch(rows, $@"(?<![\w-]){Regex.Escape(o.Name)}(?![\w-])"),
                $"README's verb table does not show `{path} {o.Name}` ({o.Description})"));
        }

        static IEnumerable<(string Path, Command Command)> Verbs(Command command, string path) => command.Subcommands.Count == 0
            ? [(path, command)] : command.Subcommands.SelectMany(c => Verbs(c, $"{path} {c.Name}".Trim()));
    }
}
