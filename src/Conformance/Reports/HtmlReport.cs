using System.Globalization;
using System.Net;
using System.Text;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Reports;

/// <summary>
/// One self-contained HTML page: a matrix of requirements x (runtime, architecture) with a cell per
/// pair, and every failure expandable. Every string that came from an adapter is HTML-encoded.
/// </summary>
public static class HtmlReport
{
    /// <summary>Renders the page.</summary>
    public static string Render(IReadOnlyList<CaseResult> results, RequirementCatalog catalog, string title)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(catalog);
        static string E(string s) => WebUtility.HtmlEncode(s);
        var columns = results.Select(r => (r.Runtime, r.RuntimeVersion, r.Arch)).Distinct()
            .OrderBy(c => c.Runtime, StringComparer.Ordinal).ThenBy(c => c.RuntimeVersion, StringComparer.Ordinal)
            .ThenBy(c => RequirementCatalog.ArchitectureNames.ToList().IndexOf(c.Arch)).ToList();
        var cells = results.ToLookup(r => (r.Requirement, r.Runtime, r.RuntimeVersion, r.Arch));
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
          .Append("body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;font-size:.9em}")
          .Append(".pass{background:#d9f2d9}.fail{background:#f8d0d0}.error{background:#fbe3b5}.na{background:#eee;color:#777}.mixed{background:#f8d0d0}")
          .Append("details{margin:.3em 0}pre{white-space:pre-wrap;margin:.2em 0 .6em 1em}")
          .Append("</style></head><body>");
        sb.Append("<h1>").Append(E(title)).Append("</h1>");
        int total = results.Count, passed = results.Count(r => r.Verdict == Verdict.Pass);
        sb.Append(CultureInfo.InvariantCulture, $"<p id=\"summary\">{total} cases: {passed} passed, {results.Count(r => r.Verdict == Verdict.Fail)} failed, ")
          .Append(CultureInfo.InvariantCulture, $"{results.Count(r => r.Verdict is Verdict.Error or Verdict.Unknown)} errors, {results.Count(r => r.Verdict == Verdict.NotApplicable)} not applicable.</p>");
        sb.Append("<table id=\"matrix\"><thead><tr><th>requirement</th>");
        foreach (var c in columns)
        {
            sb.Append("<th>").Append(E(c.Runtime)).Append("<br>").Append(E(c.RuntimeVersion)).Append("<br>").Append(E(c.Arch)).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        foreach (var req in catalog.Active)
        {
            sb.Append("<tr><th title=\"").Append(E(req.Statement)).Append("\">").Append(E(req.Id)).Append(' ').Append(E(req.Title)).Append("</th>");
            foreach (var c in columns)
            {
                var list = cells[(req.Id, c.Runtime, c.RuntimeVersion, c.Arch)].ToList();
                var (cls, text) = Cell(list);
                sb.Append("<td class=\"").Append(cls).Append("\">").Append(E(text)).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table><h2>Failures and errors</h2><div id=\"failures\">");
        foreach (var r in results.Where(r => r.Verdict is Verdict.Fail or Verdict.Error or Verdict.Unknown))
        {
            sb.Append("<details><summary>").Append(E($"{r.Verdict}: {r.Requirement} on {r.Runtime} {r.RuntimeVersion} {r.Arch}: {r.CaseId}")).Append("</summary><pre>")
              .Append(E($"input:    {r.Input}\nexpected: {r.Expected}\nobserved: {r.Observed}\nreason:   {r.Reason}")).Append("</pre></details>");
        }
        sb.Append("</div></body></html>");
        return sb.ToString();
    }

    private static (string Class, string Text) Cell(List<CaseResult> list)
    {
        if (list.Count == 0)
        {
            return ("na", "-");
        }
        int pass = list.Count(r => r.Verdict == Verdict.Pass);
        int fail = list.Count(r => r.Verdict == Verdict.Fail);
        int err = list.Count(r => r.Verdict is Verdict.Error or Verdict.Unknown);
        int na = list.Count(r => r.Verdict == Verdict.NotApplicable);
        if (fail > 0)
        {
            return ("fail", $"FAIL {fail}/{list.Count}");
        }
        if (err > 0)
        {
            return ("error", $"ERROR {err}/{list.Count}");
        }
        return na == list.Count ? ("na", "n/a") : ("pass", $"pass {pass}");
    }
}
