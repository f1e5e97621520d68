using System.CommandLine;
using Conformance.Cli.Commands;

namespace Conformance.Cli;

/// <summary>
/// The runner. Verbs: run, prove, trace, report merge, bench, serve. Exit codes are a contract:
/// 0 nothing failed, 1 a case or obligation failed or errored, 2 bad usage (the message names the argument).
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
