
using Conformance.Smt;

namespace Conformance.Tests.Smt;

/// <summary>The subset compiler: SMT-LIB semantics at the edges, and errors that name function, file and line.</summary>
public sealed class SmtModuleTests
{
    private static CompiledFunction Fn(string body, string parameters = "((a (_ BitVec 8)) (b (_ BitVec 8)))", string result = "(_ BitVec 8)") =>
        SmtModule.Parse($"(define-fun f {parameters} {result} {body})", "t.smt2").Compile("f");

    [Theory]
    [InlineData("(bvudiv a b)", 0x07, 0x00, 0xFF)] // division by zero: all ones
    [InlineData("(bvurem a b)", 0x07, 0x00, 0x07)] // remainder by zero: the dividend
    [InlineData("(bvshl a b)", 0x01, 0x08, 0x00)] // shift by the width: 0
    [InlineData("(bvshl a b)", 0x81, 0x01, 0x02)] // bits shifted out are lost
    [InlineData("(bvlshr a b)", 0x80, 0xFF, 0x00)]
    [InlineData("(bvashr a b)", 0x80, 0x08, 0xFF)] // shift by the width: sign fill
    [InlineData("(bvashr a b)", 0x80, 0xFF, 0xFF)]
    [InlineData("(bvashr a b)", 0x40, 0x09, 0x00)]
    [InlineData("(bvashr a b)", 0xC0, 0x02, 0xF0)]
    [InlineData("(bvadd a b)", 0xFF, 0x01, 0x00)] // wraps at 2^8
    [InlineData("(bvmul a b)", 0x10, 0x10, 0x00)]
    [InlineData("(bvsub a b)", 0x00, 0x01, 0xFF)]
    [InlineData("(bvneg a)", 0x01, 0x00, 0xFF)]
    [InlineData("(bvnot a)", 0x0F, 0x00, 0xF0)]
    public void Byte_Operator_FollowsSmtLib(string body, ulong a, ulong b, ulong expected)
    {
        Assert.Equal(expected, Fn(body).Evaluate(a, b));
    }

    [Theory]
    [InlineData("(bvslt a b)", 0x80, 0x7F, 1)] // -128 < 127
    [InlineData("(bvult a b)", 0x80, 0x7F, 0)]
    [InlineData("(bvsge a b)", 0xFF, 0x00, 0)] // -1 >= 0 is false
    [InlineData("(bvsle a b)", 0x80, 0x80, 1)]
    [InlineData("(bvsgt a b)", 0x00, 0xFF, 1)]
    public void Byte_SignedComparison_UsesTwosComplement(string body, ulong a, ulong b, ulong expected)
    {
        Assert.Equal(expected, Fn(body, result: "Bool").Evaluate(a, b));
    }

    [Fact]
    public void Word64_AddWrapsAndShiftBy63Works()
    {
        const string P = "((a (_ BitVec 64)) (b (_ BitVec 64)))";
        Assert.Equal(0UL, Fn("(bvadd a b)", P, "(_ BitVec 64)").Evaluate(ulong.MaxValue, 1));
        Assert.Equal(1UL << 63, Fn("(bvshl a b)", P, "(_ BitVec 64)").Evaluate(1, 63));
        Assert.Equal(ulong.MaxValue, Fn("(bvashr a b)", P, "(_ BitVec 64)").Evaluate(1UL << 63, 64));
        Assert.Equal(ulong.MaxValue, Fn("(bvudiv a b)", P, "(_ BitVec 64)").Evaluate(5, 0));
    }

    [Fact]
    public void Let_BindsInParallel()
    {
        // (let ((a b) (b a)) ...) swaps: a - b becomes b - a.
        Assert.Equal(0x02UL, Fn("(let ((a b) (b a)) (bvsub a b))").Evaluate(0x03, 0x05));
    }

    [Fact]
    public void BoolParameterAndResult_AreZeroOne()
    {
        var f = Fn("(ite p #x01 #x02)", "((p Bool))");
        Assert.Equal(1UL, f.Evaluate(1));
        Assert.Equal(2UL, f.Evaluate(0));
        Assert.Equal(1UL, Fn("(not p)", "((p Bool))", "Bool").Evaluate(0));
    }

    [Fact]
    public void Evaluate_ArgumentTooWideForSort_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Fn("a").Evaluate(0x100, 0));
        Assert.StartsWith("f: argument a = 0x100 does not fit (_ BitVec 8)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WrongArity_ThrowsNamingTheFunctionAndCounts()
    {
        var e = Assert.Throws<ArgumentException>("args", () => Fn("a").Evaluate(1));
        Assert.Equal("f takes 2 arguments, got 1 (Parameter 'args')", e.Message);
    }

    [Fact]
    public void Compile_SameNameTwice_ReturnsTheCachedFunction()
    {
        var module = SmtModule.Parse("(define-fun f () Bool true)", "t.smt2");
        Assert.Same(module.Compile("f"), module.Compile("f"));
    }

    [Fact]
    public void Compile_CalleeCompiledFirst_IsReusedWhenRequested()
    {
        var module = SmtModule.Parse("(define-fun g () Bool true)\n(define-fun f () Bool (not g))", "t.smt2");
        var f = module.Compile("f");
        Assert.Equal(0UL, f.Evaluate());
        Assert.True(module.TryCompile("g", out var g, out _));
        Assert.Same(g, module.Compile("g"));
    }

    [Fact]
    public void ParseWithPrelude_CallsItsDefinitions_ListsOnlyItsOwn()
    {
        var prelude = SmtModule.Parse("(define-fun g ((x (_ BitVec 8))) (_ BitVec 8) (bvadd x #x01))", "prelude.smt2");
        var module = SmtModule.Parse("(define-fun f ((x (_ BitVec 8))) (_ BitVec 8) (g (g x)))", "t.smt2", prelude);
        Assert.Equal(["f"], module.Definitions.Select(d => d.Name));
        var f = module.Compile("f");
        Assert.Equal(7UL, f.Evaluate(5));
        Assert.Equal(["g"], f.Dependencies);
        Assert.Equal(new SourcePosition("prelude.smt2", 1, 1), module.Compile("g").Definition.Position);
    }

    [Fact]
    public void ParseWithPrelude_DefiningItsNameAgain_NamesThePrelude()
    {
        var prelude = SmtModule.Parse("(define-fun g () Bool true)", "prelude.smt2");
        var e = Assert.Throws<SmtParseException>(() => SmtModule.Parse("\n(define-fun g () Bool false)", "t.smt2", prelude));
        Assert.Equal("t.smt2:2:1: define-fun g is defined again (first at prelude.smt2:1:1)", e.Message);
    }

    [Fact]
    public void Compile_NullName_ThrowsArgumentNull()
    {
        var module = SmtModule.Parse("(define-fun f () Bool true)", "t.smt2");
        Assert.Throws<ArgumentNullException>("name", () => module.Compile(null!));
    }

    [Fact]
    public void Parse_EmptyListCommand_IsSkipped()
    {
        var module = SmtModule.Parse("()\n(define-fun f () Bool true)\n()", "t.smt2");
        Assert.Equal(["f"], module.Definitions.Select(d => d.Name));
    }

    [Fact]
    public void Call_ToEarlierFunction_IsInlinedAndRecordedAsDependency()
    {
        var module = SmtModule.Parse("""
            (define-fun inc ((x (_ BitVec 8))) (_ BitVec 8) (bvadd x #x01))
            (define-fun twice ((x (_ BitVec 8))) (_ BitVec 8) (inc (inc x)))
            (define-fun top ((x (_ BitVec 8))) Bool (= (twice x) #x05))
            """, "t.smt2");
        var top = module.Compile("top");
        Assert.Equal(1UL, top.Evaluate(3));
        Assert.Equal(["inc", "twice"], top.Dependencies);
    }

    [Fact]
    public void OtherCommands_AreSkipped()
    {
        var module = SmtModule.Parse("""
            (set-info :status unsat)
            (declare-const m (Array (_ BitVec 64) (_ BitVec 8)))
            (push 1)
            (assert (= (select m #x0000000000000000) #x01))
            (check-sat)
            (pop 1)
            (define-fun ok () Bool true)
            """, "t.smt2");
        Assert.Equal(["ok"], module.Definitions.Select(d => d.Name));
        Assert.Equal(1UL, module.Compile("ok").Evaluate());
    }

    [Theory]
    [InlineData("(define-fun f ((m (Array (_ BitVec 8) (_ BitVec 8)))) Bool true)", "t.smt2:3:19: define-fun f: sort (Array (_ BitVec 8) (_ BitVec 8)) is outside the subset (Bool and (_ BitVec n), n <= 64)")]
    [InlineData("(define-fun f ((x (_ BitVec 65))) Bool true)", "t.smt2:3:19: define-fun f: sort (_ BitVec 65) is outside the subset (bit-vectors of 1 to 64 bits)")]
    [InlineData("(define-fun f () Bool (= c #x01))", "t.smt2:3:26: define-fun f: unknown symbol c (only parameters, let-bound names and earlier define-funs are visible; declare-const is outside the subset)")]
    [InlineData("(define-fun f () Bool (forall ((x Bool)) x))", "t.smt2:3:24: define-fun f: quantifier forall is outside the subset")]
    [InlineData("(define-fun f () Bool (bvsdiv #x01 #x02))", "t.smt2:3:24: define-fun f: unknown function bvsdiv")]
    [InlineData("(define-fun f () Bool (bvadd #x01 #x02))", "t.smt2:3:23: define-fun f: the body has sort (_ BitVec 8), expected Bool")]
    [InlineData("(define-fun f () Bool (= #x01 #x0001))", "t.smt2:3:31: define-fun f: argument 2 of = has sort (_ BitVec 16), expected (_ BitVec 8)")]
    [InlineData("(define-fun f () Bool (and #x01))", "t.smt2:3:28: define-fun f: argument 1 of and has sort (_ BitVec 8), expected Bool")]
    [InlineData("(define-fun f () (_ BitVec 8) ((_ extract 8 1) #x01))", "t.smt2:3:32: define-fun f: (_ extract 8 1) needs 8 > i >= j >= 0 for a 8-bit argument")]
    [InlineData("(define-fun f () (_ BitVec 64) (concat #x0000000000000001 #x01))", "t.smt2:3:32: define-fun f: concat is 72 bits wide; the subset stops at 64")]
    [InlineData("(define-fun f () Bool (= 1 1))", "t.smt2:3:26: define-fun f: '1' (Numeral) is outside the subset")]
    [InlineData("(define-fun f () Bool (later))", "t.smt2:3:24: define-fun f: later is defined later (t.smt2:4:1); a define-fun sees only earlier ones")]
    [InlineData("(define-fun f () Bool (not))", "t.smt2:3:23: define-fun f: not takes 1 argument, got 0")]
    public void OutsideSubset_ThrowsNamingFunctionFileAndLine(string definition, string message)
    {
        var module = SmtModule.Parse($"(declare-const c (_ BitVec 8))\n(assert true)\n{definition}\n(define-fun later () Bool true)", "t.smt2");
        var e = Assert.Throws<SmtCompileException>(() => module.Compile("f"));
        Assert.Equal(message, e.Message);
        Assert.Equal("f", e.Function);
    }

    [Fact]
    public void CallToBrokenFunction_NamesBothFunctions()
    {
        var module = SmtModule.Parse("(define-fun g () Bool (select a b))\n(define-fun f () Bool (g))", "t.smt2");
        var e = Assert.Throws<SmtCompileException>(() => module.Compile("f"));
        Assert.Equal("t.smt2:2:24: define-fun f: calls g, which does not compile: t.smt2:1:24: define-fun g: select: arrays are outside the subset", e.Message);
    }

    [Fact]
    public void BrokenFunctionNotRequested_DoesNotStopOthers()
    {
        var module = SmtModule.Parse("(define-fun g () Bool (select a b))\n(define-fun f () Bool true)", "t.smt2");
        Assert.Equal(1UL, module.Compile("f").Evaluate());
        Assert.False(module.TryCompile("g", out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void UnknownName_ThrowsKeyNotFound()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => SmtModule.Parse("", "t.smt2").Compile("nope"));
        Assert.Equal("t.smt2: no define-fun named nope", e.Message);
    }

    [Fact]
    public void DuplicateDefinition_ThrowsParseErrorNamingBothLines()
    {
        var e = Assert.Throws<SmtParseException>(() => SmtModule.Parse("(define-fun f () Bool true)\n(define-fun f () Bool false)", "t.smt2"));
        Assert.Equal("t.smt2:2:1: define-fun f is defined again (first at t.smt2:1:1)", e.Message);
    }

    [Theory]
    [InlineData(0UL, 1, "false")]
    [InlineData(1UL, 1, "#b1")]
    [InlineData(5UL, 5, "#b00101")]
    [InlineData(0xABUL, 8, "#xab")]
    [InlineData(ulong.MaxValue, 64, "#xffffffffffffffff")]
    public void Literal_UsesZ3Format(ulong value, int width, string expected)
    {
        var sort = expected is "false" ? SmtSort.Bool : SmtSort.BitVec(width);
        Assert.Equal(expected, sort.Literal(value));
    }
}
