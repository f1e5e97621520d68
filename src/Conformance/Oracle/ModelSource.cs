using System.Reflection;

namespace Conformance.Oracle;

/// <summary>One SMT-LIB2 model file: its name (used in every position and error) and its text.</summary>
/// <param name="Name">The file name, e.g. "zero-values.smt2".</param>
/// <param name="Text">The file's SMT-LIB2 text.</param>
public sealed record ModelSource(string Name, string Text)
{
    /// <summary>The prefix of the model resources embedded in the Conformance assembly (see Conformance.csproj).</summary>
    public const string ResourcePrefix = "models/";

    /// <summary>
    /// The file of define-funs every other model file uses (models/prelude.smt2): the prover puts it before
    /// each model file, the oracle makes its definitions visible to each. It is the one copy of them.
    /// </summary>
    public const string PreludeName = "prelude.smt2";

    /// <summary>The models embedded in the Conformance assembly as resources "models/&lt;file&gt;.smt2", ordered by name.</summary>
    public static IReadOnlyList<ModelSource> Embedded() => FromAssembly(typeof(ModelSource).Assembly, ResourcePrefix);

    /// <summary>The resources of <paramref name="assembly"/> whose names start with <paramref name="prefix"/> and end in ".smt2", ordered by name.</summary>
    /// <remarks>The source name is the resource name without <paramref name="prefix"/>.</remarks>
    public static IReadOnlyList<ModelSource> FromAssembly(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(prefix);
        var sources = new List<ModelSource>();
        foreach (string resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".smt2", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"resource {resource} is listed but cannot be opened");
            using var reader = new StreamReader(stream);
            sources.Add(new ModelSource(resource[prefix.Length..], reader.ReadToEnd()));
        }

        return sources;
    }

    /// <summary>Every *.smt2 file directly in <paramref name="directory"/>, ordered by name.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<ModelSource> FromDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Directory.GetFiles(directory, "*.smt2")
            .Order(StringComparer.Ordinal)
            .Select(path => new ModelSource(Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();
    }
}
