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
        sink.Finish(new RunSummary(runtime, results[0].Arch, 0, 0, 0, 0, 0, 0));
        return path;
    }

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
    }

    [Fact]
    public void Merge_GzippedResults_ReadLikePlainOnes()
    {
        string plain = WriteRun("alpha", Result("alpha", "64le", "SV-002/x", "SV-002", Verdict.Pass), Result("alpha", "64le", "ZV-005/y", "ZV-005", Verdict.Fail));
        string gz = plain + ".gz";
        using (var output = File.Create(gz))
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        {
            zip.Write(File.ReadAllBytes(plain));
        }
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
        Assert.Contains($"{gz}: not a gzip file", err, StringComparison.Ordinal);
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
