using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>Parsing "exec:" adapter specifications.</summary>
public sealed class ExecAdapterOptionsTests
{
    /// <summary>Exec specification: Splits program and arguments without shell.</summary>
    [Fact]
    public void ExecSpecification_SplitsProgramAndArgumentsWithoutShell()
    {
        var o = ExecAdapterOptions.Parse("exec:adapters/go/run.sh go1.19  s390x '$HOME'");
        Assert.Equal("adapters/go/run.sh", o.Program);
        Assert.Equal(["go1.19", "s390x", "'$HOME'"], o.Arguments);
        Assert.Equal(2, o.MaxRestarts);
        Assert.Equal(1 << 20, o.MaxLineBytes);
    }

    /// <summary>Not an exec specification: Throws.</summary>

    [Theory]
    [InlineData("run.sh go1.19 amd64")]
    [InlineData("exec:   ")]
    public void NotAnExecSpecification_Throws(string text) =>
        Assert.Throws<FormatException>(() => ExecAdapterOptions.Parse(text));
}
