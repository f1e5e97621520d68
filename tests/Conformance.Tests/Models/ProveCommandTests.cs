using System.Text.RegularExpressions;
using Conformance.Models;
using Conformance.Tests.Exec;

namespace Conformance.Tests.Models;

/// <summary>`prove --emit`: one model file's standalone script for one architecture, and its usage errors.</summary>
public sealed class ProveCommandTests
{
    private static (int Exit, string Out, string Err) Run(ProveOptions options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = ProveCommand.Run(options, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void EmitModelPath_PrintsTheScriptOfThatWorkingCopy()
    {
        var (exit, output, err) = Run(new ProveOptions(Emit: Path.Combine(RepoPaths.Root, "models", "zero-growth.smt2"), Arch: "64be"));
        Assert.Equal((0, ""), (exit, err));
        Assert.StartsWith("; models/zero-growth.smt2 on 64be, as `prove` checks it", output, StringComparison.Ordinal);
        Assert.Equal(7, Regex.Count(output, @"^\(check-sat\)$", RegexOptions.Multiline));
    }

    [Fact]
    public void EmitName_UsesTheBuiltInModels_AndTheRequirementFilter()
    {
        var (exit, output, err) = Run(new ProveOptions(Emit: "zero-growth", Arch: "32le", Requirement: "ZV-006"));
        Assert.Equal((0, ""), (exit, err));
        Assert.Equal(1, Regex.Count(output, @"^\(check-sat\)$", RegexOptions.Multiline));
        Assert.Contains("(define-fun W () (_ BitVec 64) #x0000000000000020)\n(define-fun BE () Bool false)\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zero-growth.smt2", null, "usage: --arch (missing): --emit needs one architecture: 32le, 32be, 64le, 64be")]
    [InlineData("zero-growth.smt2", "64", "usage: --arch 64: --emit needs one architecture: 32le, 32be, 64le, 64be")]
    [InlineData("nosuch.smt2", "64le", "usage: --emit nosuch.smt2: no model file nosuch.smt2; the model files are architecture.smt2, small-values.smt2, zero-growth.smt2, zero-lookup.smt2, zero-memory.smt2, zero-never-written.smt2, zero-publication.smt2")]
    [InlineData("prelude.smt2", "64le", "usage: --emit prelude.smt2: no model file prelude.smt2; the model files are architecture.smt2,")]
    [InlineData(null, "64le", "usage: --arch: only with --emit (prove checks every architecture)")]
    public void BadEmitUsage_IsExit2NamingTheArgument(string? emit, string? arch, string message)
    {
        var (exit, output, err) = Run(new ProveOptions(Emit: emit, Arch: arch));
        Assert.Equal((2, ""), (exit, output));
        Assert.StartsWith(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void EmitRequirementThatFileDoesNotProve_IsExit1()
    {
        var (exit, output, err) = Run(new ProveOptions(Emit: "zero-growth.smt2", Arch: "64le", Requirement: "SV-001"));
        Assert.Equal((1, ""), (exit, output));
        Assert.Equal("error: no obligation of zero-growth.smt2 on 64le proves SV-001\n", err);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65)]
    public void BadJobs_IsExit2NamingTheArgument(int jobs)
    {
        var (exit, output, err) = Run(new ProveOptions(Jobs: jobs));
        Assert.Equal((2, ""), (exit, output));
        Assert.Equal($"usage: --jobs {jobs}: expected 1..64 solver threads (0: one per processor, at most 4)\n", err);
    }

    [Fact]
    [Requirement("ZV-004", "ZV-005", "ZV-006")]
    public void ProvingOnSeveralThreads_PrintsTheSameVerdictsInTheSameOrderAsOne()
    {
        // zero-growth's obligations: identical scripts on 32le/32be and 64le/64be are solved once, reported twice.
        static string Lines(int jobs) => Regex.Replace(Run(new ProveOptions(Requirement: "ZV-005", Jobs: jobs)).Out, @"\s+\d+ ms |in [\d.]+ s", " N ms ");
        string one = Lines(1);
        Assert.Contains("ZV-005   64be  proved", one, StringComparison.Ordinal);
        Assert.Equal(one, Lines(3));
    }
}
