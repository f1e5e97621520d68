using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Cli.Tests;

/// <summary>Runs the CLI in-process with captured output, or as a real process.</summary>
internal static class CliHarness
{
    public static (int Exit, string Out, string Err) Invoke(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = Conformance.Cli.Program.Invoke(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The repository root, found from this source file (tests run where they were built).</summary>
    public static string RepoRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    /// <summary>The built CLI assembly next to the test assembly.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "Conformance.Cli.dll");

    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return Process.Start(psi)!;
    }

    public static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"cli-tests-{Guid.NewGuid():N}{extension}");
}
