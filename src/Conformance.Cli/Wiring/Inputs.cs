using System.Globalization;
using Conformance.Models;
using Conformance.Smt;
using Conformance.Suite;

namespace Conformance.Cli.Wiring;

/// <summary>Case inputs: the models' solver-generated boundary vectors (solved once per build, see <see cref="BoundaryCache"/>) and the run's seed.</summary>
internal static class Inputs
{
    private static readonly Lazy<IReadOnlyList<NamedValue>> Boundaries = new(() => BoundaryCache.GetOrSolve(BoundaryCache.DefaultDirectory(), BoundaryCache.BuildKey, () =>
    {
        using var solver = new Z3NativeSolver();
        return BoundaryVectors.Generate(ModelCatalog.LoadEmbedded(), solver);
    }));

    public static CaseInputs Create(ulong seed) => new(Boundaries.Value, seed);

    /// <summary>For traceability, where only which cases exist matters: the same boundaries, a fixed seed.</summary>
    public static CaseInputs ForTrace() => Create(1);
}

/// <summary>
/// The boundary vectors of one build, kept between runs: solving them is about a hundred optimisation queries, 0.7 s of
/// every run's start (half of a run of a few cases), and their answer is a function of the build alone (the models are
/// embedded in Conformance.dll, the queries are its code: the key is its module version id, which a deterministic build
/// changes with any of them). A missing, unreadable or malformed file is solved again and rewritten; a directory that
/// cannot be written only means solving every time. The file is a memo, never an input: delete it at will; the
/// newest <see cref="Kept"/> builds' files are kept.
/// </summary>
internal static class BoundaryCache
{
    /// <summary>How many builds' files are kept.</summary>
    public const int Kept = 8;

    /// <summary>This build's key: Conformance.dll's module version id.</summary>
    public static string BuildKey { get; } = typeof(BoundaryVectors).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>$XDG_CACHE_HOME/go-zero-conformance, else ~/.cache/go-zero-conformance; null without a home.</summary>
    public static string? DefaultDirectory() =>
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "go-zero-conformance")
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache", "go-zero-conformance")
        : null;

    /// <summary>The vectors kept under <paramref name="key"/> in <paramref name="directory"/>, or <paramref name="solve"/>'s, then kept.</summary>
    public static IReadOnlyList<NamedValue> GetOrSolve(string? directory, string key, Func<IReadOnlyList<NamedValue>> solve)
    {
        var path = directory is null ? null : Path.Combine(directory, $"boundaries-{key}.tsv");
        if (path is not null && Read(path, key) is { } kept)
        {
            return kept;
        }
        var solved = solve();
        if (path is not null)
        {
            Write(path, key, solved);
        }
        return solved;
    }

    // One vector per line: requirement, architecture, name, value (decimal), tab-separated, after a line naming the key.
    private static List<NamedValue>? Read(string path, string key)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            if (lines.Length < 2 || lines[0] != $"boundary vectors {key}")
            {
                return null;
            }
            var vectors = new List<NamedValue>(lines.Length - 1);
            foreach (var line in lines.Skip(1))
            {
                if (line.Split('\t') is not [var requirement, var arch, var name, var value]
                    || !ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    return null;
                }
                vectors.Add(new NamedValue(requirement, arch, name, v));
            }
            return vectors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Write(string path, string key, IReadOnlyList<NamedValue> vectors)
    {
        if (vectors.Any(v => $"{v.Requirement}{v.Arch}{v.Name}".AsSpan().ContainsAny('\t', '\n', '\r')))
        {
            return; // not representable in the file: solved every time
        }
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllLines(temporary, [$"boundary vectors {key}", .. vectors.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Requirement}\t{v.Arch}\t{v.Name}\t{v.Value}"))]);
            File.Move(temporary, path, overwrite: true); // whole or not at all, also with runs in parallel
            // Every build has its own file: the newest few are kept (a build may be run again), older ones go.
            foreach (var old in new DirectoryInfo(Path.GetDirectoryName(path)!).GetFiles("boundaries-*.tsv").OrderByDescending(f => f.LastWriteTimeUtc).Skip(Kept))
            {
                old.Delete();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Nothing was written, or nothing can be removed: either way no file under the key's name.
            }
        }
    }
}

/// <summary>The proofs a reference run starts with.</summary>
internal static class Proofs
{
    public static int Run(TextWriter stdout) => ProveCommand.Run(new ProveOptions(), stdout, stdout);
}
