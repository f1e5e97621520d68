using Conformance.Adapters;
using Conformance.Cli.Wiring;
using Conformance.Requirements;
using Conformance.Suite;
using Reference;

namespace Cli.Tests;

public class ZooTests
{
    [Fact]
    public void Zoo_HasAVariantForEveryRequirement()
    {
        var catalog = RequirementCatalog.LoadEmbedded();
        var covered = Zoo.Variants.Select(v => v.Requirement).ToHashSet();
        var missing = catalog.Active.Select(r => r.Id).Where(id => !covered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "no broken runtime for " + string.Join(", ", missing));
        Assert.True(Zoo.Variants.Count >= 15);
    }

    [Fact]
    public void Zoo_EveryBrokenRuntime_IsCaughtWithTheRightRequirement()
    {
        using var log = new StringWriter();
        var judge = new Judge(OracleWiring.Create(), RequirementCatalog.LoadEmbedded());
        var score = Zoo.Score(judge, Inputs.Create(11), new RunOptions(11), log);
        Assert.True(score.Caught == score.Total, $"caught {score.Caught} of {score.Total}; missed {string.Join(", ", score.Missed)}\n{log}");
    }

    /// <summary>The trials stop at the first that fails and say which it was; a passing runtime runs them all.</summary>
    [Fact]
    public void RaceTrials_StopAtTheFirstFailure_AndSayHowManyRan()
    {
        var judge = new Judge(OracleWiring.Create(), RequirementCatalog.LoadEmbedded());
        var arch = Architecture.Parse("32be");
        var options = new RunOptions(11) with { Requirements = new HashSet<string>(["ZV-011"], StringComparer.Ordinal), RaceTrials = 6 };
        CaseResult Race(Func<Architecture, ReferenceRuntime> make)
        {
            var results = new List<CaseResult>();
            using var adapter = new ReferenceAdapter(make(arch), "race");
            SuiteRunner.Run(adapter, () => new ReferenceAdapter(make(arch), "race"), judge, Inputs.Create(11), options, new ListSink(results));
            return Assert.Single(results, r => r.CaseId == "ZV-011/race");
        }
        var sound = Race(a => new ReferenceRuntime(a));
        Assert.Equal(Verdict.Pass, sound.Verdict);
        Assert.StartsWith("6 trial(s) on fresh runtimes; ", sound.Input, StringComparison.Ordinal);
        options = options with { RaceBudgetSeconds = 1e-6 };
        var hurried = Race(a => new ReferenceRuntime(a));
        Assert.Equal(Verdict.Pass, hurried.Verdict);
        Assert.StartsWith("1 trial(s) on fresh runtimes, of 6: the 0-second budget was spent; ", hurried.Input, StringComparison.Ordinal);
        options = options with { RaceBudgetSeconds = 60 };
        // Every growth goes wrong from the second runtime on: the first trial passes, the second fails.
        int made = 0;
        var broken = Race(a => Interlocked.Increment(ref made) <= 2 ? new ReferenceRuntime(a) : Zoo.PublishBeforeAllocate.OneIn(1)(a));
        Assert.Equal(Verdict.Fail, broken.Verdict);
        Assert.StartsWith("trial 2 of at most 6; ", broken.Input, StringComparison.Ordinal);
    }

    /// <summary>The race rates, a test collection of their own (600 one-trial runs): they run beside the rest of the class.</summary>
    public sealed class RaceRates
    {
        /// <summary>
        /// Races with measured power (README, "Races"): a runtime whose publication goes wrong in 1 of N growths is caught by
        /// one trial (10 growths on a fresh runtime) with probability 1 - (1 - 1/N)^10. Measured over 200 one-trial runs per
        /// N, on 64le, with the variant's generator seeded: the count caught must lie within 4 standard deviations of the
        /// formula's (a scheduled race sees every wrong publication, so the rate is the growths', not the scheduler's).
        /// </summary>
        [Theory]
        [InlineData(2)]
        [InlineData(4)]
        [InlineData(16)]
        public void RaceVariants_AreCaughtAtTheRateTheReadmeStates(int n)
        {
            const int Runs = 200;
            var judge = new Judge(OracleWiring.Create(), RequirementCatalog.LoadEmbedded());
            var make = Zoo.PublishBeforeAllocate.OneIn(n, seed: 7);
            var arch = Architecture.Parse("64le");
            var options = new RunOptions(11) with { Requirements = new HashSet<string>(["ZV-011"], StringComparer.Ordinal), RaceTrials = 1 };
            // The suite's cases, made once: each run filters the same list to ZV-011 as a run from its inputs does (making the
            // whole list took most of a run's time, 200 times over). A case keeps no state between runs.
            var cases = SuiteRunner.Cases(new Arch(arch.WordBits, arch.IsBigEndian), Inputs.Create(11), options);
            int caught = 0;
            var inputs = new List<string>();
            for (int run = 0; run < Runs; run++)
            {
                var results = new List<CaseResult>();
                using var adapter = new ReferenceAdapter(make(arch), "race");
                SuiteRunner.Run(adapter, () => new ReferenceAdapter(make(arch), "race"), judge, cases, options, new ListSink(results));
                var race = Assert.Single(results, r => r.CaseId == "ZV-011/race");
                Assert.True(race.Verdict is Verdict.Pass or Verdict.Fail, $"run {run}: {race.Verdict}: {race.Reason}");
                caught += race.Verdict == Verdict.Fail ? 1 : 0;
                inputs.Add(race.Input);
            }
            double p = 1 - Math.Pow(1 - 1.0 / n, 10);
            double expected = Runs * p, sigma = Math.Sqrt(Runs * p * (1 - p));
            Assert.True(Math.Abs(caught - expected) <= 4 * sigma + 1,
                $"1 in {n}: caught in {caught} of {Runs} one-trial runs; the README's formula gives {expected:0.0} (sigma {sigma:0.0})");
            Assert.All(inputs, i => Assert.Matches(@"^(1 trial\(s\) on fresh runtimes|trial 1 of at most 1); ", i));
        }
    }
}
