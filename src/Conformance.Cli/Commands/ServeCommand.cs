using System.CommandLine;
using Conformance.Adapters;
using Conformance.Adapters.Exec;
using Conformance.Cli.Wiring;

namespace Conformance.Cli.Commands;

/// <summary>
/// `serve RUNTIME`: answers the exec protocol (1 or 2, whichever the client offers newest) on stdin/stdout for an in-process runtime (the reference on
/// one architecture, or one of the zoo's broken variants), so that the suite can reach it the way it
/// reaches any third-party runtime: `run --adapter "exec:dotnet Conformance.Cli.dll serve reference:64be"`.
/// stdout carries replies and nothing else; stderr says when serving starts and ends.
/// </summary>
internal static class ServeCommand
{
    public static Command Build(TextWriter stderr, Func<Stream> stdin, Func<Stream> stdout)
    {
        var runtime = new Argument<string>("runtime") { Description = "reference:<arch> | zoo:<variant>:<arch> (arch: 32le, 32be, 64le, 64be)" };
        var cmd = new Command("serve", "Serve an in-process runtime over the exec protocol on stdin/stdout.") { runtime };
        cmd.SetAction(parse =>
        {
            var spec = parse.GetValue(runtime)!;
            RuntimeInfo info;
            using (var probe = AdapterSpec.ResolveServed(spec))
            {
                info = probe.Info; // a bad spec fails here, before any request is read
            }
            stderr.WriteLine($"serve: {spec} ({info.Name} {info.Version} {info.Arch}) answering exec protocols {string.Join(", ", ExecProtocol.Versions)}; reset makes a fresh instance");
            using var input = stdin();
            using var output = stdout();
            long answered = ExecServer.Serve(() => AdapterSpec.ResolveServed(spec), input, output);
            stderr.WriteLine($"serve: input ended after {answered} requests");
            return Program.Ok;
        });
        return cmd;
    }
}
