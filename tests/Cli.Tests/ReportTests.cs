using System.IO.Compression;
using System.Xml.Linq;
using Conformance.Reports;
using Conformance.Requirements;
using Conformance.Suite;

namespace Cli.Tests;

public class ReportTests
{
    private const string Hostile = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";

    private static CaseResult Result(string runtime, string arch, string id, string requirement, Verdict verdict) =>
        new(runtime, "1.0" + Hostile, arch, id, requirement, "case " + Hostile, verdict, "input " + Hostile, "expected", "observed " + Hostile, "reason " + Hostile, 1.5);

    private static string WriteRun(string runtime, params CaseResult[] results)
    {
        string path = CliHarness.TempFile(".jsonl");
        using var sink = new JsonLinesSink(path);
        sink.Begin(new RunHeader(runtime, "1.0", results[0].Arch, ["core"], 1, "1/1", DateTimeOffset.UnixEpoch, results.Length));
        foreach (var r in results)
        {
            sink.Add(r);
        }
        int Count(Verdict v) => results.Count(r => r.Verdict == v);
        sink.Finish(new RunSummary(runtime, results[0].Arch, Count(Verdict.Pass), Count(Verdict.Fail), Count(Verdict.Error), Count(Verdict.NotApplicable), Count(Verdict.Unknown), 0));
        return path;
    }

    /// <summary>A gzipped copy of the file beside it (its name and ".gz").</summary>
    private static string Gzipped(string path)
    {
        using (var output = File.Create(path + ".gz"))
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        {
            zip.Write(File.ReadAllBytes(path));
        }
        return path + ".gz";
    }

    private static CaseResult[] TwoPasses(string runtime) =>
        [Result(runtime, "64le", "SV-002/1", "SV-002", Verdict.Pass), Result(runtime, "64le", "SV-002/2", "SV-002", Verdict.Pass)];

    [Fact]
    public void Merge_TwoRuntimes_OneMatrixWithBothColumns()
    {
        string a = WriteRun("alpha" + Hostile, Result("alpha" + Hostile, "64le", "SV-002/x", "SV-002", Verdict.Pass));
        string b = WriteRun("beta", Result("beta", "32be", "ZV-005/y", "ZV-005", Verdict.Fail));
        string html = CliHarness.TempFile(".html");
        string junit = CliHarness.TempFile(".xml");
        var (exit, output, err) = CliHarness.Invoke("report", "merge", a, b, "--html", html, "--junit", junit);
        Assert.True(exit == 0, err);
        Assert.Contains("merged 2 results of 2 runtime/architecture runs from 2 files", output, StringComparison.Ordinal);
        var page = File.ReadAllText(html);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        var doc = XDocument.Load(junit);
        Assert.Equal(2, doc.Root!.Elements("testsuite").Count());
        Assert.Single(doc.Descendants("failure"));
    }

    [Fact]
    public void Merge_CorruptLine_NamesFileAndLine()
    {
        string a = WriteRun("alpha", Result("alpha", "64le", "SV-002/x", "SV-002", Verdict.Pass));
        var lines = File.ReadAllLines(a).ToList();
        lines.Insert(1, "{not json");
        File.WriteAllLines(a, lines);
        var (exit, _, err) = CliHarness.Invoke("report", "merge", a, "--html", CliHarness.TempFile(".html"));
        Assert.Equal(2, exit);
        Assert.Contains($"{a}:2:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_CutOffLastLine_KeepsEveryCompleteResult()
    {
        string a = WriteRun("alpha", Result("alpha", "64le", "SV-002/1", "SV-002", Verdict.Pass), Result("alpha", "64le", "SV-002/2", "SV-002", Verdict.Pass));
        var text = File.ReadAllText(a);
        File.WriteAllText(a, text[..(text.Length - 30)]); // the summary line is cut in half, as by a crash
        var results = JsonLinesSink.Read(a, out _);
        Assert.Equal(2, results.Count);
        var file = JsonLinesSink.Load(a);
        Assert.Equal(results, file.Results);
        Assert.Contains("line 4 is cut off", file.Incomplete, StringComparison.Ordinal);
        Assert.Contains("run 1 (alpha 1.0 64le, shard 1/1) ends without its summary line: 2 of its 2 results", file.Incomplete, StringComparison.Ordinal);
        Assert.Null(JsonLinesSink.Load(WriteRun("alpha", TwoPasses("alpha"))).Incomplete);
    }

    /// <summary>
    /// A results file cut off (a run that crashed, a copy that stopped, a gzip cut short) is merged, every complete result
    /// kept, but the merge exits 2 and says which file lacks what, on stderr, in the matrix's first line and in the page's title:
    /// a page made of it must not pass for a whole run. The other file of the merge is whole and not named.
    /// </summary>
    [Theory]
    [InlineData("summary", "run 1 (alpha 1.0 64le, shard 1/1) ends without its summary line: 2 of its 2 results")]
    [InlineData("results", "run 1 (alpha 1.0 64le, shard 1/1) ends without its summary line: 1 of its 2 results")]
    [InlineData("gzip", "ends without its summary line")]
    [InlineData("empty", "it holds no run (not even a run line)")]
    [InlineData("second-run", "run 1 (alpha 1.0 64le, shard 1/1) has no summary line: 2 of its 2 results, then line 4 begins another run")]
    public void Merge_CutOffFile_IsMergedAndExits2NamingWhatIsMissing(string cut, string missing)
    {
        string whole = WriteRun("beta", TwoPasses("beta"));
        string a = WriteRun("alpha", TwoPasses("alpha"));
        var lines = File.ReadAllLines(a);
        switch (cut)
        {
            case "summary": File.WriteAllLines(a, lines[..^1]); break;
            case "results": File.WriteAllLines(a, lines[..2]); break;
            case "empty": File.WriteAllText(a, ""); break;
            case "second-run": File.WriteAllLines(a, [.. lines[..^1], .. File.ReadAllLines(whole)]); break;
            default:
                var bytes = File.ReadAllBytes(a = Gzipped(a));
                File.WriteAllBytes(a, bytes[..(bytes.Length * 3 / 4)]);
                break;
        }
        string html = CliHarness.TempFile(".html");
        var (exit, output2, err) = CliHarness.Invoke("report", "merge", whole, a, "--html", html);
        Assert.Equal(2, exit);
        Assert.Contains($"error: {a} is incomplete: ", err, StringComparison.Ordinal);
        Assert.Contains(missing, err, StringComparison.Ordinal);
        Assert.DoesNotContain(whole, err, StringComparison.Ordinal);
        int kept = cut switch { "summary" => 2, "second-run" => 4, "results" => 1, "empty" => 0, _ => JsonLinesSink.Read(a, out _).Count };
        Assert.Contains($"its {kept} complete results are merged", err, StringComparison.Ordinal);
        Assert.Contains($"(1 incomplete: {Path.GetFileName(a)})", output2.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains($"INCOMPLETE, cut off: {Path.GetFileName(a)}", File.ReadAllText(html), StringComparison.Ordinal);
    }

    /// <summary>A finished run whose results disagree with its run line or its summary, or a line outside any run, is corrupt: exit 2, nothing written, the file and line named.</summary>
    [Theory]
    [InlineData("summary-count", ":4: run 1 (alpha 1.0 64le, shard 1/1) holds 2 results (pass, fail, error, not applicable, unknown: (2, 0, 0, 0, 0)), its run line announced 2 and its summary counts (1, 1, 0, 0, 0)")]
    [InlineData("lost-result", ":3: run 1 (alpha 1.0 64le, shard 1/1) holds 1 results (pass, fail, error, not applicable, unknown: (1, 0, 0, 0, 0)), its run line announced 2 and its summary counts (2, 0, 0, 0, 0)")]
    [InlineData("no-run", ":1: a result outside a run (no run line begins it)")]
    [InlineData("summary-twice", ":5: a summary outside a run (no run line begins it)")]
    public void Merge_FileWhoseRunsDisagree_IsCorrupt(string damage, string message)
    {
        string a = WriteRun("alpha", TwoPasses("alpha"));
        var lines = File.ReadAllLines(a);
        File.WriteAllLines(a, damage switch
        {
            "summary-count" => [.. lines[..^1], lines[^1].Replace("\"passed\":2,\"failed\":0", "\"passed\":1,\"failed\":1", StringComparison.Ordinal)],
            "lost-result" => [lines[0], lines[1], lines[3]],
            "no-run" => lines[1..],
            _ => [.. lines, lines[^1]],
        });
        string html = CliHarness.TempFile(".html");
        var (exit, _, err) = CliHarness.Invoke("report", "merge", a, "--html", html);
        Assert.Equal(2, exit);
        Assert.Contains($"error: {a}{message}", err, StringComparison.Ordinal);
        Assert.False(File.Exists(html) && new FileInfo(html).Length > 0, "a corrupt file must not yield a page");
    }

    [Fact]
    public void Merge_GzippedResults_ReadLikePlainOnes()
    {
        string plain = WriteRun("alpha", Result("alpha", "64le", "SV-002/x", "SV-002", Verdict.Pass), Result("alpha", "64le", "ZV-005/y", "ZV-005", Verdict.Fail));
        string gz = Gzipped(plain);
        Assert.Equal(JsonLinesSink.Read(plain, out _), JsonLinesSink.Read(gz, out _));
        var (exit, output2, err) = CliHarness.Invoke("report", "merge", gz, "--html", CliHarness.TempFile(".html"));
        Assert.True(exit == 0, err);
        Assert.Contains("merged 2 results of 1 runtime/architecture runs from 1 files", output2, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_GzNameOnPlainText_NamesTheFile()
    {
        string gz = WriteRun("alpha", Result("alpha", "64le", "SV-002/x", "SV-002", Verdict.Pass)) + ".gz";
        File.Move(gz[..^3], gz);
        var (exit, _, err) = CliHarness.Invoke("report", "merge", gz, "--html", CliHarness.TempFile(".html"));
        Assert.Equal(2, exit);
        Assert.Contains($"{gz}: not a gzip file, or a damaged one", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_InHeadlessChromium_RendersMatrixAndEscapesAdapterStrings()
    {
        var results = new[]
        {
            Result("alpha" + Hostile, "64le", "SV-002/x", "SV-002", Verdict.Pass),
            Result("alpha" + Hostile, "64le", "ZV-005/y", "ZV-005", Verdict.Fail),
        };
        string html = CliHarness.TempFile(".html");
        File.WriteAllText(html, HtmlReport.Render(results, RequirementCatalog.LoadEmbedded(), "title " + Hostile));
        string dom = Chromium.DumpDom("file://" + html);
        // The DOM after scripts would have run: no injected element exists, the title is the literal text.
        Assert.Contains("id=\"overview\"", dom, StringComparison.Ordinal);
        Assert.Contains("<b>1 fail</b>", dom, StringComparison.Ordinal);
        Assert.Contains("✓ 1", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"req-ZV-005\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("pwned", dom.Replace("document.title='pwned'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<img", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", dom, StringComparison.Ordinal);
        // The hostile strings reach every place they are shown: the title, the grid's row, the failure row.
        Assert.Contains("observed &lt;script&gt;", dom, StringComparison.Ordinal);
        Assert.Contains("<title>title &lt;script&gt;", dom, StringComparison.Ordinal);
    }
}
