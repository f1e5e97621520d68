using Conformance.Adapters;
using Conformance.Cli.Wiring;
using Conformance.Requirements;
using Conformance.Suite;
using Reference;

namespace Cli.Tests;

/// <summary>
/// Sending cases ahead changes no verdict of a broken runtime: every zoo variant whose bug lies where cases are sent
/// ahead (conversions, one-byte strings, the table, the state they leave), run in process with and without the
/// pipeline on the first architecture where its bug shows, gets the same verdict, input, observation and reason in
/// every case; the every-state cases the same verdict (their counts and the case after which a window's state was
/// judged may differ: that is what the pipeline changes).
/// </summary>
public class PipelineZooTests
{
    private static readonly string[] SentAhead = ["AR-001", "AR-002", "AR-003", "SV-001", "SV-002", "SV-004", "SV-005", "SV-007", "ZV-015"];

    public static TheoryData<string> Variants() => [.. Zoo.Variants.Where(v => SentAhead.Contains(v.Requirement)).Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(Variants))]
    public void ABrokenRuntime_GetsTheSameVerdicts_PipelinedOrNot(string name)
    {
        var v = Zoo.Variants.Single(x => x.Name == name);
        var arch = Architecture.Parse(v.Archs[0]);
        var judge = new Judge(OracleWiring.Create(), RequirementCatalog.LoadEmbedded());
        var options = new RunOptions(11) with { RaceBudgetSeconds = 1e5 }; // trials by count alone: a budget in seconds depends on the load
        var cases = SuiteRunner.Cases(new Arch(arch.WordBits, arch.IsBigEndian), Inputs.Create(11), options);
        List<CaseResult> RunWith(bool pipeline)
        {
            var results = new List<CaseResult>();
            using var adapter = new ReferenceAdapter(v.Create(arch), name);
            SuiteRunner.Run(adapter, () => new ReferenceAdapter(v.Create(arch), name), judge, cases, options with { Pipeline = pipeline }, new ListSink(results));
            return results;
        }
        var off = RunWith(false);
        var on = RunWith(true);
        Assert.Contains(off, r => r.Verdict == Verdict.Fail && r.Requirement == v.Requirement);
        Assert.Equal(off.Select(r => r.CaseId), on.Select(r => r.CaseId));
        var differ = off.Zip(on).Where(p => p.First.CaseId.Contains("/every-state", StringComparison.Ordinal)
                ? p.First.Verdict != p.Second.Verdict
                : (p.First.Verdict, p.First.Input, p.First.Observed, p.First.Reason) != (p.Second.Verdict, p.Second.Input, p.Second.Observed, p.Second.Reason))
            .Take(3).Select(p => $"{p.First.CaseId}: case by case {p.First.Verdict} {p.First.Observed} ({p.First.Reason}); sent ahead {p.Second.Verdict} {p.Second.Observed} ({p.Second.Reason})").ToList();
        Assert.True(differ.Count == 0, string.Join("\n", differ));
    }
}
