using System.Diagnostics;
using Conformance.Smt;

namespace Conformance.Oracle;

/// <summary>Measures how many observations per second a predicate judges on one thread (for the bench verb; never asserted in tests).</summary>
public static class OracleThroughput
{
    /// <summary>
    /// Judges batches of <paramref name="batchSize"/> pseudo-random observations (boundary values and
    /// random words, fixed by <paramref name="seed"/>) through <see cref="PredicateHandle.EvaluateBatch"/>
    /// for at least <paramref name="duration"/>, after a short warm-up; returns evaluations per second.
    /// </summary>
    /// <exception cref="InvalidOperationException">The predicate does not return Bool.</exception>
    public static double Measure(PredicateHandle predicate, TimeSpan duration, int batchSize = 4096, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var random = new Random(seed);
        IReadOnlyList<SmtParameter> parameters = predicate.Info.Parameters;
        var args = new ulong[Math.Max(1, batchSize * parameters.Count)];
        for (int i = 0; i < batchSize; i++)
        {
            for (int p = 0; p < parameters.Count; p++)
            {
                SmtSort sort = parameters[p].Sort;
                IReadOnlyList<ulong> edges = BoundaryValues.For(sort);
                args[(i * parameters.Count) + p] = random.Next(2) == 0
                    ? edges[random.Next(edges.Count)]
                    : (ulong)random.NextInt64() & sort.Mask;
            }
        }

        var results = new bool[batchSize];
        predicate.EvaluateBatch(args, batchSize, results); // warm-up (tier-up happens over the first batches)
        var clock = Stopwatch.StartNew();
        long evaluations = 0;
        while (clock.Elapsed < duration || evaluations == 0)
        {
            predicate.EvaluateBatch(args, batchSize, results);
            evaluations += batchSize;
        }

        return evaluations / clock.Elapsed.TotalSeconds;
    }
}
