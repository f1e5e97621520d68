using System.Diagnostics;
using Conformance.Smt;

namespace Conformance.Cli.Bench;

/// <summary>Where the bench finds the repository (adapters/go) and which tool versions it runs with.</summary>
internal sealed record BenchEnvironment(string? RepoRoot, string Z3Version, string GoVersion)
{
    public static BenchEnvironment Discover()
    {
        string? root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory);
        return new BenchEnvironment(root, Z3(), Go());
    }

    /// <summary>The nearest directory upwards holding adapters/go/run.sh.</summary>
    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "adapters", "go", "run.sh")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static string Z3()
    {
        try
        {
            using var solver = new Z3NativeSolver();
            return solver.Version;
        }
        catch (SolverUnavailableException e)
        {
            return $"unavailable ({e.Message})";
        }
    }

    private static string Go() => Capture("go", "version") ?? "Go not installed";

    /// <summary>The first line a program prints, or null when it cannot be started or fails.</summary>
    internal static string? Capture(string program, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }
            using var p = Process.Start(psi);
            if (p is null)
            {
                return null;
            }
            string text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? text.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
