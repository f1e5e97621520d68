using System.Globalization;
using System.Xml.Linq;
using Conformance.Suite;

namespace Conformance.Reports;

/// <summary>JUnit XML for CI systems: one testsuite per runtime and architecture, one testcase per case.</summary>
public static class JUnitReport
{
    /// <summary>Writes the results as JUnit XML.</summary>
    public static void Write(string path, IEnumerable<CaseResult> results)
    {
        var suites = new XElement("testsuites");
        foreach (var group in results.GroupBy(r => (r.Runtime, r.RuntimeVersion, r.Arch)))
        {
            var list = group.ToList();
            var suite = new XElement("testsuite",
                new XAttribute("name", $"{group.Key.Runtime} {group.Key.RuntimeVersion} {group.Key.Arch}"),
                new XAttribute("tests", list.Count),
                new XAttribute("failures", list.Count(r => r.Verdict == Verdict.Fail)),
                new XAttribute("errors", list.Count(r => r.Verdict is Verdict.Error or Verdict.Unknown)),
                new XAttribute("skipped", list.Count(r => r.Verdict == Verdict.NotApplicable)),
                new XAttribute("time", (list.Sum(r => r.ElapsedMs) / 1000).ToString("0.###", CultureInfo.InvariantCulture)));
            foreach (var r in list)
            {
                var tc = new XElement("testcase",
                    new XAttribute("classname", $"{r.Requirement}.{r.Arch}"),
                    new XAttribute("name", r.CaseId),
                    new XAttribute("time", (r.ElapsedMs / 1000).ToString("0.######", CultureInfo.InvariantCulture)));
                string body = $"requirement: {r.Requirement}\narchitecture: {r.Arch}\ninput: {r.Input}\nexpected: {r.Expected}\nobserved: {r.Observed}\nreason: {r.Reason}";
                switch (r.Verdict)
                {
                    case Verdict.Fail:
                        tc.Add(new XElement("failure", new XAttribute("message", r.Reason), new XAttribute("type", r.Requirement), body));
                        break;
                    case Verdict.Error:
                    case Verdict.Unknown:
                        tc.Add(new XElement("error", new XAttribute("message", r.Reason), new XAttribute("type", r.Verdict.ToString()), body));
                        break;
                    case Verdict.NotApplicable:
                        tc.Add(new XElement("skipped", new XAttribute("message", r.Reason)));
                        break;
                    default:
                        break;
                }
                suite.Add(tc);
            }
            suites.Add(suite);
        }
        new XDocument(new XDeclaration("1.0", "utf-8", null), suites).Save(path);
    }
}
