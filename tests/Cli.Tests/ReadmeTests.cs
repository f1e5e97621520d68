using System.Globalization;
using System.Text.RegularExpressions;
using Conformance.Requirements;

namespace Cli.Tests;

/// <summary>What the README says of facts that have their home elsewhere is checked against that home.</summary>
public class ReadmeTests
{
    /// <summary>The verbs and flags are a contract: the parser declares them (Program.Root), and each verb (report merge: its full path) has a row of the README's verb table, naming every option it accepts.</summary>
    [Fact]
    public void ReadmeVerbTable_NamesEveryVerbAndEveryOption()
    {
        var readme = File.ReadAllText(Path.Combine(CliHarness.RepoRoot(), "README.md"));
        var start = readme.IndexOf("| verb | what |", StringComparison.Ordinal);
        var firstColumns = readme[start..readme.IndexOf("\n\n", start, StringComparison.Ordinal)].Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split(" | ")[0][2..]).ToList();
        var verbs = CliHarness.Verbs().ToList();
        Assert.Contains(verbs, v => v.Path == "report merge");
        foreach (var (path, command) in verbs)
        {
            var rows = string.Join(" ", firstColumns.Where(c => c.StartsWith($"`{path} ", StringComparison.Ordinal) || c.StartsWith($"`{path}`", StringComparison.Ordinal)));
            Assert.True(rows.Length > 0, $"README's verb table has no row for `{path}`");
            Assert.All(command.Options.Where(o => !o.Hidden), o => Assert.True(Regex.IsMatch(rows, $@"(?<![\w-]){Regex.Escape(o.Name)}(?![\w-])"),
                $"README's verb table does not show `{path} {o.Name}` ({o.Description})"));
        }
    }

    /// <summary>
    /// A default the parser states in an option's description (built from the constant that applies it: ExecAdapterOptions,
    /// RunOptions, Pipeline) is the one the README writes for that option, "`--name` (..., default N)", wherever it writes one.
    /// </summary>
    [Fact]
    public void ReadmeOptionDefaults_AreTheParsersDefaults()
    {
        var readme = File.ReadAllText(Path.Combine(CliHarness.RepoRoot(), "README.md"));
        var options = CliHarness.Verbs().SelectMany(v => v.Command.Options).Select(o => (o.Name, Default: Regex.Match(o.Description ?? "", @"\bdefault (\d+(?:\.\d+)?)\b")))
            .Where(o => o.Default.Success).ToList();
        Assert.Contains(options, o => o.Name == "--request-timeout");
        foreach (var (name, parsed) in options)
        {
            var written = Regex.Matches(readme, $@"`{Regex.Escape(name)}` \([^)]*?\bdefault (\d+(?:\.\d+)?)\b").Select(m => m.Groups[1].Value).ToList();
            Assert.True(written.Count > 0, $"README never states `{name}`'s default ({parsed.Groups[1].Value}) as \"`{name}` (..., default N)\"");
            Assert.All(written, w => Assert.True(w == parsed.Groups[1].Value, $"README says `{name}` defaults to {w}; the parser says {parsed.Groups[1].Value}"));
        }
    }

    /// <summary>The README's ID ranges of spec/ ("`ZV-001..018`") are exactly the IDs spec/ defines, and each withdrawn one is named beside them.</summary>
    [Fact]
    public void ReadmeRequirementRanges_AreTheIdsSpecDefines()
    {
        var readme = File.ReadAllText(Path.Combine(CliHarness.RepoRoot(), "README.md"));
        var row = readme.Split('\n').Single(l => l.StartsWith("| `spec/` |", StringComparison.Ordinal));
        var listed = Regex.Matches(row, @"`([A-Z]{2})-(\d{3})\.\.(\d{3})`").SelectMany(m =>
        {
            int first = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), last = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            return Enumerable.Range(first, last - first + 1).Select(n => $"{m.Groups[1].Value}-{n:000}");
        });
        var spec = RequirementCatalog.LoadDirectory(Path.Combine(CliHarness.RepoRoot(), "spec"));
        Assert.Equal(spec.All.Select(r => r.Id).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(spec.All.Where(r => r.Withdrawn), r => Assert.Contains($"{r.Id} ", row, StringComparison.Ordinal));
    }
}
