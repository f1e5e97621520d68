using Conformance.Smt;

namespace Conformance.Tests.Smt;

/// <summary>The parse error: positioned messages start with "source:line:column".</summary>
public sealed class SmtParseExceptionTests
{
    [Fact]
    public void Positioned_MessageStartsWithPosition()
    {
        var e = new SmtParseException(new SourcePosition("t.smt2", 2, 5), "bad");
        Assert.Equal("t.smt2:2:5: bad", e.Message);
        Assert.Equal(new SourcePosition("t.smt2", 2, 5), e.Position);
    }

    [Fact]
    public void Parameterless_HasDefaultMessage()
    {
        Assert.Equal("SMT-LIB2 parse error", new SmtParseException().Message);
    }

    [Fact]
    public void WithInner_KeepsBoth()
    {
        var inner = new InvalidOperationException("i");
        var e = new SmtParseException("m", inner);
        Assert.Equal("m", e.Message);
        Assert.Same(inner, e.InnerException);
    }
}
