using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Cli.Tests.LongestFirst", "Cli.Tests")]

namespace Cli.Tests;

/// <summary>
/// Starts the longest test classes first. Each class is a test collection, the collections run in parallel
/// (xunit.runner.json: two per processor, because many wait on a process, a browser or a timeout rather than
/// compute), and a run lasts as long as its last collection: one of the long ones started late (in xUnit's default
/// order, by hash) ran alone at the end while nothing else was left to do. Known long ones first, most expensive
/// first; every other collection after them, in xUnit's default order. The order changes nothing a test checks.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>
    /// The long classes, longest first: each one's time in a full run of `dotnet test Conformance.sln`
    /// (2-core machine, load 2-5, 2026-12-05), the time of its class fixture included.
    /// </summary>
    private static readonly Type[] Longest =
    [
        typeof(ZooTests),                             // 55 s: the zoo on every architecture, the race rates
        typeof(ToolPackageTests),                     // 45 s: pack, tool install, prove with the tool
        typeof(ExecEndToEndTests.ReferenceOverExec),  // 40-100 s: the suite over exec, four shards
        typeof(BenchTests),                           // 30-40 s
        typeof(ResultsPageTests),                     // 25-45 s: Chromium
        typeof(ZooOverExecTests),                     // 20-40 s: 39 served variants, four at a time
        typeof(ExecEndToEndTests.Faults),             // 20-45 s: mostly request timeouts
        typeof(RunCommandTests.ReferenceRun),         // 15-55 s
        typeof(AdapterPackageTests),                  // 20 s: pack, build the sample
        typeof(StartupFaultTests),                    // 10-15 s: mostly request timeouts
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
