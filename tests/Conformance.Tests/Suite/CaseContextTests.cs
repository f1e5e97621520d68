using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>A case sees the runtime's word size and byte order as the models take them.</summary>
public class CaseContextTests
{
    private static readonly Judge Judge = new(new ScriptedOracle(), RequirementCatalog.LoadEmbedded());

    [Theory]
    [InlineData("32le", 32UL, 0UL)]
    [InlineData("32be", 32UL, 1UL)]
    [InlineData("64le", 64UL, 0UL)]
    [InlineData("64be", 64UL, 1UL)]
    public void WordAndByteOrder_AreTheRuntimesArchitecture(string arch, ulong w, ulong be)
    {
        using var runtime = new DeclaringRuntime(DeclaringRuntime.Declare(arch, "core"));
        var ctx = new CaseContext(runtime, Judge, 1);
        Assert.Equal((w, be), (ctx.W, ctx.Be));
    }
}
