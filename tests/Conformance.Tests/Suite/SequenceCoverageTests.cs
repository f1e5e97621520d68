using Conformance.Suite;
using Conformance.Suite.Cases;

namespace Conformance.Tests.Suite;

/// <summary>
/// What random sequences reach (issue 18: pairs of operations, every operation in every buffer state, the interleavings
/// that matter), measured as the sequence runner performs the ops, and the generator's bias that makes a run reach it.
/// </summary>
public sealed class SequenceCoverageTests
{
    // Features a runtime claims (test inputs, not a copy of spec/features.md: the spec's names are checked by SequenceFeatureTests).
    private static readonly HashSet<string> OnDemand = ["core", "maps", "zero.on-demand", "small.table", "small.strings", "small.empty"];
    private static readonly HashSet<string> Gc = ["core", "maps", "zero.absent-large", "small.table", "small.strings", "small.empty"];
    private static readonly HashSet<string> TableOnly = ["core", "small.table"];

    private static Op T(ulong size) => new(OpKind.NewType, size, 0, 0);

    private static Op Map(ulong type) => new(OpKind.MakeMap, type, 0, 0);

    private static readonly Op Convert = new(OpKind.Convert, 0, 7, 0);

    /// <summary>A hand-walked sequence: each state and interleaving it reaches, and what it does not.</summary>
    [Fact]
    public void Walk_FollowsTheBufferThroughItsStates_AndNamesTheInterleavings()
    {
        Op[] ops =
        [
            T(10), Map(0), new(OpKind.Assign, 0, 1, 5), new(OpKind.Lookup, 0, 2, 0),    // before any growth; a lookup in a map holding an entry
            T(5000), Map(1), Map(0), Convert,                                           // one growth (4096 -> 8192); a second map of type 0
            T(20000), Map(2), new(OpKind.Lookup, 0, 3, 0),                              // several growths; type 2 made and a conversion between them; map 0's type is older
            new(OpKind.NewEdgeType, 0, 0, 0), Map(3), Convert,                          // the buffer at 2^(w-1)
            new(OpKind.NewEdgeType, 1, 0, 0), Map(4),                                   // past the edge: the map throws
        ];
        var coverage = SequenceCoverage.Measure([ops], OnDemand, 32);
        var reached = coverage.Goals.Except(coverage.Missing).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "state Lookup before any growth", "state Assign before any growth", "state Convert after one growth", "state MakeMap after several growths",
            "state Convert at the overflow edge", "state MakeMap at the overflow edge",
            "pair NewType then MakeMap", "pair MakeMap then Assign", "pair Assign then Lookup", "pair MakeMap then MakeMap", "pair Convert then NewType",
            "interleaving a lookup in a map holding an entry", "interleaving a second map of one element type",
            "interleaving a map or lookup of a type older than the latest growth", "interleaving a type created between two growths",
            "interleaving a conversion between two growths", "interleaving a map whose element is past the overflow edge (it throws)",
        ];
        Assert.All(expected, goal => Assert.True(reached.Contains(goal), $"not reached: {goal}; reached: {string.Join(", ", reached)}"));
        string[] notReached = ["state Assign after several growths", "state Lookup after one growth", "pair Lookup then Lookup", "state OneByteString before any growth"];
        Assert.All(notReached, goal => Assert.Contains(goal, coverage.Missing));
        // NewType then MakeMap, MakeMap then Assign, Assign then Lookup, Lookup then NewType, MakeMap then MakeMap, MakeMap then
        // Convert, Convert then NewType, MakeMap then Lookup (an edge type counts as NewType).
        Assert.StartsWith("pairs 8/64, operation x buffer state 13/32, interleavings 6/6; not reached: ", coverage.Summary(), StringComparison.Ordinal);
    }

    /// <summary>A map of a small type grows nothing; 4096 bytes fits the first buffer; an assignment into a large element's map is not made.</summary>
    [Fact]
    public void Walk_CountsOnlyWhatTheRunnerDoes()
    {
        Op[] ops = [new(OpKind.Lookup, 0, 0, 0), T(1024), Map(0), T(4096), Map(1), T(8192), Map(2), new(OpKind.Assign, 2, 1, 1), new(OpKind.Lookup, 2, 1, 0)];
        var coverage = SequenceCoverage.Measure([ops], OnDemand, 64);
        // The first lookup has no map: skipped, so it is in no state and no pair.
        Assert.Contains("state Lookup before any growth", coverage.Missing);
        Assert.Contains("pair Lookup then NewType", coverage.Missing);
        Assert.DoesNotContain("state NewType after one growth", coverage.Missing); // 4096 grew the (absent) buffer once
        Assert.DoesNotContain("state Lookup after several growths", coverage.Missing); // 8192 grew it again
        Assert.Contains("interleaving a lookup in a map holding an entry", coverage.Missing); // 8192-byte elements are not assigned
    }

    /// <summary>The goals follow the claimed features: no buffer states without the on-demand buffer, only conversions for a table runtime.</summary>
    [Theory]
    [InlineData("gc", "pairs 0/64, operation x buffer state 0/8, interleavings 0/2")]
    [InlineData("table", "pairs 0/1, operation x buffer state 0/1, interleavings 0/0")]
    [InlineData("on-demand", "pairs 0/64, operation x buffer state 0/32, interleavings 0/6")]
    public void Goals_FollowTheClaimedFeatures(string runtime, string summary)
    {
        var features = runtime switch { "gc" => Gc, "table" => TableOnly, _ => OnDemand };
        Assert.StartsWith(summary, SequenceCoverage.Measure([], features, 64).Summary(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Measured bias: with the default count and length, every seed tried reaches every pair (appended where the random
    /// steps missed one), and all but a rare seed every goal, for the three kinds of runtime on both word sizes.
    /// </summary>
    [Theory]
    [InlineData("on-demand", 32)]
    [InlineData("on-demand", 64)]
    [InlineData("gc", 64)]
    [InlineData("table", 32)]
    public void DefaultRun_ReachesEveryPair_AndAlmostAlwaysEveryGoal(string runtime, int wordBits)
    {
        var features = runtime switch { "gc" => Gc, "table" => TableOnly, _ => OnDemand };
        var defaults = new RunOptions(0);
        var incomplete = new List<string>();
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var coverage = SequenceCoverage.Measure(SequenceCases.Generate(new CaseInputs([], seed), defaults.Sequences, defaults.SequenceLength), features, wordBits);
            Assert.True(coverage.MissingPairs.Count == 0, $"seed {seed}: {coverage.Summary()}");
            if (coverage.Missing.Count > 0)
            {
                incomplete.Add($"seed {seed}: {coverage.Summary()}");
            }
        }
        Assert.True(incomplete.Count <= 1, string.Join("\n", incomplete));
    }

    /// <summary>The same seed gives the same sequences; appended pairs keep each sequence at least its length.</summary>
    [Fact]
    public void Generate_IsDeterministic()
    {
        var a = SequenceCases.Generate(new CaseInputs([], 99), 12, 40);
        var b = SequenceCases.Generate(new CaseInputs([], 99), 12, 40);
        Assert.Equal(a.Select(s => string.Join("; ", s)), b.Select(s => string.Join("; ", s)));
        Assert.All(a, s => Assert.InRange(s.Length, 40, 60));
    }
}
