using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Cli.Tests.LongestFirst", "Cli.Tests")]

namespace Cli.Tests;

/// <summary>
/// Starts the longest test classes first. Each class is a test collection, the collections run in parallel
/// (xunit.runner.json: two per processor, because many wait on a process, a browser or a timeout rather than
/// compute), and a run lasts as long as its last collection: one of the long ones started late (in xUnit's default
/// order, by hash) ran alone at the end while nothing else was left to do. Known long ones first, most expensive
/// first, except that the ones that mostly wait (request timeouts, Chromium) start among them, where their waits
/// overlap the others' computing instead of leaving the processors idle at the end; every other collection after
/// them, in xUnit's default order. The order changes nothing a test checks.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>
    /// The long classes, longest first (the waiting ones among them): each one's time in a full run of `dotnet test Conformance.sln`
    /// (2-core machine, everything else of the run beside it, 2026-12-05 evening), the time of its class fixture included.
    /// </summary>
    private static readonly Type[] Longest =
    [
        typeof(ZooOverExecTests),                     // 110-130 s: 44 served variants, four at a time
        typeof(ExecEndToEndTests.Faults),             // 35-40 s, mostly waiting for request timeouts: beside the long ones
        typeof(ZooTests.RaceRates),                   // 70-115 s: 600 one-trial runs of the race variants
        typeof(ZooTests),                             // 100 s: the zoo on every architecture
        typeof(StartupFaultTests),                    // 5-15 s, mostly waiting for request timeouts
        typeof(ResultsPageTests),                     // 30-40 s: the docs/results merge, Chromium once per page
        typeof(ExecEndToEndTests.ReferenceOverExec),  // 80-130 s: read-ahead, pipeline, broken variants over exec
        typeof(ExecEndToEndTests.ReferenceOverExec64), // 50-80 s: the suite over exec, two quarters
        typeof(ExecEndToEndTests.ReferenceOverExec32), // 20-70 s: the other two quarters
        typeof(ToolPackageTests),                     // 15-20 s: pack, tool install, runs of the tool
        typeof(BenchTests),                           // 35-45 s
        typeof(AdapterPackageTests),                  // 15-35 s: pack, build the sample
        typeof(RunCommandTests.ReferenceRun),         // 20-30 s
        typeof(PipelineZooTests),                     // 10-25 s
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var all = new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).ToList();
        int Rank(ITestCollection c)
        {
            int i = Array.FindIndex(Longest, t => c.DisplayName == $"Test collection for {t.FullName}");
            return i < 0 ? Longest.Length : i;
        }
        return all.OrderBy(Rank); // stable: the rest keep xUnit's order
    }
}
