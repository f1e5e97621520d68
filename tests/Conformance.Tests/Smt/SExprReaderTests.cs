
using Conformance.Smt;

namespace Conformance.Tests.Smt;

public sealed class SExprReaderTests
{
    [Fact]
    public void NestedList_KeepsLineAndColumnOfEveryNode()
    {
        var all = SExprReader.ReadAll("; comment\n(define-fun f () Bool\n   (and true |quoted sym|))", "a.smt2");
        var list = Assert.IsType<SList>(Assert.Single(all));
        Assert.Equal(new SourcePosition("a.smt2", 2, 1), list.Position);
        var body = Assert.IsType<SList>(list.Items[4]);
        Assert.Equal(new SourcePosition("a.smt2", 3, 4), body.Position);
        var quoted = Assert.IsType<SAtom>(body.Items[2]);
        Assert.Equal("quoted sym", quoted.Text);
        Assert.Equal(new SourcePosition("a.smt2", 3, 14), quoted.Position);
    }

    [Theory]
    [InlineData("#xff", AtomKind.Hexadecimal)]
    [InlineData("#b0101", AtomKind.Binary)]
    [InlineData("64", AtomKind.Numeral)]
    [InlineData("1.5", AtomKind.Decimal)]
    [InlineData(":reason-unknown", AtomKind.Keyword)]
    [InlineData("ZV-005.ok", AtomKind.Symbol)]
    [InlineData("=>", AtomKind.Symbol)]
    public void Atom_IsClassified(string text, AtomKind kind)
    {
        var atom = Assert.IsType<SAtom>(Assert.Single(SExprReader.ReadAll(text, "t")));
        Assert.Equal(kind, atom.Kind);
        Assert.Equal(text, atom.ToString());
    }

    [Fact]
    public void StringWithDoubledQuote_IsUnescapedAndPrintedBack()
    {
        var atom = Assert.IsType<SAtom>(Assert.Single(SExprReader.ReadAll("\"say \"\"hi\"\"\"", "t")));
        Assert.Equal("say \"hi\"", atom.Text);
        Assert.Equal("\"say \"\"hi\"\"\"", atom.ToString());
    }

    [Fact]
    public void List_PrintsBackOnOneLine()
    {
        var list = SExprReader.ReadAll("(a\n  (b |c d|)  #x0f)", "t")[0];
        Assert.Equal("(a (b |c d|) #x0f)", list.ToString());
    }

    [Theory]
    [InlineData("a1", true)]
    [InlineData("bvadd", true)]
    [InlineData("=>", true)]
    [InlineData("", false)]
    [InlineData("1a", false)]
    [InlineData("9", false)]
    [InlineData("a b", false)]
    [InlineData("a|b", false)]
    public void IsSimpleSymbol_OnlyNonEmptySymbolCharsNotStartingWithADigit(string name, bool simple)
    {
        Assert.Equal(simple, SExprReader.IsSimpleSymbol(name));
        Assert.Equal(simple ? name : "|" + name + "|", new SAtom(name, AtomKind.Symbol, new SourcePosition("t", 1, 1)).ToString());
    }

    [Fact]
    public void IsSimpleSymbol_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>("name", () => SExprReader.IsSimpleSymbol(null!));
    }

    [Fact]
    public void ReadAll_NullArgument_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>("text", () => SExprReader.ReadAll(null!, "t"));
        Assert.Throws<ArgumentNullException>("source", () => SExprReader.ReadAll("(a)", null!));
    }

    [Fact]
    public void EmptyList_HasNoHead()
    {
        var list = Assert.IsType<SList>(Assert.Single(SExprReader.ReadAll("()", "t")));
        Assert.Empty(list.Items);
        Assert.False(list.HeadIs("define-fun"));
    }

    [Theory]
    [InlineData("(a (b)", "models.smt2:1:1: '(' is never closed")]
    [InlineData("(a)\n  )", "models.smt2:2:3: unexpected ')'")]
    [InlineData("\n\n (a \"open", "models.smt2:3:5: string literal is never closed")]
    [InlineData("(a |open", "models.smt2:1:4: quoted symbol '|' is never closed")]
    [InlineData("#xg1", "models.smt2:1:1: bad hexadecimal literal '#xg1'")]
    [InlineData("#b012", "models.smt2:1:1: bad binary literal '#b012'")]
    [InlineData("12ab", "models.smt2:1:1: bad numeral '12ab'")]
    [InlineData("a{b", "models.smt2:1:1: bad character '{' in symbol 'a{b'")]
    public void BadText_ThrowsNamingSourceAndLine(string text, string message)
    {
        var e = Assert.Throws<SmtParseException>(() => SExprReader.ReadAll(text, "models.smt2"));
        Assert.Equal(message, e.Message);
    }
}
