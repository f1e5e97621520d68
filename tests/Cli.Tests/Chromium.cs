using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cli.Tests;

/// <summary>
/// Debian's headless Chromium, with the flags that work on these machines (no sandbox as root, no GPU, no
/// network, a fresh profile per call). Pages are opened from files; nothing is fetched.
/// </summary>
internal static partial class Chromium
{
    public const int LaptopWidth = 1366;
    public const int LaptopHeight = 768;

    public static string Path { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("these tests need Debian's chromium (apt-get install chromium); .ci/run installs it");

    /// <summary>The DOM after the page loaded (and its scripts ran), at the given window size.</summary>
    public static string DumpDom(string url, int width = LaptopWidth, int height = LaptopHeight) =>
        Run(url, width, height, "--dump-dom");

    /// <summary>The width and height a PNG file declares (its IHDR chunk).</summary>
    public static (int Width, int Height) PngSize(string png)
    {
        var head = File.ReadAllBytes(png).AsSpan(0, 24);
        Assert.True(head[1..4].SequenceEqual("PNG"u8), $"{png} is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(head[16..20]), BinaryPrimitives.ReadInt32BigEndian(head[20..24]));
    }

    /// <summary>Metrics of a page as a reader's browser lays it out at 1366x768 (see <see cref="Probe"/>).</summary>
    public sealed record PageMetrics(double DomContentLoadedMs, double LoadMs, int ScrollWidth, int InnerWidth, int ScrollHeight, int OverviewTop, int OverviewBottom);

    /// <summary>
    /// Opens a copy of <paramref name="html"/> with a measuring script appended (the page itself has none) and
    /// reads back what it measured on load: navigation timing, the document's scroll width (wider than the
    /// window means sideways scrolling) and where the element with id "overview" ends.
    /// </summary>
    public static PageMetrics Probe(string html, int width = LaptopWidth, int height = LaptopHeight) => Open(html, null, width, height).Page;

    /// <summary>
    /// <see cref="Probe"/>, the DOM after load and, given <paramref name="png"/>, a screenshot of the window (the top of
    /// the page, as a reader first sees it, scroll bar included), all from one browser start: each start costs seconds
    /// of CPU, most of it the browser's own. The appended script only sets an attribute on the root element, so the
    /// DOM is the page's own but for that attribute and the script, and the screenshot is the page's.
    /// </summary>
    public static (PageMetrics Page, string Dom) Open(string html, string? png, int width = LaptopWidth, int height = LaptopHeight)
    {
        string copy = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(html)!, $"probe-{Guid.NewGuid():N}.html");
        File.Copy(html, copy);
        try
        {
            File.AppendAllText(copy,
                "<script>addEventListener('load',()=>{const t=performance.now();const n=performance.getEntriesByType('navigation')[0];" +
                "const o=document.getElementById('overview');const r=o?o.getBoundingClientRect():{top:-1,bottom:-1};const d=document.documentElement;" +
                "d.setAttribute('data-probe',[n.domContentLoadedEventEnd,t,d.scrollWidth,innerWidth,d.scrollHeight,r.top,r.bottom].map(v=>Math.round(v)).join(' '))})</script>");
            if (png is not null)
            {
                File.Delete(png);
            }
            string dom = Run("file://" + copy, width, height, png is null ? ["--dump-dom"] : ["--dump-dom", $"--screenshot={png}"]);
            var m = ProbeAttribute().Match(dom);
            Assert.True(m.Success, "the measuring script left no data-probe attribute: " + dom[..Math.Min(300, dom.Length)]);
            Assert.True(png is null || File.Exists(png), $"chromium wrote no screenshot {png}");
            var v = m.Groups[1].Value.Split(' ').Select(s => int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray();
            return (new PageMetrics(v[0], v[1], v[2], v[3], v[4], v[5], v[6]), dom);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [GeneratedRegex("data-probe=\"([-0-9 ]+)\"")]
    private static partial Regex ProbeAttribute();

    private static string Run(string url, int width, int height, params string[] extra)
    {
        string profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--window-size={width},{height}" }.Concat(extra).Append(url))
            {
                psi.ArgumentList.Add(a);
            }
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true); // the browser this helper started
                throw new TimeoutException($"chromium did not finish with {url} in 2 minutes");
            }
            _ = err.Result;
            return output;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // a profile folder left in /tmp is harmless
            }
        }
    }
}
