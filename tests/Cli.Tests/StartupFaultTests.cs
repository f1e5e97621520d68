using System.Xml.Linq;
using Conformance.Reports;
using Conformance.Suite;

namespace Cli.Tests;

/// <summary>
/// A runtime that cannot start, or fails its handshake, still leaves a complete report: a run header, an
/// "error" result for every case that was not judged (naming the fault), and the summary, in JSON lines,
/// JUnit and HTML alike, and the run exits 1. One test per start-up fault class (docs/protocol.md, Faults).
/// </summary>
public class StartupFaultTests
{
    private static string Proxied(string mode) =>
        $"exec:bash {Path.Combine(CliHarness.RepoRoot(), "tests", "Cli.Tests", "fault-proxy.sh")} {mode} 0 - dotnet {CliHarness.CliDll} serve reference:64le";

    /// <summary>Each start-up fault: exit 1 and complete reports naming the fault.</summary>
    /// <param name="adapter">The --adapter text (a missing program, or the served reference behind fault-proxy.sh misbehaving at the hello).</param>
    /// <param name="fault">What the error must name.</param>
    [Theory]
    [InlineData("exec:/nonexistent/adapter-program", "adapter fault [start]")]
    [InlineData("crash", "adapter fault [")]
    [InlineData("exit0", "adapter fault [")]
    [InlineData("hang", "adapter fault [")]
    [InlineData("garbage", "adapter fault [")]
    [InlineData("wrong-version", "adapter fault [protocol-version]")]
    [InlineData("unknown-feature", "zero.imaginary")]
    public void AdapterThatCannotStart_LeavesACompleteReport(string adapter, string fault)
    {
        string json = CliHarness.TempFile(".jsonl"), junit = CliHarness.TempFile(".xml"), html = CliHarness.TempFile(".html");
        string spec = adapter.StartsWith("exec:", StringComparison.Ordinal) ? adapter : Proxied(adapter);
        var (exit, _, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "3", "--adapter", spec,
            "--requirement", "SV-001", "--requirement", "ZV-016", "--request-timeout", "3", "--max-restarts", "0",
            "--json", json, "--junit", junit, "--html", html);
        Assert.Equal(1, exit);
        Assert.Contains("could not start", err, StringComparison.Ordinal);

        var lines = File.ReadAllLines(json);
        Assert.StartsWith("{\"type\":\"run\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"summary\"", lines[^1], StringComparison.Ordinal);
        var results = JsonLinesSink.Read(json, out var headers);
        Assert.Single(headers);
        Assert.Equal(headers[0].Cases, results.Count);
        Assert.Equal(["SV-001", "ZV-016"], results.Select(r => r.Requirement).Distinct().Order(StringComparer.Ordinal));
        Assert.All(results, r =>
        {
            Assert.Equal(Verdict.Error, r.Verdict);
            Assert.Contains(fault, r.Reason, StringComparison.Ordinal);
        });

        var suites = XDocument.Load(junit).Descendants("testsuite").ToList();
        Assert.Single(suites);
        Assert.Equal(results.Count, suites.Descendants("testcase").Count());
        Assert.Equal(results.Count, suites.Descendants("error").Count() + suites.Descendants("failure").Count());

        string page = File.ReadAllText(html);
        Assert.Contains("SV-001", page, StringComparison.Ordinal);
        Assert.Contains("ZV-016", page, StringComparison.Ordinal);
    }
}
