
using System.Runtime.CompilerServices;

namespace Conformance.Tests.Smt;

/// <summary>
/// Finds test input files next to the test sources. The tests run on the machine that built them, so
/// the compile-time path of this file locates the folder without touching the test csproj.
/// </summary>
public static class SourceTree
{
    /// <summary>The folder of the calling source file, plus <paramref name="relative"/>.</summary>
    public static string Beside(string relative, [CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(caller)!, relative);
}
