namespace Cli.Tests;

/// <summary>
/// `run --dry-run`: the form CI checks its job commands with (.ci/workflow-check). It must refuse exactly what a
/// real run would refuse, plus a missing adapter program or report folder, and start nothing.
/// </summary>
public class DryRunTests
{
    [Fact]
    public void ValidExecRun_PrintsThePlan_WritesNothing()
    {
        string json = CliHarness.TempFile(".jsonl");
        var (exit, output, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "20261122", "--shard", "2/2",
            "--adapter", "exec:/bin/sh -c exit", "--json", json, "--race-trials", "9", "--race-budget", "2.5", "--dry-run");
        Assert.True(exit == 0, err);
        Assert.Contains("dry run: would run exec:/bin/sh -c exit; shard 2/2, seed 20261122; proofs skipped, zoo skipped", output, StringComparison.Ordinal);
        Assert.Contains("dry run: the race case: at most 9 trial(s), a 2.5-second budget", output, StringComparison.Ordinal);
        Assert.Contains("dry run: nothing started", output, StringComparison.Ordinal);
        Assert.False(File.Exists(json), "a dry run wrote the results file");
    }

    [Fact]
    public void ProgramFoundInPath_Accepted()
    {
        var (exit, _, err) = CliHarness.Invoke("run", "--adapter", "exec:sh -c exit", "--dry-run");
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void MissingAdapterProgram_Exit2NamingIt()
    {
        var (exit, _, err) = CliHarness.Invoke("run", "--adapter", "exec:adapters/go/no-such-adapter.sh go1.19 amd64", "--dry-run");
        Assert.Equal(2, exit);
        Assert.Contains("--adapter exec:adapters/go/no-such-adapter.sh go1.19 amd64: the program 'adapters/go/no-such-adapter.sh' does not exist or is not executable", err, StringComparison.Ordinal);
    }

    [Fact]
    public void NotExecutableProgram_Exit2()
    {
        string file = CliHarness.TempFile(".sh");
        File.WriteAllText(file, "#!/bin/sh\n");
        var (exit, _, err) = CliHarness.Invoke("run", "--adapter", "exec:" + file, "--dry-run");
        Assert.Equal(2, exit);
        Assert.Contains("is not executable", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingReportFolder_Exit2NamingIt()
    {
        string json = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "r.jsonl");
        var (exit, _, err) = CliHarness.Invoke("run", "--json", json, "--dry-run");
        Assert.Equal(2, exit);
        Assert.Contains($"{json}: the folder", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--shard", "3/2", "--shard 3/2")]
    [InlineData("--arch", "65le", "--arch 65le")]
    [InlineData("--requirement", "ZV-999", "--requirement ZV-999")]
    public void BadOption_RefusedAsByARealRun(string option, string value, string named)
    {
        var (exit, _, err) = CliHarness.Invoke("run", option, value, "--dry-run");
        Assert.Equal(2, exit);
        Assert.Contains(named, err, StringComparison.Ordinal);
    }
}
