using System.Collections.Immutable;
using System.Globalization;
using System.Linq.Expressions;
using System.Numerics;

namespace Conformance.Smt;

/// <summary>
/// Compiles one define-fun of the bit-vector subset to a <see cref="SmtFunction"/> through
/// System.Linq.Expressions (JIT-compiled IL: no interpretation on the hot path).
/// </summary>
/// <remarks>
/// <para>Representation: a (_ BitVec n) term is a <see cref="ulong"/> whose bits above n are always 0
/// (every operation that can set them masks); a Bool term is a <see cref="bool"/>, converted to 0/1 only
/// at the function boundary. Expression-tree arithmetic is unchecked, which is the wrap-around
/// bit-vectors mean; the project's CheckForOverflowUnderflow does not apply to it.</para>
/// <para>Semantics are SMT-LIB 2.6 (FixedSizeBitVectors theory, QF_BV logic) exactly, including the
/// total cases: bvudiv by 0 is all ones, bvurem by 0 is the dividend, bvshl/bvlshr by n or more give 0,
/// bvashr by n or more gives the sign fill. <c>let</c> binds in parallel. Calls to earlier define-funs
/// are inlined (their parameters become block variables, so each argument is evaluated once).</para>
/// <para>The differential harness (<see cref="DifferentialEvaluator"/>) checks every compiled function
/// against Z3 on boundary and random inputs.</para>
/// </remarks>
internal sealed class BvCompiler
{
    private static readonly Expression True = Expression.Constant(true);
    private static readonly Expression False = Expression.Constant(false);

    private readonly SmtModule module;
    private readonly SmtDefinition root;
    private readonly SortedSet<int> dependencies = [];

    private BvCompiler(SmtModule module, SmtDefinition root)
    {
        this.module = module;
        this.root = root;
    }

    private readonly record struct Term(Expression Expr, SmtSort Sort);

    internal static CompiledFunction Compile(SmtModule module, SmtDefinition definition)
    {
        var compiler = new BvCompiler(module, definition);
        var (parameters, result) = compiler.Signature(definition);
        ParameterExpression args = Expression.Parameter(typeof(ulong[]), "args");
        ParameterExpression offset = Expression.Parameter(typeof(int), "offset");
        var variables = new List<ParameterExpression>();
        var body = new List<Expression>();
        var scope = ImmutableDictionary.Create<string, Term>(StringComparer.Ordinal);
        for (int i = 0; i < parameters.Count; i++)
        {
            SmtParameter p = parameters[i];
            Expression raw = Expression.ArrayIndex(args, Expression.Add(offset, Expression.Constant(i)));
            Expression value = p.Sort.IsBool ? Expression.NotEqual(raw, Expression.Constant(0UL)) : Mask(raw, p.Sort.Width);
            ParameterExpression variable = Expression.Variable(value.Type, p.Name);
            variables.Add(variable);
            body.Add(Expression.Assign(variable, value));
            scope = scope.SetItem(p.Name, new Term(variable, p.Sort));
        }

        Term term = compiler.Compile(definition.Command.Items[4], scope);
        compiler.Expect(term, result, definition.Command.Items[4], "the body");
        body.Add(result.IsBool ? Expression.Condition(term.Expr, Expression.Constant(1UL), Expression.Constant(0UL)) : term.Expr);
        var lambda = Expression.Lambda<SmtFunction>(Expression.Block(variables, body), definition.Name, [args, offset]);
        var names = compiler.dependencies.Select(i => module.Visible[i].Name).ToList();
        return new CompiledFunction(definition, parameters, result, lambda.Compile(), names);
    }

    private static Expression Mask(Expression e, int width) =>
        width >= 64 ? e : Expression.And(e, Expression.Constant(SmtSort.MaskOf(width)));

    private static ConstantExpression U(ulong value) => Expression.Constant(value);

    private SmtCompileException Error(SExpr at, string problem) => new(root.Name, at.Position, problem);

    private (List<SmtParameter> Parameters, SmtSort Result) Signature(SmtDefinition definition)
    {
        var parameters = new List<SmtParameter>();
        foreach (SExpr item in ((SList)definition.Command.Items[2]).Items)
        {
            if (item is not SList { Items: [SAtom { Kind: AtomKind.Symbol } name, SExpr sort] })
            {
                throw Error(item, "a parameter must be (name sort)");
            }

            if (parameters.Any(p => p.Name == name.Text))
            {
                throw Error(item, $"parameter {name.Text} is declared twice");
            }

            parameters.Add(new SmtParameter(name.Text, ParseSort(sort)));
        }

        return (parameters, ParseSort(definition.Command.Items[3]));
    }

    private SmtSort ParseSort(SExpr sort)
    {
        if (sort is SAtom atom && atom.IsSymbol("Bool"))
        {
            return SmtSort.Bool;
        }

        if (sort is SList { Items: [SAtom under, SAtom bitVec, SAtom { Kind: AtomKind.Numeral } width] }
            && under.IsSymbol("_") && bitVec.IsSymbol("BitVec"))
        {
            return int.TryParse(width.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 64
                ? SmtSort.BitVec(n)
                : throw Error(sort, $"sort {sort} is outside the subset (bit-vectors of 1 to 64 bits)");
        }

        throw Error(sort, $"sort {sort} is outside the subset (Bool and (_ BitVec n), n <= 64)");
    }

    private void Expect(Term term, SmtSort sort, SExpr at, string what)
    {
        if (term.Sort != sort)
        {
            throw Error(at, $"{what} has sort {term.Sort}, expected {sort}");
        }
    }

    private Term Compile(SExpr e, ImmutableDictionary<string, Term> scope)
    {
        if (e is SAtom atom)
        {
            return CompileAtom(atom, scope);
        }

        var list = (SList)e;
        if (list.Items.Count == 0)
        {
            throw Error(list, "empty application ()");
        }

        if (list.Items[0] is SAtom { Text: "_" } && list.HeadIs("_"))
        {
            return CompileIndexedConstant(list);
        }

        if (list.Items[0] is SList indexed)
        {
            return CompileIndexedOperator(list, indexed, scope);
        }

        var head = (SAtom)list.Items[0];
        if (head.Kind != AtomKind.Symbol)
        {
            throw Error(head, $"'{head}' cannot be applied");
        }

        if (head.Text == "let")
        {
            return CompileLet(list, scope);
        }

        if (head.Text is "forall" or "exists")
        {
            throw Error(head, $"quantifier {head.Text} is outside the subset");
        }

        if (head.Text is "select" or "store" or "const")
        {
            throw Error(head, $"{head.Text}: arrays are outside the subset");
        }

        if (head.Text == "!")
        {
            throw Error(head, "annotations (!) are outside the subset");
        }

        var args = new Term[list.Items.Count - 1];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = Compile(list.Items[i + 1], scope);
        }

        return CompileApplication(list, head, args);
    }

    private Term CompileAtom(SAtom atom, ImmutableDictionary<string, Term> scope)
    {
        switch (atom.Kind)
        {
            case AtomKind.Hexadecimal or AtomKind.Binary:
                var (value, width) = SmtModule.ParseBitVecLiteral(atom)!.Value;
                return width is >= 1 and <= 64
                    ? new Term(U(value), SmtSort.BitVec(width))
                    : throw Error(atom, $"literal {atom.Text} is {width} bits wide; the subset stops at 64");
            case AtomKind.Symbol:
                if (scope.TryGetValue(atom.Text, out Term bound))
                {
                    return bound;
                }

                if (atom.Text == "true")
                {
                    return new Term(True, SmtSort.Bool);
                }

                if (atom.Text == "false")
                {
                    return new Term(False, SmtSort.Bool);
                }

                if (module.TryGetDefinition(atom.Text, out SmtDefinition callee))
                {
                    return Call(atom, callee, []);
                }

                throw Error(atom, $"unknown symbol {atom.Text} (only parameters, let-bound names and earlier define-funs are visible; declare-const is outside the subset)");
            default:
                throw Error(atom, $"'{atom}' ({atom.Kind}) is outside the subset");
        }
    }

    private Term CompileIndexedConstant(SList list)
    {
        // (_ bvN W)
        if (list.Items is [_, SAtom { Kind: AtomKind.Symbol } name, SAtom { Kind: AtomKind.Numeral } width]
            && name.Text.StartsWith("bv", StringComparison.Ordinal)
            && BigInteger.TryParse(name.Text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger n)
            && int.TryParse(width.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int w))
        {
            if (w is < 1 or > 64)
            {
                throw Error(list, $"literal {list} is {w} bits wide; the subset is 1 to 64 bits");
            }

            // SMT-LIB: (_ bvN W) denotes N mod 2^W.
            return new Term(U((ulong)(n & SmtSort.MaskOf(w))), SmtSort.BitVec(w));
        }

        throw Error(list, $"{list} is outside the subset");
    }

    private Term CompileIndexedOperator(SList list, SList indexed, ImmutableDictionary<string, Term> scope)
    {
        if (indexed.Items is not [SAtom under, SAtom { Kind: AtomKind.Symbol } op, ..] || !under.IsSymbol("_"))
        {
            throw Error(indexed, $"{indexed} cannot be applied");
        }

        var indices = indexed.Items.Skip(2).ToList();

        var numbers = new int[indices.Count];
        for (int i = 0; i < numbers.Length; i++)
        {
            if (indices[i] is not SAtom { Kind: AtomKind.Numeral } numeral
                || !int.TryParse(numeral.Text, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                throw Error(indices[i], $"index {indices[i]} of {op.Text} must be a numeral");
            }
        }

        if (list.Items.Count != 2)
        {
            throw Error(list, $"{indexed} takes one argument, got {list.Items.Count - 1}");
        }

        Term arg = Compile(list.Items[1], scope);
        int n = RequireBitVec(list.Items[1], arg, op.Text);
        switch (op.Text, numbers.Length)
        {
            case ("extract", 2):
                int high = numbers[0], low = numbers[1];
                if (low > high || high >= n)
                {
                    throw Error(indexed, $"(_ extract {high} {low}) needs {n} > i >= j >= 0 for a {n}-bit argument");
                }

                int width = high - low + 1;
                Expression shifted = low == 0 ? arg.Expr : Expression.RightShift(arg.Expr, Expression.Constant(low));
                return new Term(Mask(shifted, width), SmtSort.BitVec(width));
            case ("zero_extend", 1):
                return new Term(arg.Expr, ExtendedSort(indexed, n, numbers[0]));
            case ("sign_extend", 1):
                SmtSort extended = ExtendedSort(indexed, n, numbers[0]);
                return new Term(Mask(SignExtend(arg.Expr, n), extended.Width), extended);
            default:
                throw Error(indexed, $"{indexed} is outside the subset");
        }
    }

    // k <= 64 - n, not n + k <= 64: k can be up to int.MaxValue, and n + k would overflow (checked arithmetic).
    private SmtSort ExtendedSort(SList at, int n, int k) =>
        k <= 64 - n ? SmtSort.BitVec(n + k) : throw Error(at, $"{at} of a {n}-bit value would be {(long)n + k} bits; the subset stops at 64");

    /// <summary>The n-bit value as a 64-bit two's-complement <see cref="ulong"/> (sign bit copied up).</summary>
    private static Expression SignExtend(Expression value, int n)
    {
        if (n >= 64)
        {
            return value;
        }

        Expression asLong = Expression.Convert(Expression.LeftShift(value, Expression.Constant(64 - n)), typeof(long));
        return Expression.Convert(Expression.RightShift(asLong, Expression.Constant(64 - n)), typeof(ulong));
    }

    private int RequireBitVec(SExpr at, Term term, string op) =>
        term.Sort.IsBool ? throw Error(at, $"{op} needs a bit-vector argument, got Bool") : term.Sort.Width;

    private Term CompileLet(SList list, ImmutableDictionary<string, Term> scope)
    {
        if (list.Items is not [_, SList bindings, SExpr body])
        {
            throw Error(list, "let must be (let ((name term) ...) body)");
        }

        // Parallel binding: every bound term sees the outer scope only.
        var variables = new List<ParameterExpression>();
        var assignments = new List<Expression>();
        ImmutableDictionary<string, Term> inner = scope;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SExpr binding in bindings.Items)
        {
            if (binding is not SList { Items: [SAtom { Kind: AtomKind.Symbol } name, SExpr value] })
            {
                throw Error(binding, "a let binding must be (name term)");
            }

            if (!names.Add(name.Text))
            {
                throw Error(binding, $"let binds {name.Text} twice");
            }

            Term term = Compile(value, scope);
            ParameterExpression variable = Expression.Variable(term.Expr.Type, name.Text);
            variables.Add(variable);
            assignments.Add(Expression.Assign(variable, term.Expr));
            inner = inner.SetItem(name.Text, new Term(variable, term.Sort));
        }

        Term result = Compile(body, inner);
        assignments.Add(result.Expr);
        return new Term(Expression.Block(variables, assignments), result.Sort);
    }

    private Term Call(SExpr at, SmtDefinition callee, Term[] args)
    {
        if (callee.Index >= root.Index && callee != root)
        {
            throw Error(at, $"{callee.Name} is defined later ({callee.Position}); a define-fun sees only earlier ones");
        }

        if (callee == root)
        {
            throw Error(at, $"{callee.Name} calls itself; recursion is outside the subset");
        }

        // Compile the callee on its own first so that its own errors name it.
        CompiledFunction compiledCallee;
        try
        {
            compiledCallee = module.CompileLocked(callee.Name);
        }
        catch (SmtCompileException e)
        {
            throw Error(at, $"calls {callee.Name}, which does not compile: {e.Message}");
        }

        if (args.Length != compiledCallee.Parameters.Count)
        {
            throw Error(at, $"{callee.Name} takes {compiledCallee.Parameters.Count} arguments, got {args.Length}");
        }

        dependencies.Add(callee.Index);
        foreach (string indirect in compiledCallee.Dependencies)
        {
            module.TryGetDefinition(indirect, out SmtDefinition d);
            dependencies.Add(d.Index);
        }

        var variables = new List<ParameterExpression>();
        var block = new List<Expression>();
        var scope = ImmutableDictionary.Create<string, Term>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            SmtParameter p = compiledCallee.Parameters[i];
            if (args[i].Sort != p.Sort)
            {
                throw Error(at, $"argument {i + 1} ({p.Name}) of {callee.Name} has sort {args[i].Sort}, expected {p.Sort}");
            }

            ParameterExpression variable = Expression.Variable(args[i].Expr.Type, p.Name);
            variables.Add(variable);
            block.Add(Expression.Assign(variable, args[i].Expr));
            scope = scope.SetItem(p.Name, new Term(variable, p.Sort));
        }

        // Inline the callee's body under the callee's name for errors (it compiled above, so none are expected).
        var inner = new BvCompiler(module, callee);
        Term body = inner.Compile(callee.Command.Items[4], scope);
        block.Add(body.Expr);
        return new Term(Expression.Block(variables, block), compiledCallee.Result);
    }

    private Term CompileApplication(SList list, SAtom head, Term[] args)
    {
        string op = head.Text;
        switch (op)
        {
            case "not":
                Arity(list, args, 1);
                return Bool(Expression.Not(BoolArg(list, args, 0)));
            case "and" or "or":
                AtLeast(list, args, 1);
                Expression acc = BoolArg(list, args, 0);
                for (int i = 1; i < args.Length; i++)
                {
                    acc = op == "and" ? Expression.AndAlso(acc, BoolArg(list, args, i)) : Expression.OrElse(acc, BoolArg(list, args, i));
                }

                return Bool(acc);
            case "xor":
                AtLeast(list, args, 2);
                Expression x = BoolArg(list, args, 0);
                for (int i = 1; i < args.Length; i++)
                {
                    x = Expression.NotEqual(x, BoolArg(list, args, i));
                }

                return Bool(x);
            case "=>":
                AtLeast(list, args, 2);
                // Right-associative: (=> a b c) is (=> a (=> b c)).
                Expression implied = BoolArg(list, args, args.Length - 1);
                for (int i = args.Length - 2; i >= 0; i--)
                {
                    implied = Expression.OrElse(Expression.Not(BoolArg(list, args, i)), implied);
                }

                return Bool(implied);
            case "=" or "distinct":
                AtLeast(list, args, 2);
                SameSorts(list, args);
                return Bool(op == "=" ? Chain(args) : Pairwise(args));
            case "ite":
                Arity(list, args, 3);
                Expression condition = BoolArg(list, args, 0);
                if (args[1].Sort != args[2].Sort)
                {
                    throw Error(list, $"ite branches have sorts {args[1].Sort} and {args[2].Sort}");
                }

                return new Term(Expression.Condition(condition, args[1].Expr, args[2].Expr), args[1].Sort);
            case "bvadd" or "bvmul" or "bvand" or "bvor" or "bvxor":
                AtLeast(list, args, 2);
                int w = SameWidth(list, args);
                Expression r = args[0].Expr;
                for (int i = 1; i < args.Length; i++)
                {
                    r = op switch
                    {
                        "bvadd" => Mask(Expression.Add(r, args[i].Expr), w),
                        "bvmul" => Mask(Expression.Multiply(r, args[i].Expr), w),
                        "bvand" => Expression.And(r, args[i].Expr),
                        "bvor" => Expression.Or(r, args[i].Expr),
                        _ => Expression.ExclusiveOr(r, args[i].Expr),
                    };
                }

                return new Term(r, args[0].Sort);
            case "bvsub" or "bvudiv" or "bvurem" or "bvshl" or "bvlshr" or "bvashr":
                Arity(list, args, 2);
                return new Term(Binary(op, args[0].Expr, args[1].Expr, SameWidth(list, args)), args[0].Sort);
            case "bvneg":
                Arity(list, args, 1);
                // The sort check comes first: Expression.Subtract on a Bool throws InvalidOperationException.
                int negWidth = RequireBitVec(list, args[0], op);
                return new Term(Mask(Expression.Subtract(U(0), args[0].Expr), negWidth), args[0].Sort);
            case "bvnot":
                Arity(list, args, 1);
                return new Term(Mask(Expression.Not(args[0].Expr), RequireBitVec(list, args[0], op)), args[0].Sort);
            case "bvult" or "bvule" or "bvugt" or "bvuge":
                Arity(list, args, 2);
                SameWidth(list, args);
                return Bool(Compare(op[3..], args[0].Expr, args[1].Expr));
            case "bvslt" or "bvsle" or "bvsgt" or "bvsge":
                Arity(list, args, 2);
                // Signed order is unsigned order with the sign bit flipped.
                Expression sign = U(1UL << (SameWidth(list, args) - 1));
                return Bool(Compare(op[3..], Expression.ExclusiveOr(args[0].Expr, sign), Expression.ExclusiveOr(args[1].Expr, sign)));
            case "concat":
                AtLeast(list, args, 2);
                Expression c = args[0].Expr;
                int total = RequireBitVec(list, args[0], op);
                for (int i = 1; i < args.Length; i++)
                {
                    int wi = RequireBitVec(list, args[i], op);
                    total += wi;
                    if (total > 64)
                    {
                        throw Error(list, $"concat is {total} bits wide; the subset stops at 64");
                    }

                    c = Expression.Or(Expression.LeftShift(c, Expression.Constant(wi)), args[i].Expr);
                }

                return new Term(c, SmtSort.BitVec(total));
            default:
                if (module.TryGetDefinition(op, out SmtDefinition callee))
                {
                    return Call(head, callee, args);
                }

                throw Error(head, $"unknown function {op}");
        }
    }

    private static Term Bool(Expression e) => new(e, SmtSort.Bool);

    private static BinaryExpression Compare(string kind, Expression a, Expression b) => kind switch
    {
        "lt" => Expression.LessThan(a, b),
        "le" => Expression.LessThanOrEqual(a, b),
        "gt" => Expression.GreaterThan(a, b),
        "ge" => Expression.GreaterThanOrEqual(a, b),
        _ => throw new System.Diagnostics.UnreachableException($"comparison kind {kind}"),
    };

    private static BlockExpression Binary(string op, Expression a, Expression b, int w)
    {
        // Each operand may be used twice; bind both to variables so each is evaluated once.
        ParameterExpression x = Expression.Variable(typeof(ulong), "a");
        ParameterExpression y = Expression.Variable(typeof(ulong), "b");
        Expression width = U((ulong)w);
        Expression body = op switch
        {
            "bvsub" => Mask(Expression.Subtract(x, y), w),
            "bvudiv" => Expression.Condition(Expression.Equal(y, U(0)), U(SmtSort.MaskOf(w)), Expression.Divide(x, y)),
            "bvurem" => Expression.Condition(Expression.Equal(y, U(0)), x, Expression.Modulo(x, y)),
            "bvshl" => Expression.Condition(Expression.GreaterThanOrEqual(y, width), U(0),
                Mask(Expression.LeftShift(x, Expression.Convert(y, typeof(int))), w)),
            "bvlshr" => Expression.Condition(Expression.GreaterThanOrEqual(y, width), U(0),
                Expression.RightShift(x, Expression.Convert(y, typeof(int)))),
            _ => AshrBody(x, y, w),
        };
        return Expression.Block([x, y], Expression.Assign(x, a), Expression.Assign(y, b), body);
    }

    private static Expression AshrBody(ParameterExpression x, ParameterExpression y, int w)
    {
        // Sign-extend to 64 bits, shift arithmetically by min(y, 63), cut back to w bits:
        // a shift by w or more leaves only copies of the sign bit, which is the SMT-LIB result.
        Expression signed = Expression.Convert(SignExtend(x, w), typeof(long));
        Expression amount = Expression.Convert(
            Expression.Condition(Expression.GreaterThan(y, U(63)), U(63), y), typeof(int));
        return Mask(Expression.Convert(Expression.RightShift(signed, amount), typeof(ulong)), w);
    }

    private static Expression Chain(Term[] args)
    {
        Expression acc = Expression.Equal(args[0].Expr, args[1].Expr);
        for (int i = 2; i < args.Length; i++)
        {
            acc = Expression.AndAlso(acc, Expression.Equal(args[i - 1].Expr, args[i].Expr));
        }

        return acc;
    }

    private static Expression Pairwise(Term[] args)
    {
        Expression? acc = null;
        for (int i = 0; i < args.Length; i++)
        {
            for (int j = i + 1; j < args.Length; j++)
            {
                Expression ne = Expression.NotEqual(args[i].Expr, args[j].Expr);
                acc = acc is null ? ne : Expression.AndAlso(acc, ne);
            }
        }

        return acc!;
    }

    private void Arity(SList list, Term[] args, int n)
    {
        if (args.Length != n)
        {
            throw Error(list, $"{list.Items[0]} takes {n} argument{(n == 1 ? "" : "s")}, got {args.Length}");
        }
    }

    private void AtLeast(SList list, Term[] args, int n)
    {
        if (args.Length < n)
        {
            throw Error(list, $"{list.Items[0]} takes at least {n} argument{(n == 1 ? "" : "s")}, got {args.Length}");
        }
    }

    private Expression BoolArg(SList list, Term[] args, int i) =>
        args[i].Sort.IsBool ? args[i].Expr : throw Error(list.Items[i + 1], $"argument {i + 1} of {list.Items[0]} has sort {args[i].Sort}, expected Bool");

    private void SameSorts(SList list, Term[] args)
    {
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i].Sort != args[0].Sort)
            {
                throw Error(list.Items[i + 1], $"argument {i + 1} of {list.Items[0]} has sort {args[i].Sort}, expected {args[0].Sort}");
            }
        }
    }

    private int SameWidth(SList list, Term[] args)
    {
        int w = RequireBitVec(list.Items[1], args[0], list.Items[0].ToString());
        SameSorts(list, args);
        return w;
    }
}
