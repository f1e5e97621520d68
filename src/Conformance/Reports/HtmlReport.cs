using System.Globalization;
using System.Net;
using System.Text;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Reports;

/// <summary>
/// One self-contained HTML page (no script, no stylesheet or image from elsewhere) that opens on an overview
/// a 1366x768 screen shows without sideways scrolling: the runtimes x platforms grid of verdict counts, then the
/// requirements grouped by mechanism (spec file and feature), worst first. Anchors lead down to each
/// requirement's own grid and its distinct failures, and to the list of runs.
/// </summary>
/// <remarks>
/// Size is bounded by what failed, not by what ran: passing cases contribute counts only, and results that
/// failed the same way (case, verdict, input, expected, observed, reason) are one row naming the runs they
/// occurred in. Against a runtime that fails differently everywhere, <see cref="DistinctLimit"/> rows per
/// requirement and <see cref="FieldLimit"/> characters per field are shown, and the page says what it left
/// out; the JSON lines and JUnit keep everything. Every string from a results file or an adapter is
/// HTML-encoded, in text and in attributes; anchors are built from spec IDs or counters, never from such strings.
/// </remarks>
public static class HtmlReport
{
    /// <summary>Most characters of one adapter-supplied field shown (input, observed, ...).</summary>
    public const int FieldLimit = 2000;

    /// <summary>Most distinct failures listed per requirement.</summary>
    public const int DistinctLimit = 1000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Renders the page.</summary>
    public static string Render(IReadOnlyList<CaseResult> results, RequirementCatalog catalog, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var m = ReportModel.Build(results, catalog);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
          .Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        Header(sb, m, title);
        sb.Append("<section id=\"overview\">");
        Grid(sb, m, "grid", "runtime", r => r.Tally, run => "#run-" + run.Index.ToString(Inv));
        Mechanisms(sb, m);
        sb.Append("</section>");
        Requirements(sb, m);
        Runs(sb, m);
        sb.Append("<footer><p>Verdicts: <b>pass</b> the models' predicate held on every observation; <b>fail</b> an observation broke the requirement; ")
          .Append("<b>error</b> the adapter or the harness failed, or the solver could not decide (unknown), so nothing was concluded; ")
          .Append("<b>n/a</b> the runtime does not claim the requirement's feature (spec/features.md). Only pass is a pass. ")
          .Append("Failures that are identical in case, input, expected, observed and reason are listed once with the runs they occurred in; ")
          .Append("passing cases are counted, not listed (the JSON lines have every case).</p></footer></body></html>");
        return sb.ToString();
    }

    private const string Css =
        "*{box-sizing:border-box}" +
        "body{font:13px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1c1c1e;margin:0 auto;padding:8px 14px 40px;max-width:1366px}" +
        "h1{font-size:18px;margin:0}h2{font-size:14px;margin:12px 0 4px}h3{font-size:14px;margin:0 0 2px}h4{font-size:13px;margin:8px 0 3px}" +
        "p{margin:2px 0}a{color:inherit}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}" +
        "nav{margin:2px 0 0;font-size:12px}nav a{margin-right:10px}" +
        ".sum{font-size:13px}.sum b{font-weight:600}" +
        "table{border-collapse:collapse;table-layout:fixed;width:100%}" +
        "th,td{border:1px solid #cfd3d8;padding:2px 4px;vertical-align:top;text-align:left;overflow-wrap:anywhere;font-weight:normal}" +
        "thead th{background:#f3f4f6;font-size:12px;font-weight:600}" +
        "th.row{background:#fafafa;font-weight:600}" +
        ".n{text-align:right;font-variant-numeric:tabular-nums}" +
        "td.c{padding:0}td.c a,td.c span.x{display:block;padding:2px 4px;text-decoration:none;min-height:100%}" +
        ".c b{display:block;font-size:12.5px;font-weight:600;font-variant-numeric:tabular-nums}" +
        ".c small{display:block;font-size:10.5px;letter-spacing:-.1px;color:#3a3a3c;font-variant-numeric:tabular-nums;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}" +
        ".s-fail{background:#fbd5d5}.s-fail b{color:#a4161a}" +
        ".s-error{background:#fde7b8}.s-error b{color:#8a4b00}" +
        ".s-pass{background:#dcf2dc}.s-pass b{color:#1b5e20}" +
        ".s-na{background:#eeeff1;color:#55585d}.s-na b{color:#55585d;font-weight:normal}" +
        ".s-none{background:#fff;color:#9a9da3}" +
        "table.grid th.fam{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}table.mech th.mech{width:44%}" +
        "table.mech tr.sub th{padding-left:18px;font-weight:normal}" +
        // One line per mechanism row: the count, then the rest as far as it fits (the cell's title has it all).
        "table.mech td.c span.x,table.mech td.c a{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}" +
        "table.mech .c b,table.mech .c small{display:inline}table.mech .c small{margin-left:5px}" +
        ".pfx{display:inline-block;min-width:2.2em;font-weight:700}" +
        ".chip{display:inline-block;margin:1px 2px 0 0;padding:0 4px;border-radius:3px;font:11px ui-monospace,monospace;text-decoration:none;border:1px solid #0002}" +
        ".chip.s-none{border-style:dashed}" +
        ".legend span{display:inline-block;padding:0 5px;margin-left:4px;border-radius:3px;font-size:11.5px}" +
        // Sections below the fold are laid out when scrolled to (or jumped to): the overview paints first.
        "section.req{border-top:2px solid #cfd3d8;margin-top:14px;padding-top:6px;content-visibility:auto;contain-intrinsic-size:auto 900px}" +
        "section.req.fail{border-top-color:#c62828}section.req.error{border-top-color:#c77800}section.req.pass{border-top-color:#2e7d32}" +
        ".badge{font-size:12px;font-weight:normal;margin-left:6px;padding:0 6px;border-radius:3px}" +
        ".meta{font-size:12px;color:#4a4d52}.stmt{margin:2px 0 6px}" +
        ".up{float:right;font-size:12px;font-weight:normal}" +
        "table.fails{margin-top:2px}table.fails td{font-size:12px}" +
        "table.fails td.m{white-space:pre-wrap;font:11.5px/1.3 ui-monospace,SFMono-Regular,Menlo,monospace}" +
        "table.fails tr.v-fail td:first-child{border-left:3px solid #c62828}table.fails tr.v-error td:first-child{border-left:3px solid #c77800}" +
        "table.fails small{color:#55585d}" +
        ":target{outline:2px solid #1f6feb;outline-offset:2px}" +
        "footer{margin-top:18px;font-size:12px;color:#4a4d52}";

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(int n) => n.ToString("N0", Inv);

    /// <summary>"1 run", "12 runs".</summary>
    private static string Count(int n, string noun) => $"{N(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Clip(string s) =>
        s.Length <= FieldLimit ? s : string.Concat(s.AsSpan(0, FieldLimit), $" … ({N(s.Length - FieldLimit)} more characters in the JSON lines)");

    private static string Class(Status s) => s switch
    {
        Status.Fail => "s-fail",
        Status.Error => "s-error",
        Status.Pass => "s-pass",
        Status.NotApplicable => "s-na",
        _ => "s-none",
    };

    private static string Counts(Tally t) =>
        $"{N(t.Pass)} pass, {N(t.Fail)} fail, {N(t.Undecided)} error{(t.Unknown > 0 ? $" ({N(t.Unknown)} unknown)" : "")}, {N(t.NotApplicable)} n/a";

    private static void Header(StringBuilder sb, ReportModel m, string title)
    {
        var t = m.Total;
        sb.Append("<header id=\"top\"><h1>").Append(E(title)).Append("</h1><p class=\"sum\" id=\"summary\">")
          .Append(N(m.Runs.Count)).Append(m.Runs.Count == 1 ? " run" : " runs").Append(" (")
          .Append(N(m.Families.Count)).Append(m.Families.Count == 1 ? " runtime" : " runtimes").Append(" × ")
          .Append(N(m.Columns.Count)).Append(m.Columns.Count == 1 ? " platform" : " platforms").Append("), ")
          .Append(N(t.Total)).Append(" cases: <b>").Append(N(t.Pass)).Append(" passed</b>, <b>").Append(N(t.Fail)).Append(" failed</b>, <b>")
          .Append(N(t.Undecided)).Append(" errors</b>, ").Append(N(t.NotApplicable)).Append(" not applicable. ");
        var failing = m.Requirements.Where(r => r.Tally.Status >= Status.Error).ToList();
        if (failing.Count == 0)
        {
            sb.Append(t.Total == 0 ? "No results." : "No requirement failed or errored.");
        }
        else
        {
            sb.Append("Not passing: ");
            for (int i = 0; i < failing.Count; i++)
            {
                var r = failing[i];
                sb.Append(i == 0 ? "" : ", ").Append("<a href=\"#").Append(r.Anchor).Append("\">").Append(E(r.Id)).Append("</a> (")
                  .Append(r.Tally.Status == Status.Fail ? "fails" : "errors").Append(" in ").Append(N(r.RunsNotPassing)).Append(" of ").Append(Count(r.ByRun.Count, "run")).Append(')');
            }
            sb.Append('.');
        }
        sb.Append("</p><nav><a href=\"#overview\">overview</a><a href=\"#mechanisms\">by mechanism</a><a href=\"#requirements\">requirements and failures</a><a href=\"#runs\">runs</a>")
          .Append("<span class=\"legend\"><span class=\"s-pass\">✓ pass</span><span class=\"s-fail\">✗ fail</span><span class=\"s-error\">! error / unknown</span><span class=\"s-na\">n/a not applicable</span><span class=\"s-none\">– no cases</span></span></nav></header>");
    }

    /// <summary>A runtimes x platforms table; cell counts come from <paramref name="tally"/>, cells link by <paramref name="link"/>.</summary>
    private static void Grid(StringBuilder sb, ReportModel m, string id, string corner, Func<Run, Tally> tally, Func<Run, string>? link)
    {
        sb.Append("<table class=\"grid\"");
        if (id.Length > 0)
        {
            sb.Append(" id=\"").Append(id).Append('"');
        }
        // The runtime column is as wide as its longest name needs, up to what leaves a 12-platform row
        // room for its counts on a 1366-pixel screen; longer names are cut with an ellipsis (the cells' titles have them).
        double famWidth = Math.Clamp(m.Families.Select(f => f.Length).DefaultIfEmpty(6).Max() * 0.62 + 1, 6, m.Columns.Count > 8 ? 9.4 : 16);
        sb.Append("><colgroup><col style=\"width:").Append(famWidth.ToString("0.#", Inv)).Append("em\"></colgroup><thead>");
        // A row of architecture groups over the platform names, unless the platforms are the architectures.
        if (m.Columns.Any(c => !c.IsArch))
        {
            sb.Append("<tr><th class=\"fam\"></th>");
            foreach (var g in Spans(m.Columns, c => c.Archs[0]))
            {
                sb.Append("<th colspan=\"").Append(g.Count.ToString(Inv)).Append("\" title=\"").Append(E(ArchWords(g.Key))).Append("\">").Append(E(g.Key)).Append("</th>");
            }
            sb.Append("</tr>");
        }
        sb.Append("<tr><th class=\"fam\">").Append(corner).Append("</th>");
        foreach (var c in m.Columns)
        {
            sb.Append("<th title=\"").Append(E(string.Join(", ", c.Archs.Select(ArchWords)))).Append("\">").Append(E(c.Platform)).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        foreach (var family in m.Families)
        {
            sb.Append("<tr><th class=\"row fam\">").Append(E(family)).Append("</th>");
            foreach (var c in m.Columns)
            {
                var runs = m.Cell(family, c);
                var t = new Tally();
                foreach (var r in runs)
                {
                    t.Add(tally(r));
                }
                // The overview's cells name their runs in full on hover; a requirement's grid shows counts only
                // (its rows and columns say which run; the runs table has the full versions): a quarter of the page less.
                string tip = link is null ? "" : string.Join("\n", runs.Select(r => $"{r.Runtime} {r.Version} ({r.Arch}): {Counts(tally(r))}"));
                Cell(sb, t, runs.Count > 0 && link is not null ? link(runs[0]) : null, tip, runs.Count > 0);
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
    }

    /// <summary>Consecutive items with the same key, for header cells that span columns.</summary>
    private static List<(string Key, int Count)> Spans<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var list = new List<(string Key, int Count)>();
        foreach (var item in items)
        {
            string k = key(item);
            if (list.Count > 0 && list[^1].Key == k)
            {
                list[^1] = (k, list[^1].Count + 1);
            }
            else
            {
                list.Add((k, 1));
            }
        }
        return list;
    }

    private static string ArchWords(string arch) => arch switch
    {
        "32le" => "32-bit words, little-endian",
        "32be" => "32-bit words, big-endian",
        "64le" => "64-bit words, little-endian",
        "64be" => "64-bit words, big-endian",
        _ => arch,
    };

    /// <summary>One count cell: the worst verdict's count in bold, the others small; coloured by the worst.</summary>
    private static void Cell(StringBuilder sb, Tally t, string? href, string tip, bool exists, string? note = null)
    {
        if (!exists || t.Total == 0)
        {
            sb.Append("<td class=\"c s-none\"><span class=\"x\"").Append(tip.Length > 0 ? $" title=\"{E(tip)}\"" : "").Append(">–</span></td>");
            return;
        }
        var status = t.Status;
        string main = status switch
        {
            Status.Fail => $"{N(t.Fail)} fail",
            Status.Error => $"{N(t.Undecided)} error",
            Status.Pass => $"{N(t.Pass)} pass",
            _ => "n/a",
        };
        // The other counts, in the legend's short signs so that a 12-platform row fits a 1366-pixel screen.
        var rest = new List<string>();
        if (status != Status.Fail && t.Fail > 0) { rest.Add($"✗ {N(t.Fail)}"); }
        if (status != Status.Error && t.Undecided > 0) { rest.Add($"! {N(t.Undecided)}"); }
        if (status != Status.Pass && t.Pass > 0) { rest.Add($"✓ {N(t.Pass)}"); }
        if (t.NotApplicable > 0) { rest.Add(status == Status.NotApplicable ? Count(t.NotApplicable, "case") : $"n/a {N(t.NotApplicable)}"); }
        if (note is not null) { rest.Insert(0, note); }
        sb.Append("<td class=\"c ").Append(Class(status)).Append("\">");
        sb.Append(href is null ? "<span class=\"x\"" : $"<a href=\"{href}\"").Append(tip.Length > 0 ? $" title=\"{E(tip)}\"" : "").Append("><b>").Append(main).Append("</b><small>")
          .Append(E(string.Join(" · ", rest))).Append("</small>").Append(href is null ? "</span>" : "</a>").Append("</td>");
    }

    private static void Mechanisms(StringBuilder sb, ReportModel m)
    {
        sb.Append("<h2 id=\"mechanisms\">Requirements by mechanism, worst first</h2><table class=\"mech\"><thead><tr><th class=\"mech\">mechanism (spec file · feature): requirements</th>");
        foreach (var family in m.Families)
        {
            sb.Append("<th>").Append(E(family)).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        var familyRuns = m.Families.ToDictionary(f => f, f => m.Runs.Where(r => r.Family == f).ToList(), StringComparer.Ordinal);
        foreach (var g in m.Groups)
        {
            sb.Append("<tr class=\"grp\"><th class=\"row\"><span class=\"pfx\">").Append(E(g.Prefix)).Append("</span>").Append(E(g.Title)).Append(" · <code title=\"")
              .Append(E(g.FeatureDescription)).Append("\">").Append(E(g.Feature)).Append("</code> ");
            foreach (var r in g.Requirements)
            {
                string tip = r.Spec is null ? r.Id : $"{r.Spec.Title}: {Counts(r.Tally)}";
                if (r.Tally.Total == 0)
                {
                    sb.Append("<span class=\"chip s-none\" title=\"").Append(E(tip)).Append(" (no cases in these results)\">").Append(E(r.Id)).Append("</span>");
                }
                else
                {
                    sb.Append("<a class=\"chip ").Append(Class(r.Tally.Status)).Append("\" href=\"#").Append(r.Anchor).Append("\" title=\"").Append(E(tip)).Append("\">").Append(E(r.Id)).Append("</a>");
                }
            }
            sb.Append("</th>");
            foreach (var family in m.Families)
            {
                var t = new Tally();
                foreach (var r in g.Requirements)
                {
                    foreach (var run in familyRuns[family])
                    {
                        t.Add(r.For(run));
                    }
                }
                Cell(sb, t, null, $"{family}: {Counts(t)}", exists: true, note: Spread(g.Requirements, familyRuns[family]));
            }
            sb.Append("</tr>");
            // The requirements that do not pass get a row each, under their mechanism.
            foreach (var r in g.Requirements.Where(r => r.Tally.Status >= Status.Error))
            {
                sb.Append("<tr class=\"sub\"><th class=\"row\"><a href=\"#").Append(r.Anchor).Append("\">").Append(E(r.Id)).Append("</a> ")
                  .Append(E(r.Spec?.Title ?? "(not in this spec)")).Append("</th>");
                foreach (var family in m.Families)
                {
                    var t = new Tally();
                    foreach (var run in familyRuns[family])
                    {
                        t.Add(r.For(run));
                    }
                    Cell(sb, t, "#" + r.Anchor, $"{r.Id} on {family}: {Counts(t)}", exists: true, note: Spread([r], familyRuns[family]));
                }
                sb.Append("</tr>");
            }
        }
        sb.Append("</tbody></table>");
    }

    /// <summary>"12/12 runs": in how many of the runs these requirements do not pass; null when they pass in all.</summary>
    private static string? Spread(IReadOnlyList<RequirementEntry> requirements, List<Run> runs)
    {
        int bad = runs.Count(run => requirements.Any(r => r.For(run).Status >= Status.Error));
        return bad == 0 ? null : $"{N(bad)}/{Count(runs.Count, "run")}";
    }

    private static void Requirements(StringBuilder sb, ReportModel m)
    {
        sb.Append("<h2 id=\"requirements\">Requirements: each one's runs and distinct failures</h2>");
        foreach (var r in m.Requirements)
        {
            var status = r.Tally.Status;
            sb.Append("<section class=\"req ").Append(Class(status)[2..]).Append("\" id=\"").Append(r.Anchor).Append("\"><h3>")
              .Append(E(r.Id)).Append(' ').Append(E(r.Spec?.Title ?? "(not defined in this spec)"))
              .Append("<span class=\"badge ").Append(Class(status)).Append("\">").Append(E(Counts(r.Tally)));
            if (status >= Status.Error)
            {
                sb.Append(" · not passing in ").Append(N(r.RunsNotPassing)).Append(" of ").Append(Count(r.ByRun.Count, "run"));
            }
            sb.Append("</span><a class=\"up\" href=\"#overview\">overview ↑</a></h3>");
            if (r.Spec is { } spec)
            {
                sb.Append("<p class=\"meta\">").Append(E(spec.Source)).Append(" · feature <code>").Append(E(string.Join(", ", spec.Features))).Append("</code>");
                if (spec.Withdrawn)
                {
                    sb.Append(" · withdrawn");
                }
                sb.Append("</p><p class=\"stmt\">").Append(E(spec.Statement)).Append("</p>");
            }
            Grid(sb, m, "", "", run => r.For(run), null);
            if (r.Failures.Count > 0)
            {
                Failures(sb, m, r);
            }
            sb.Append("</section>");
        }
    }

    private static void Failures(StringBuilder sb, ReportModel m, RequirementEntry r)
    {
        var shown = r.Failures.Take(DistinctLimit).ToList();
        int occurrences = r.Failures.Sum(f => f.Occurrences);
        sb.Append("<h4>").Append(N(r.Failures.Count)).Append(r.Failures.Count == 1 ? " distinct failure" : " distinct failures").Append(" (")
          .Append(N(occurrences)).Append(" failed or errored cases), each with the runs it occurred in</h4>");
        // An expected value every listed failure shares is said once, above the table.
        string? shared = shown.Select(f => f.Expected).Distinct(StringComparer.Ordinal).Count() == 1 ? shown[0].Expected : null;
        if (shared is not null)
        {
            sb.Append("<p><b>expected</b> (every failure below): ").Append(E(Clip(shared))).Append("</p>");
        }
        sb.Append("<table class=\"fails\"><thead><tr><th style=\"width:15%\">case</th><th style=\"width:23%\">input</th>");
        if (shared is null)
        {
            sb.Append("<th style=\"width:17%\">expected</th>");
        }
        sb.Append("<th>observed</th><th style=\"width:18%\">reason</th><th style=\"width:17%\">runs</th></tr></thead><tbody>");
        foreach (var f in shown)
        {
            bool fail = f.Verdict == Verdict.Fail;
            sb.Append("<tr class=\"").Append(fail ? "v-fail" : "v-error").Append("\"><td>").Append(E(f.CaseId));
            if (!fail)
            {
                sb.Append(" <b>").Append(f.Verdict == Verdict.Unknown ? "unknown" : "error").Append("</b>");
            }
            sb.Append("<br><small>").Append(E(Clip(f.Description))).Append("</small></td><td class=\"m\">").Append(E(Clip(f.Input))).Append("</td>");
            if (shared is null)
            {
                sb.Append("<td class=\"m\">").Append(E(Clip(f.Expected))).Append("</td>");
            }
            sb.Append("<td class=\"m\">").Append(E(Clip(f.Observed))).Append("</td><td class=\"m\">").Append(E(Clip(f.Reason))).Append("</td><td>")
              .Append(N(f.Runs.Count)).Append(f.Runs.Count == 1 ? " run" : " runs");
            if (f.Occurrences != f.Runs.Count)
            {
                sb.Append(" (").Append(N(f.Occurrences)).Append(" cases)");
            }
            sb.Append(": ").Append(E(m.DescribeRuns(f.Runs))).Append("</td></tr>");
        }
        if (r.Failures.Count > shown.Count)
        {
            var rest = r.Failures.Skip(shown.Count).ToList();
            sb.Append("<tr><td colspan=\"6\">").Append(N(rest.Count)).Append(" more distinct failures (").Append(N(rest.Sum(f => f.Occurrences)))
              .Append(" cases) are not listed here; the JSON lines and JUnit files have every one.</td></tr>");
        }
        sb.Append("</tbody></table>");
    }

    private static void Runs(StringBuilder sb, ReportModel m)
    {
        sb.Append("<h2 id=\"runs\">Runs</h2><table class=\"runs\"><thead><tr><th style=\"width:3em\">#</th><th style=\"width:22%\">runtime and version (as declared)</th>")
          .Append("<th style=\"width:6em\">platform</th><th style=\"width:4em\">arch</th><th class=\"n\">cases</th><th class=\"n\">pass</th><th class=\"n\">fail</th><th class=\"n\">error</th><th class=\"n\">n/a</th>")
          .Append("<th style=\"width:24%\">not passing</th></tr></thead><tbody>");
        foreach (var run in m.Runs)
        {
            var t = run.Tally;
            sb.Append("<tr id=\"run-").Append(run.Index.ToString(Inv)).Append("\"><td class=\"n\">").Append(N(run.Index + 1))
              .Append("</td><td>").Append(E(run.Runtime)).Append(' ').Append(E(run.Version)).Append("</td><td>").Append(E(run.Platform)).Append("</td><td>").Append(E(run.Arch))
              .Append("</td><td class=\"n\">").Append(N(t.Total)).Append("</td><td class=\"n").Append(t.Pass > 0 ? " s-pass" : "").Append("\">").Append(N(t.Pass))
              .Append("</td><td class=\"n").Append(t.Fail > 0 ? " s-fail" : "").Append("\">").Append(N(t.Fail))
              .Append("</td><td class=\"n").Append(t.Undecided > 0 ? " s-error" : "").Append("\">").Append(N(t.Undecided))
              .Append("</td><td class=\"n\">").Append(N(t.NotApplicable)).Append("</td><td>");
            var bad = m.Requirements.Where(r => r.For(run).Status >= Status.Error).ToList();
            for (int i = 0; i < bad.Count; i++)
            {
                sb.Append(i == 0 ? "" : " ").Append("<a class=\"chip ").Append(Class(bad[i].For(run).Status)).Append("\" href=\"#").Append(bad[i].Anchor).Append("\">").Append(E(bad[i].Id)).Append("</a>");
            }
            sb.Append("</td></tr>");
        }
        sb.Append("</tbody></table>");
    }
}
