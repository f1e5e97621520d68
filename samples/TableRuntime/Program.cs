using Conformance.Adapters;
using Conformance.Adapters.Exec;

// The sample runtime served over the exec protocol: `dotnet TableRuntime.dll <arch>` (32le, 32be, 64le, 64be), run by
// the suite as `run --adapter "exec:dotnet TableRuntime.dll 64be"`. stdout carries the protocol and nothing else.
if (args.Length != 1 || !Arch.TryParse(args[0], out var arch))
{
    Console.Error.WriteLine("usage: TableRuntime <arch>   (32le, 32be, 64le or 64be)");
    return 2;
}
ExecServer.Serve(() => new TableRuntime.TableRuntime(arch), Console.OpenStandardInput(), Console.OpenStandardOutput());
return 0;
