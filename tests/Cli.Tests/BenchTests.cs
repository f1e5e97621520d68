using System.Text.Json;

namespace Cli.Tests;

/// <summary>
/// The bench verb runs and reports every figure with its target. Timings are never asserted: they
/// depend on the machine and its load; docs/performance.md records them.
/// </summary>
public class BenchTests
{
    [Fact]
    public void Bench_SmokeBudget_PrintsEveryFigureWithTargetAndWritesJson()
    {
        string json = CliHarness.TempFile(".json");
        try
        {
            var (exit, stdout, stderr) = CliHarness.Invoke("bench", "--smoke", "--json", json);

            Assert.True(exit == 0, $"bench exited {exit}; stderr: {stderr}");
            Assert.StartsWith("bench (smoke budget)", stdout, StringComparison.Ordinal);
            string[] titles = ["proof vs enumeration", "oracle speed", "exec throughput", "memory", "scaling", "startup"];
            for (int n = 1; n <= 6; n++)
            {
                Assert.True(stdout.Contains($"\n{n}. {titles[n - 1]}: ", StringComparison.Ordinal), $"figure {n} ({titles[n - 1]}) is not printed:\n{stdout}");
            }
            Assert.Equal(6, stdout.Split('\n').Count(l => l.StartsWith("   target: ", StringComparison.Ordinal)));

            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var figures = doc.RootElement.GetProperty("figures").EnumerateArray().ToList();
            Assert.Equal([1, 2, 3, 4, 5, 6], figures.Select(f => f.GetProperty("number").GetInt32()));
            Assert.All(figures, f => Assert.Contains(f.GetProperty("verdict").GetString(), new[] { "met", "MISSED", "not measured", "recorded" }));
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("machine").GetProperty("Cpu").GetString()), "the machine's CPU is recorded");
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void Bench_UnknownFigure_IsUsageError()
    {
        var (exit, _, stderr) = CliHarness.Invoke("bench", "--figure", "7");

        Assert.Equal(2, exit);
        Assert.Contains("--figure 7", stderr, StringComparison.Ordinal);
    }
}

/// <summary>
/// Sampling.WarmUp, which reads the process's count of JIT-compiled methods: these tests run alone (no other test's
/// compiling counts; in parallel with the rest, a warm-up took more rounds than any bound on them allowed).
/// </summary>
[Collection(nameof(WarmUpTests))]
public class WarmUpTests
{
    [Fact]
    public void WarmUp_EndsOnceRoundsCompileNothingForTheQuietSpan()
    {
        var (rounds, quiet) = Conformance.Cli.Bench.Sampling.WarmUp(() => Thread.Sleep(5), TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(30));

        Assert.True(quiet, "a round that compiles nothing must end the warm-up quiet");
        Assert.True(rounds >= 8, $"{rounds} rounds: the quiet span is 40 ms of 5 ms rounds"); // how many compiled first is the process's business
    }

    [Fact]
    public void WarmUp_ARoundThatAlwaysCompiles_StopsAtTheLimit_NotQuiet()
    {
        int n = 0;
        var (rounds, quiet) = Conformance.Cli.Bench.Sampling.WarmUp(() =>
        {
            // A new method every round: the JIT is never quiet.
            var x = System.Linq.Expressions.Expression.Parameter(typeof(int));
            System.Linq.Expressions.Expression.Lambda<Func<int, int>>(System.Linq.Expressions.Expression.Add(x, System.Linq.Expressions.Expression.Constant(n++)), x).Compile()(1);
            Thread.Sleep(5);
        }, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(300));

        Assert.False(quiet);
        Assert.InRange(rounds, 2, 100);
    }
}

/// <summary>The collection of <see cref="WarmUpTests"/>: never run beside another.</summary>
[CollectionDefinition(nameof(WarmUpTests), DisableParallelization = true)]
public sealed class WarmUpAlone;
