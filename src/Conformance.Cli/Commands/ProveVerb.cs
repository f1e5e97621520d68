using System.CommandLine;
using Conformance.Models;

namespace Conformance.Cli.Commands;

/// <summary>`prove [--json FILE] [--timeout-ms N] [--requirement ID] [--models DIR] [--emit FILE --arch A] [--jobs N]`.</summary>
internal static class ProveVerb
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<FileInfo?>("--json") { Description = "also write the results as JSON to FILE" };
        var timeout = new Option<int>("--timeout-ms") { Description = "per-obligation solver timeout (a timeout is 'unknown', never a pass)", DefaultValueFactory = _ => 60_000 };
        var requirement = new Option<string?>("--requirement") { Description = "only the obligations of this requirement ID" };
        var models = new Option<DirectoryInfo?>("--models") { Description = "read models/*.smt2 from DIR instead of the copy built into the tool" };
        var emit = new Option<string?>("--emit") { Description = "print FILE's standalone SMT-LIB2 script for --arch instead of proving (for any solver: | z3 -in)" };
        var arch = new Option<string?>("--arch") { Description = "with --emit: the architecture, 32le, 32be, 64le or 64be" };
        var jobs = new Option<int>("--jobs") { Description = "solver threads, each with its own Z3 context (default: one per processor, at most 4)", DefaultValueFactory = _ => 0 };
        var cmd = new Command("prove", "Prove every model obligation on every architecture it applies to.") { json, timeout, requirement, models, emit, arch, jobs };
        cmd.SetAction(parse => ProveCommand.Run(
            new ProveOptions(parse.GetValue(json)?.FullName, parse.GetValue(timeout), parse.GetValue(requirement), parse.GetValue(models)?.FullName, parse.GetValue(emit), parse.GetValue(arch), parse.GetValue(jobs)),
            stdout, stderr));
        return cmd;
    }
}
