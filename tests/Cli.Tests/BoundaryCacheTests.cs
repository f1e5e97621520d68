using Conformance.Cli.Wiring;
using Conformance.Models;
using Conformance.Smt;
using Conformance.Suite;

namespace Cli.Tests;

/// <summary>
/// The boundary vectors are solved once per build and kept (Wiring/Inputs.cs, BoundaryCache): what a later run reads is
/// exactly what the solver found; a file that is damaged, or kept for another build, is never read as vectors.
/// </summary>
public sealed class BoundaryCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("boundary-cache-").FullName;
    private int _solved;

    private static readonly Lazy<IReadOnlyList<NamedValue>> Solved = new(() =>
    {
        using var solver = new Z3NativeSolver();
        return BoundaryVectors.Generate(ModelCatalog.LoadEmbedded(), solver);
    });

    private IReadOnlyList<NamedValue> Solve()
    {
        _solved++;
        return Solved.Value;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void KeptVectors_AreTheSolversExactly_AndAreNotSolvedAgain()
    {
        var first = BoundaryCache.GetOrSolve(_dir, "k1", Solve);
        var again = BoundaryCache.GetOrSolve(_dir, "k1", Solve);

        Assert.Equal(1, _solved);
        Assert.Equal(Solved.Value, again); // records: requirement, architecture, name and value each
        Assert.Equal(first, again);
        Assert.True(Solved.Value.Count > 100, $"{Solved.Value.Count} vectors");
    }

    [Theory]
    [InlineData("")]
    [InlineData("boundary vectors k2\n")] // the key, no vectors
    [InlineData("boundary vectors k1\nZV-004\t32le\tthe smallest type\t0\n")] // another build's
    [InlineData("boundary vectors k2\nZV-004\t32le\tthe smallest type\n")] // a field short
    [InlineData("boundary vectors k2\nZV-004\t32le\tthe smallest type\t-1\n")] // not a value
    [InlineData("boundary vectors k2\nZV-004\t32le\tthe smallest type\t18446744073709551616\n")] // past 2^64
    public void DamagedOrOtherFile_IsSolvedAgainAndRewritten(string content)
    {
        var path = Path.Combine(_dir, "boundaries-k2.tsv");
        File.WriteAllText(path, content);

        var vectors = BoundaryCache.GetOrSolve(_dir, "k2", Solve);

        Assert.Equal(1, _solved);
        Assert.Equal(Solved.Value, vectors);
        Assert.StartsWith("boundary vectors k2\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(Solved.Value, BoundaryCache.GetOrSolve(_dir, "k2", Solve));
        Assert.Equal(1, _solved);
    }

    [Fact]
    public void NoDirectory_SolvesEveryTime()
    {
        BoundaryCache.GetOrSolve(null, "k3", Solve);
        BoundaryCache.GetOrSolve(null, "k3", Solve);

        Assert.Equal(2, _solved);
    }

    [Fact]
    public void OnlyTheNewestBuildsFilesAreKept()
    {
        for (int i = 0; i < BoundaryCache.Kept + 3; i++)
        {
            var older = Path.Combine(_dir, $"boundaries-old{i}.tsv");
            File.WriteAllText(older, "boundary vectors old\n");
            File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddHours(-i - 1));
        }

        BoundaryCache.GetOrSolve(_dir, "new", Solve);

        var left = Directory.GetFiles(_dir, "boundaries-*.tsv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(BoundaryCache.Kept, left.Count);
        Assert.Contains("boundaries-new.tsv", left);
        Assert.DoesNotContain($"boundaries-old{BoundaryCache.Kept - 1}.tsv", left); // the newest file past the kept ones went
        Assert.Contains("boundaries-old0.tsv", left);
    }
}
