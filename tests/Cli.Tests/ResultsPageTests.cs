using System.Diagnostics;
using System.Text.RegularExpressions;
using Conformance.Reports;
using Conformance.Requirements;
using Conformance.Suite;
using Xunit.Abstractions;

namespace Cli.Tests;

/// <summary>
/// The results page as people read it: opened in headless Chromium at a laptop's 1366x768, it must show the
/// overview without sideways scrolling, stay small enough to open at once, and keep every adapter string inert.
/// Screenshots land in artifacts/screenshots/ for a person to look at.
/// </summary>
public class ResultsPageTests(ITestOutputHelper log)
{
    private const long TwoMegabytes = 2 * 1024 * 1024;

    private static readonly RequirementCatalog Catalog = RequirementCatalog.LoadEmbedded();

    private static string Screenshots => Directory.CreateDirectory(Path.Combine(CliHarness.RepoRoot(), "artifacts", "screenshots")).FullName;

    // Go's GOARCH and the suite architecture it declares, as adapters/go reports them.
    private static readonly (string Platform, string Arch)[] Platforms =
    [
        ("amd64", "64le"), ("386", "32le"), ("arm", "32le"), ("arm64", "64le"), ("s390x", "64be"), ("ppc64", "64be"),
        ("ppc64le", "64le"), ("mips", "32be"), ("mipsle", "32le"), ("mips64", "64be"), ("mips64le", "64le"), ("riscv64", "64le"),
    ];

    /// <summary>
    /// 72 runs (six runtimes on twelve platforms, the matrix once gccgo11 joins): every requirement passes
    /// except ZV-016 (fails everywhere, the same way per word size) and SV-002 (errors on gccgo 11 mips);
    /// zero.on-demand is claimed by none.
    /// </summary>
    private static List<CaseResult> SeventyTwoRuns()
    {
        var list = new List<CaseResult>();
        foreach (var (runtime, version) in new[] { ("gc", "go1.19.8"), ("gc", "go1.21.13"), ("gc", "go1.22.12"), ("gc", "go1.23.5"), ("gccgo", "11.3.0 (Debian 11.3.0-12)"), ("gccgo", "12.2.0 (Debian 12.2.0-14)") })
        {
            foreach (var (platform, arch) in Platforms)
            {
                foreach (var req in Catalog.Active)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        var verdict = req.Features.Contains("zero.on-demand") ? Verdict.NotApplicable
                            : req.Id == "ZV-016" ? Verdict.Fail
                            : req.Id == "SV-002" && version.StartsWith("11.", StringComparison.Ordinal) && platform == "mips" ? Verdict.Error
                            : Verdict.Pass;
                        list.Add(new CaseResult(runtime, $"{version} linux/{platform}", arch, $"{req.Id}/{i}", req.Id, $"case {i} of {req.Id}", verdict,
                            $"size {i} on {arch[..2]}-bit", "the models' predicate holds", verdict == Verdict.Pass ? "as required" : $"pointer 0 for size {i}",
                            verdict == Verdict.Pass ? "as required" : "does not hold", 1));
                    }
                }
            }
        }
        return list;
    }

    [Fact]
    public void SixRuntimesOnTwelvePlatforms_OverviewFitsALaptopScreen()
    {
        string html = Path.Combine(Screenshots, "overview-72-runs.html");
        File.WriteAllText(html, HtmlReport.Render(SeventyTwoRuns(), Catalog, "Conformance results (72 runs)"));
        string png = Path.Combine(Screenshots, "overview-72-runs.png");
        var (page, dom) = Chromium.Open(html, png);
        log.WriteLine($"72 synthetic runs: {new FileInfo(html).Length / 1024} KiB, {page}");
        Assert.True(page.ScrollWidth <= Chromium.LaptopWidth, $"the page is {page.ScrollWidth} pixels wide: a 1366-pixel screen scrolls sideways");
        Assert.True(page.OverviewTop >= 0 && page.OverviewBottom <= Chromium.LaptopHeight, $"the overview spans pixels {page.OverviewTop}..{page.OverviewBottom}: it does not fit a 768-pixel screen");
        Assert.Equal((Chromium.LaptopWidth, Chromium.LaptopHeight), Chromium.PngSize(png));
        // The overview names the six runtimes and the twelve platforms, and leads to the failing requirement.
        Assert.Contains("<th class=\"row fam\">gccgo 11.3.0</th>", dom, StringComparison.Ordinal);
        Assert.Contains("<th title=\"64-bit words, big-endian\">s390x</th>", dom, StringComparison.Ordinal);
        Assert.Matches(new Regex("<a class=\"chip s-fail\" href=\"#req-ZV-016\""), dom);
        Assert.Matches(new Regex("<a class=\"chip s-error\" href=\"#req-SV-002\""), dom);
        Assert.Contains("72 runs (6 runtimes × 12 platforms)", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void MergedDocsResults_UnderTwoMegabytes_OpensOnTheOverview()
    {
        string results = Path.Combine(CliHarness.RepoRoot(), "docs", "results");
        var files = Directory.GetFiles(results, "*.jsonl.gz").Where(f => !f.EndsWith("negative-control.jsonl.gz", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 60, $"docs/results holds {files.Length} runs, expected at least 60");
        string html = Path.Combine(Screenshots, "docs-results.html");
        var clock = Stopwatch.StartNew();
        var (exit, output, err) = CliHarness.Invoke(["report", "merge", .. files, "--html", html]);
        Assert.True(exit == 0, err);
        long size = new FileInfo(html).Length;
        string png = Path.Combine(Screenshots, "docs-results-overview.png");
        var (page, _) = Chromium.Open(html, png);
        log.WriteLine($"{files.Length} runs merged in {clock.Elapsed.TotalSeconds:0.0} s: {size / 1024} KiB; {page}");
        log.WriteLine(output.Split('\n')[0]);
        Assert.True(size < TwoMegabytes, $"the merged page of docs/results is {size} bytes, over 2 MB");
        Assert.True(page.ScrollWidth <= Chromium.LaptopWidth, $"the page is {page.ScrollWidth} pixels wide");
        Assert.True(page.OverviewBottom <= Chromium.LaptopHeight, $"the overview ends at pixel {page.OverviewBottom}, below a 768-pixel screen");
        Assert.Equal((Chromium.LaptopWidth, Chromium.LaptopHeight), Chromium.PngSize(png));
    }

    [Fact]
    public void CheckedInMatrix_IsTheOverviewPage_UnderTwoMegabytes()
    {
        string matrix = Path.Combine(CliHarness.RepoRoot(), "docs", "results", "matrix.html");
        long size = new FileInfo(matrix).Length;
        Assert.True(size < TwoMegabytes, $"docs/results/matrix.html is {size} bytes: regenerate it with report merge (README, Real Go runtimes)");
        string text = File.ReadAllText(matrix);
        Assert.Contains("<section id=\"overview\">", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void LongUnbrokenAdapterStrings_DoNotWidenThePage()
    {
        string word = new('W', 3000);
        var results = new List<CaseResult>
        {
            new("rt" + word, "v" + word + " linux/amd64", "64le", "ZV-010/" + word, "ZV-010", "d" + word, Verdict.Fail, "i" + word, "e" + word, "o" + word, "r" + word, 1),
            new("rt" + word, "v" + word + " linux/amd64", "64le", "SV-002/1", "SV-002", "d", Verdict.Pass, "i", "e", "o", "r", 1),
        };
        string html = CliHarness.TempFile(".html");
        File.WriteAllText(html, HtmlReport.Render(results, Catalog, "long strings"));
        var page = Chromium.Probe(html);
        Assert.True(page.ScrollWidth <= Chromium.LaptopWidth, $"3000-character words made the page {page.ScrollWidth} pixels wide");
    }

    [Fact]
    public void RuntimeFailingDifferentlyEverywhere_ListsTheLimitAndSaysWhatIsLeftOut()
    {
        // A runtime whose every failure is distinct (a fresh address each time) and whose observations are huge.
        string huge = new('x', HtmlReport.FieldLimit * 5);
        var results = Enumerable.Range(0, HtmlReport.DistinctLimit + 500)
            .Select(i => new CaseResult("wild", "1", "64le", $"ZV-010/{i}", "ZV-010", "d", Verdict.Fail, $"size {i}", "e", $"pointer 0x{i:x} {huge}", "no", 1))
            .ToList();
        string page = HtmlReport.Render(results, Catalog, "wild");
        Assert.Equal(HtmlReport.DistinctLimit, Regex.Count(page, "<tr class=\"v-fail\">"));
        Assert.Contains("500 more distinct failures (500 cases) are not listed here", page, StringComparison.Ordinal);
        Assert.Contains("pointer 0x0 " + huge[..(HtmlReport.FieldLimit - 12)] + " … (8,012 more characters in the JSON lines)", page, StringComparison.Ordinal);
        Assert.DoesNotContain(huge[..(HtmlReport.FieldLimit + 1)], page, StringComparison.Ordinal);
        Assert.True(page.Length < HtmlReport.DistinctLimit * (HtmlReport.FieldLimit + 1500), $"{page.Length} characters for {results.Count} failures");
    }
}
