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

    /// <summary>Every verb the parser declares (Program.Root), by its full path ("report merge"), with its command.</summary>
    public static IEnumerable<(string Path, System.CommandLine.Command Command)> Verbs() => Verbs(Conformance.Cli.Program.Root(TextWriter.Null, TextWriter.Null), "");

    private static IEnumerable<(string Path, System.CommandLine.Command Command)> Verbs(System.CommandLine.Command command, string path) => command.Subcommands.Count == 0
        ? [(path, command)] : command.Subcommands.SelectMany(c => Verbs(c, $"{path} {c.Name}".Trim()));

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

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="cwd"/> to its end (at most 10 minutes, then its process tree is
    /// killed) and captures its output: the packaging tests' dotnet pack, build and tool install, and the installed tool.
    /// </summary>
    public static (int Exit, string Out, string Err) Capture(string program, string cwd, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(600_000))
        {
            p.Kill(entireProcessTree: true); // the process this helper started
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 10 minutes");
        }
        return (p.ExitCode, stdout, stderr.Result);
    }

    /// <summary><see cref="Capture"/>, asserting exit 0 (the output is in the failure message).</summary>
    public static void Succeed(string program, string cwd, params string[] args)
    {
        var (exit, output, err) = Capture(program, cwd, args);
        Assert.True(exit == 0, $"{program} {string.Join(' ', args)} exited {exit}:\n{output}\n{err}");
    }

    public static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"cli-tests-{Guid.NewGuid():N}{extension}");
}
