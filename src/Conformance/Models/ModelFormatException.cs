namespace Conformance.Models;

/// <summary>
/// A model file is missing, corrupt or does not follow the obligation format of models/README.md.
/// The message always names the file and, where there is one, the line.
/// </summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="line"/> (0: no line).</summary>
    public ModelFormatException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
    }

    /// <summary>Creates the exception.</summary>
    public ModelFormatException() : this("(unknown)", 0, "model format error") { }

    /// <summary>Creates the exception.</summary>
    public ModelFormatException(string message) : base(message)
    {
        File = "(unknown)";
    }

    /// <summary>Creates the exception.</summary>
    public ModelFormatException(string message, Exception innerException) : base(message, innerException)
    {
        File = "(unknown)";
    }

    /// <summary>The model file the problem is in.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the problem, or 0 when it concerns the whole file.</summary>
    public int Line { get; }
}
