using System.CommandLine;
using Conformance.Cli.Commands;

namespace Conformance.Cli;

/// <summary>
/// The runner. Verbs: run, prove, trace, report merge, bench, serve. Exit codes are a contract:
/// 0 nothing failed, 1 a case or obligation failed or errored, 2 bad usage (the message names the argument), an
/// unreadable input or an unwritable report.
/// </summary>
internal static class Program
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Main(string[] args) => Invoke(args, Console.Out, Console.Error);

    /// <summary>Parses and runs; used by the tests with captured writers.</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = Root(stdout, stderr).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine($"usage: {e.Message}");
            }
            stderr.WriteLine("run with --help for the verbs and their options");
            return Usage;
        }
        try
        {
            CheckOutputs(parse);
            // The default exception handler would turn a UsageException into exit 1; usage errors are exit 2.
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"usage: {e.Message}");
            return Usage;
        }
        catch (Exception e) when (e is Smt.SmtParseException or Smt.SmtCompileException or Models.ModelFormatException or Requirements.SpecFormatException)
        {
            // A corrupt model or spec: the message names the file and line.
            stderr.WriteLine($"error: {e.Message}");
            return Usage;
        }
        catch (Smt.SolverUnavailableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A report that could not be written after all (permissions, a full disk): named, never a stack trace.
            // Results already written as they arrived (run --json) are kept.
            stderr.WriteLine($"error: {e.Message}");
            return Usage;
        }
    }

    /// <summary>
    /// Every file option of every verb names a file to write (--json, --junit, --html): its folder must exist and it must
    /// not be a folder itself, checked before the verb does any work (a run would otherwise fail at its end).
    /// </summary>
    /// <exception cref="UsageException">A file option that cannot be written, named.</exception>
    private static void CheckOutputs(ParseResult parse)
    {
        foreach (var option in parse.CommandResult.Command.Options.OfType<Option<FileInfo?>>())
        {
            if (parse.GetResult(option) is not null && parse.GetValue(option) is { } file)
            {
                if (Directory.Exists(file.FullName))
                {
                    throw new UsageException($"{option.Name} {file}: is a folder; name a file to write");
                }
                if (file.Directory is { Exists: false } folder)
                {
                    throw new UsageException($"{option.Name} {file}: the folder {folder.FullName} does not exist");
                }
            }
        }
    }

    /// <summary>Every verb and its options: the one declaration of the command line (the README's table is checked against it).</summary>
    internal static RootCommand Root(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Conformance suite for allocation-free value sharing (shared map zero values, the small-value table).");
        root.Subcommands.Add(RunCommand.Build(stdout, stderr));
        root.Subcommands.Add(ProveVerb.Build(stdout, stderr));
        root.Subcommands.Add(TraceCommand.Build(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr));
        root.Subcommands.Add(BenchCommand.Build(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Build(stderr, Console.OpenStandardInput, Console.OpenStandardOutput));
        return root;
    }
}

/// <summary>A value the parser accepted but the verb cannot use; the message names the argument.</summary>
internal sealed class UsageException(string message) : Exception(message);
