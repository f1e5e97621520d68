using Conformance.Smt;

namespace Conformance.Tests.Smt;

/// <summary>The compile error: positioned messages name file, line, column and function; the plain constructors name none.</summary>
public sealed class SmtCompileExceptionTests
{
    [Fact]
    public void Positioned_MessageStartsWithPositionAndNamesTheFunction()
    {
        var e = new SmtCompileException("f", new SourcePosition("t.smt2", 3, 7), "bad");
        Assert.Equal("t.smt2:3:7: define-fun f: bad", e.Message);
        Assert.Equal("f", e.Function);
        Assert.Equal(new SourcePosition("t.smt2", 3, 7), e.Position);
    }

    [Fact]
    public void Parameterless_HasDefaultMessageAndNoFunction()
    {
        var e = new SmtCompileException();
        Assert.Equal("SMT compile error", e.Message);
        Assert.Equal("", e.Function);
    }

    [Fact]
    public void WithMessage_KeepsItAndHasNoFunction()
    {
        var e = new SmtCompileException("m");
        Assert.Equal("m", e.Message);
        Assert.Equal("", e.Function);
    }

    [Fact]
    public void WithInner_KeepsBothAndHasNoFunction()
    {
        var inner = new InvalidOperationException("i");
        var e = new SmtCompileException("m", inner);
        Assert.Equal("m", e.Message);
        Assert.Same(inner, e.InnerException);
        Assert.Equal("", e.Function);
    }
}
