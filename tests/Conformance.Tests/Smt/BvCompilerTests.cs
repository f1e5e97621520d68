using Conformance.Smt;

namespace Conformance.Tests.Smt;

/// <summary>
/// The subset compiler behind <see cref="SmtModule.Compile"/>: every malformed or out-of-subset define-fun
/// is rejected with an <see cref="SmtCompileException"/> whose message names the file, line, column and
/// function, and the boundaries of the subset (1 and 64 bits, arities) hold on both sides.
/// </summary>
public sealed class BvCompilerTests
{
    /// <summary>Compiles <c>f</c> of <paramref name="text"/> (file t.smt2) and returns the rejection's message.</summary>
    private static string Rejected(string text)
    {
        var module = SmtModule.Parse(text, "t.smt2");
        var e = Assert.Throws<SmtCompileException>(() => module.Compile("f"));
        Assert.Equal("f", e.Function);
        return e.Message;
    }

    private static CompiledFunction Compiled(string text) => SmtModule.Parse(text, "t.smt2").Compile("f");

    public sealed class Signature
    {
        [Theory]
        [InlineData("(define-fun f (x) Bool true)", "t.smt2:1:16: define-fun f: a parameter must be (name sort)")]
        [InlineData("(define-fun f ((x)) Bool true)", "t.smt2:1:16: define-fun f: a parameter must be (name sort)")]
        [InlineData("(define-fun f ((1 Bool)) Bool true)", "t.smt2:1:16: define-fun f: a parameter must be (name sort)")]
        [InlineData("(define-fun f ((x Bool) (x (_ BitVec 8))) Bool true)", "t.smt2:1:25: define-fun f: parameter x is declared twice")]
        public void MalformedParameter_RejectedNamingTheParameter(string definition, string message)
        {
            Assert.Equal(message, Rejected(definition));
        }
    }

    public sealed class Heads
    {
        [Theory]
        [InlineData("(define-fun f () Bool ())", "t.smt2:1:23: define-fun f: empty application ()")]
        [InlineData("(define-fun f () (_ BitVec 8) (\"_\" bv1 8))", "t.smt2:1:32: define-fun f: '\"_\"' cannot be applied")]
        [InlineData("(define-fun f () (_ BitVec 8) (#x01 #x02))", "t.smt2:1:32: define-fun f: '#x01' cannot be applied")]
        [InlineData("(define-fun f () Bool (exists ((x Bool)) x))", "t.smt2:1:24: define-fun f: quantifier exists is outside the subset")]
        [InlineData("(define-fun f ((m (_ BitVec 8))) Bool (= (store m #x00 #x01) m))", "t.smt2:1:43: define-fun f: store: arrays are outside the subset")]
        [InlineData("(define-fun f () Bool (= (const #x01) #x01))", "t.smt2:1:27: define-fun f: const: arrays are outside the subset")]
        [InlineData("(define-fun f () Bool (! true :named t))", "t.smt2:1:24: define-fun f: annotations (!) are outside the subset")]
        public void UnsupportedHead_RejectedNamingTheHead(string definition, string message)
        {
            Assert.Equal(message, Rejected(definition));
        }

        [Fact]
        public void QuotedUnderscoreSymbol_IsTheIndexedConstantHead()
        {
            // |_| is the symbol _ (only a string "_" is not).
            var f = Compiled("(define-fun f () (_ BitVec 8) (|_| bv7 8))");
            Assert.Equal(7UL, f.Evaluate());
        }
    }

    public sealed class Literals
    {
        [Fact]
        public void OneBitBinaryLiteral_IsABitVecOfWidthOne()
        {
            var f = Compiled("(define-fun f () (_ BitVec 1) #b1)");
            Assert.Equal(SmtSort.BitVec(1), f.Result);
            Assert.Equal(1UL, f.Evaluate());
        }

        [Fact]
        public void SixtyFourBitHexLiteral_IsAccepted()
        {
            var f = Compiled("(define-fun f () (_ BitVec 64) #xfffffffffffffffe)");
            Assert.Equal(SmtSort.BitVec(64), f.Result);
            Assert.Equal(ulong.MaxValue - 1, f.Evaluate());
        }

        [Theory]
        [InlineData("#x1ffffffffffffffff", 68)]
        [InlineData("#x00000000000000001", 68)]
        [InlineData("#b11111111111111111111111111111111111111111111111111111111111111111", 65)]
        public void LiteralOver64Bits_RejectedNamingTheWidth(string literal, int width)
        {
            Assert.Equal(
                $"t.smt2:1:31: define-fun f: literal {literal} is {width} bits wide; the subset stops at 64",
                Rejected($"(define-fun f () (_ BitVec 8) {literal})"));
        }
    }

    public sealed class IndexedConstants
    {
        [Theory]
        [InlineData("(_ bv1 1)", 1, 1UL)]
        [InlineData("(_ bv3 1)", 1, 1UL)] // N mod 2^W
        [InlineData("(_ bv18446744073709551615 64)", 64, ulong.MaxValue)]
        [InlineData("(_ bv18446744073709551617 64)", 64, 1UL)]
        public void WidthOneTo64_Compiles(string literal, int width, ulong expected)
        {
            var f = Compiled($"(define-fun f () (_ BitVec {width}) {literal})");
            Assert.Equal(expected, f.Evaluate());
        }

        [Theory]
        [InlineData("(_ bv0 0)", 0)]
        [InlineData("(_ bv5 65)", 65)]
        public void WidthOutside1To64_RejectedNamingTheWidth(string literal, int width)
        {
            Assert.Equal(
                $"t.smt2:1:31: define-fun f: literal {literal} is {width} bits wide; the subset is 1 to 64 bits",
                Rejected($"(define-fun f () (_ BitVec 8) {literal})"));
        }

        [Theory]
        [InlineData("(_ ab5 8)")]
        [InlineData("(_ bvx 8)")]
        [InlineData("(_ bv5)")]
        [InlineData("(_ bv5 x)")]
        public void NotBvNumeral_Rejected(string literal)
        {
            Assert.Equal($"t.smt2:1:31: define-fun f: {literal} is outside the subset", Rejected($"(define-fun f () (_ BitVec 8) {literal})"));
        }
    }

    public sealed class IndexedOperators
    {
        [Theory]
        [InlineData("((f x) #x01)", "t.smt2:1:32: define-fun f: (f x) cannot be applied")]
        [InlineData("((_ 5) #x01)", "t.smt2:1:32: define-fun f: (_ 5) cannot be applied")]
        [InlineData("((_ extract a 0) #x01)", "t.smt2:1:43: define-fun f: index a of extract must be a numeral")]
        [InlineData("((_ extract 0 0) #x01 #x02)", "t.smt2:1:31: define-fun f: (_ extract 0 0) takes one argument, got 2")]
        [InlineData("((_ extract 0 0))", "t.smt2:1:31: define-fun f: (_ extract 0 0) takes one argument, got 0")]
        [InlineData("((_ extract 0 0) true)", "t.smt2:1:48: define-fun f: extract needs a bit-vector argument, got Bool")]
        [InlineData("((_ zero_extend 0) false)", "t.smt2:1:50: define-fun f: zero_extend needs a bit-vector argument, got Bool")]
        [InlineData("((_ rotate_left 1) #x01)", "t.smt2:1:32: define-fun f: (_ rotate_left 1) is outside the subset")]
        [InlineData("((_ extract 0) #x01)", "t.smt2:1:32: define-fun f: (_ extract 0) is outside the subset")]
        [InlineData("((_ zero_extend 57) #x01)", "t.smt2:1:32: define-fun f: (_ zero_extend 57) of a 8-bit value would be 65 bits; the subset stops at 64")]
        [InlineData("((_ sign_extend 57) #x01)", "t.smt2:1:32: define-fun f: (_ sign_extend 57) of a 8-bit value would be 65 bits; the subset stops at 64")]
        [InlineData("((_ zero_extend 2147483647) #x01)", "t.smt2:1:32: define-fun f: (_ zero_extend 2147483647) of a 8-bit value would be 2147483655 bits; the subset stops at 64")]
        [InlineData("((_ sign_extend 2147483647) #x01)", "t.smt2:1:32: define-fun f: (_ sign_extend 2147483647) of a 8-bit value would be 2147483655 bits; the subset stops at 64")]
        public void Malformed_RejectedNamingTheOperator(string body, string message)
        {
            Assert.Equal(message, Rejected($"(define-fun f () (_ BitVec 8) {body})"));
        }

        [Theory]
        [InlineData("zero_extend", 0x80UL, 0x80UL)]
        [InlineData("sign_extend", 0x80UL, 0xFFFFFFFFFFFFFF80UL)]
        [InlineData("sign_extend", 0x7FUL, 0x7FUL)]
        public void ExtendTo64Bits_Compiles(string op, ulong a, ulong expected)
        {
            var f = Compiled($"(define-fun f ((a (_ BitVec 8))) (_ BitVec 64) ((_ {op} 56) a))");
            Assert.Equal(SmtSort.BitVec(64), f.Result);
            Assert.Equal(expected, f.Evaluate(a));
        }
    }

    public sealed class Let
    {
        [Theory]
        [InlineData("(let ((x #x01)))", "t.smt2:1:31: define-fun f: let must be (let ((name term) ...) body)")]
        [InlineData("(let x x)", "t.smt2:1:31: define-fun f: let must be (let ((name term) ...) body)")]
        [InlineData("(let ((x)) x)", "t.smt2:1:37: define-fun f: a let binding must be (name term)")]
        [InlineData("(let ((1 #x01)) #x01)", "t.smt2:1:37: define-fun f: a let binding must be (name term)")]
        [InlineData("(let ((x #x01) (x #x02)) x)", "t.smt2:1:46: define-fun f: let binds x twice")]
        public void Malformed_RejectedNamingTheBinding(string body, string message)
        {
            Assert.Equal(message, Rejected($"(define-fun f () (_ BitVec 8) {body})"));
        }

        [Fact]
        public void SameNameInNestedLets_Shadows()
        {
            Assert.Equal(2UL, Compiled("(define-fun f () (_ BitVec 8) (let ((x #x01)) (let ((x #x02)) x)))").Evaluate());
        }
    }

    public sealed class Calls
    {
        private const string G = "(define-fun g ((x (_ BitVec 8)) (y (_ BitVec 8))) (_ BitVec 8) (bvsub x y))\n";

        [Theory]
        [InlineData("(define-fun f ((x (_ BitVec 8))) (_ BitVec 8) (f x))", "t.smt2:1:48: define-fun f: f calls itself; recursion is outside the subset")]
        [InlineData("(define-fun f () Bool f)", "t.smt2:1:23: define-fun f: f calls itself; recursion is outside the subset")]
        [InlineData(G + "(define-fun f () (_ BitVec 8) (g #x01))", "t.smt2:2:32: define-fun f: g takes 2 arguments, got 1")]
        [InlineData(G + "(define-fun f () (_ BitVec 8) g)", "t.smt2:2:31: define-fun f: g takes 2 arguments, got 0")]
        [InlineData(G + "(define-fun f () (_ BitVec 8) (g #x01 #x02 #x03))", "t.smt2:2:32: define-fun f: g takes 2 arguments, got 3")]
        [InlineData(G + "(define-fun f () (_ BitVec 8) (g true #x01))", "t.smt2:2:32: define-fun f: argument 1 (x) of g has sort Bool, expected (_ BitVec 8)")]
        [InlineData(G + "(define-fun f () (_ BitVec 8) (g #x01 #x0001))", "t.smt2:2:32: define-fun f: argument 2 (y) of g has sort (_ BitVec 16), expected (_ BitVec 8)")]
        public void BadCall_RejectedNamingTheCallee(string text, string message)
        {
            Assert.Equal(message, Rejected(text));
        }

        [Fact]
        public void CallWithMatchingArguments_EvaluatesTheCallee()
        {
            Assert.Equal(0xFFUL, Compiled(G + "(define-fun f () (_ BitVec 8) (g #x01 #x02))").Evaluate());
        }
    }

    public sealed class Applications
    {
        [Theory]
        [InlineData("Bool", "(and)", "and takes at least 1 argument, got 0")]
        [InlineData("Bool", "(or)", "or takes at least 1 argument, got 0")]
        [InlineData("Bool", "(xor true)", "xor takes at least 2 arguments, got 1")]
        [InlineData("Bool", "(=> true)", "=> takes at least 2 arguments, got 1")]
        [InlineData("Bool", "(= #x01)", "= takes at least 2 arguments, got 1")]
        [InlineData("Bool", "(distinct #x01)", "distinct takes at least 2 arguments, got 1")]
        [InlineData("(_ BitVec 8)", "(ite true #x01)", "ite takes 3 arguments, got 2")]
        [InlineData("(_ BitVec 8)", "(bvadd #x01)", "bvadd takes at least 2 arguments, got 1")]
        [InlineData("(_ BitVec 8)", "(bvxor #x01)", "bvxor takes at least 2 arguments, got 1")]
        [InlineData("(_ BitVec 8)", "(bvsub #x01 #x02 #x03)", "bvsub takes 2 arguments, got 3")]
        [InlineData("(_ BitVec 8)", "(bvshl #x01)", "bvshl takes 2 arguments, got 1")]
        [InlineData("(_ BitVec 8)", "(bvneg #x01 #x02)", "bvneg takes 1 argument, got 2")]
        [InlineData("(_ BitVec 8)", "(bvnot #x01 #x02)", "bvnot takes 1 argument, got 2")]
        [InlineData("Bool", "(bvult #x01 #x02 #x03)", "bvult takes 2 arguments, got 3")]
        [InlineData("Bool", "(bvslt #x01 #x02 #x03)", "bvslt takes 2 arguments, got 3")]
        [InlineData("(_ BitVec 16)", "(concat #x01)", "concat takes at least 2 arguments, got 1")]
        public void WrongArgumentCount_RejectedNamingTheOperator(string result, string body, string problem)
        {
            int column = "(define-fun f () ".Length + result.Length + 2;
            Assert.Equal($"t.smt2:1:{column}: define-fun f: {problem}", Rejected($"(define-fun f () {result} {body})"));
        }

        [Theory]
        [InlineData("(_ BitVec 8)", "(ite true #x01 #x0001)", "t.smt2:1:31: define-fun f: ite branches have sorts (_ BitVec 8) and (_ BitVec 16)")]
        [InlineData("(_ BitVec 8)", "(bvadd #x01 #x0001)", "t.smt2:1:43: define-fun f: argument 2 of bvadd has sort (_ BitVec 16), expected (_ BitVec 8)")]
        [InlineData("(_ BitVec 8)", "(bvsub #x01 #x0001)", "t.smt2:1:43: define-fun f: argument 2 of bvsub has sort (_ BitVec 16), expected (_ BitVec 8)")]
        [InlineData("Bool", "(bvult #x01 #x0001)", "t.smt2:1:35: define-fun f: argument 2 of bvult has sort (_ BitVec 16), expected (_ BitVec 8)")]
        [InlineData("Bool", "(bvult true false)", "t.smt2:1:30: define-fun f: bvult needs a bit-vector argument, got Bool")]
        [InlineData("(_ BitVec 8)", "(bvneg true)", "t.smt2:1:31: define-fun f: bvneg needs a bit-vector argument, got Bool")]
        [InlineData("(_ BitVec 8)", "(bvnot false)", "t.smt2:1:31: define-fun f: bvnot needs a bit-vector argument, got Bool")]
        [InlineData("(_ BitVec 8)", "(concat true #x01)", "t.smt2:1:31: define-fun f: concat needs a bit-vector argument, got Bool")]
        public void IllSortedArguments_RejectedNamingTheArgument(string result, string body, string message)
        {
            Assert.Equal(message, Rejected($"(define-fun f () {result} {body})"));
        }

        [Theory]
        [InlineData("(and true)", 1UL)]
        [InlineData("(or false)", 0UL)]
        [InlineData("(xor true false)", 1UL)]
        [InlineData("(xor true true true)", 1UL)]
        [InlineData("(=> true false)", 0UL)]
        [InlineData("(distinct #x01 #x02 #x01)", 0UL)]
        [InlineData("(distinct #x01 #x02 #x03)", 1UL)]
        [InlineData("(= #x01 #x01 #x02)", 0UL)]
        public void SmallestAcceptedArgumentCounts_Compile(string body, ulong expected)
        {
            Assert.Equal(expected, Compiled($"(define-fun f () Bool {body})").Evaluate());
        }
    }
}
