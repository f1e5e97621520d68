using System.CommandLine;

namespace Cli.Tests;

/// <summary>Every file a verb writes (each FileInfo option of Program.Root) is checked before the verb does any work.</summary>
public class OutputFileTests
{
    /// <summary>Each verb's file options, as the parser declares them (a new one is covered without being listed).</summary>
    public static TheoryData<string, string> FileOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, command) in CliHarness.Verbs())
        {
            foreach (var option in command.Options.OfType<Option<FileInfo?>>())
            {
                data.Add(path, option.Name);
            }
        }
        return data;
    }

    /// <summary>
    /// A file in a folder that does not exist, or a folder where a file is to be written: exit 2 naming the option and the
    /// path, at once (a run would otherwise crash with a stack trace after all its work; seen for run --json, --junit, --html).
    /// </summary>
    [Theory]
    [MemberData(nameof(FileOptions))]
    public void UnwritableFile_Exit2NamingIt_BeforeAnyWork(string verb, string option)
    {
        Assert.Contains(("run", "--html"), FileOptions().Select(d => ((string)d[0], (string)d[1])));
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "out.file");
        // report merge needs a results file to merge; the others run on their defaults.
        string[] needs = verb == "report merge" ? [Path.Combine(CliHarness.RepoRoot(), "docs", "results", "go1.19-amd64.jsonl.gz")] : [];
        foreach (var (path, message) in new[] { (missing, $"{option} {missing}: the folder {Path.GetDirectoryName(missing)} does not exist"), (Path.GetTempPath(), "is a folder; name a file to write") })
        {
            var (exit, output, err) = CliHarness.Invoke([.. verb.Split(' '), .. needs, option, path]);
            Assert.True(exit == 2, $"{verb} {option} {path}: exit {exit}\n{err}");
            Assert.Contains($"usage: {option} ", err, StringComparison.Ordinal);
            Assert.Contains(message, err, StringComparison.Ordinal);
            Assert.Equal("", output);
        }
    }

    /// <summary>A report that cannot be written after the work (here: /proc/version takes no writes) is an error naming the file, exit 2, no stack trace; the results written as they arrived are kept.</summary>
    [Fact]
    public void ReportWriteFailing_AfterTheRun_Exit2NamingTheFile_ResultsKept()
    {
        string json = CliHarness.TempFile(".jsonl");
        var (exit, _, err) = CliHarness.Invoke("run", "--arch", "64le", "--no-prove", "--no-zoo", "--requirement", "SV-005", "--json", json, "--html", "/proc/version");
        Assert.True(exit == 2, err);
        Assert.Contains("error: ", err, StringComparison.Ordinal);
        Assert.Contains("/proc/version", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Null(Conformance.Reports.JsonLinesSink.Load(json).Incomplete);
        Assert.NotEmpty(Conformance.Reports.JsonLinesSink.Load(json).Results);
    }
}
