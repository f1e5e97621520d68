
using System.Globalization;
using Conformance.Oracle;
using Conformance.Smt;
using FsCheck;
using FsCheck.Fluent;

namespace Conformance.Tests.Smt;

/// <summary>
/// The compiler's guarantee: every define-fun that compiles, in our operator file and in every model
/// file (embedded models/*.smt2, picked up automatically), agrees with Z3 on boundary inputs and on
/// random inputs; a disagreement is reported with the smallest arguments FsCheck can shrink it to.
/// </summary>
public sealed class DifferentialTests : IDisposable
{
    private const int RandomTestsPerFunction = 60;
    private const int MaxBoundaryCombinations = 1500;

    private readonly Z3NativeSolver solver = new();

    public void Dispose() => solver.Dispose();

    /// <summary>(source, function) for every define-fun of the test operator file and of the embedded models.</summary>
    public static TheoryData<string, string> Functions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, module) in Modules())
        {
            foreach (var definition in module.Definitions)
            {
                data.Add(name, definition.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_AgreesWithZ3_OnBoundaryAndRandomInputs(string source, string function)
    {
        SmtModule module = Modules().Single(m => m.Name == source).Module;
        bool isTestFile = source == OperatorFile;
        if (!module.TryCompile(function, out CompiledFunction? compiled, out SmtCompileException? error))
        {
            // Model files may hold helpers outside the subset (arrays for obligations); the oracle
            // insists on the requirement predicates. Our own operator file must compile entirely.
            Assert.False(isTestFile, $"operator test file must compile: {error!.Message}");
            return;
        }

        var evaluator = new DifferentialEvaluator(solver, module);
        evaluator.Evaluate(compiled!, BoundaryCombinations(compiled!));

        Arbitrary<Args> arbitrary = Arb.From(RandomArgs(compiled!), args => ShrinkArgs(compiled!, args));
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(RandomTestsPerFunction).WithQuietOnSuccess(true),
            Prop.ForAll(arbitrary, args =>
            {
                // Throws DifferentialMismatchException; FsCheck shrinks and reports the smallest Args.
                evaluator.Evaluate(compiled!, args.Values);
            }));
    }

    [Fact]
    public void BrokenDelegate_IsReportedWithShrunkArguments()
    {
        // A stand-in for a compiler bug: a module whose Z3 text differs from what was compiled is
        // simulated by checking one module's function against another's definition.
        var wrong = SmtModule.Parse("(define-fun f ((a (_ BitVec 8)) (b (_ BitVec 8))) Bool (bvult a b))", "wrong.smt2");
        var right = SmtModule.Parse("(define-fun f ((a (_ BitVec 8)) (b (_ BitVec 8))) Bool (bvslt a b))", "right.smt2");
        CompiledFunction compiled = wrong.Compile("f");
        var evaluator = new DifferentialEvaluator(new SwappedDefinitionSolver(solver, right.Compile("f").Definition.Text, compiled.Definition.Text), wrong);
        Arbitrary<Args> arbitrary = Arb.From(RandomArgs(compiled), args => ShrinkArgs(compiled, args));
        var e = Assert.ThrowsAny<Exception>(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(500),
            Prop.ForAll(arbitrary, args => { evaluator.Evaluate(compiled, args.Values); })));
        // The shrunk counterexample is in the message: one negative and one non-negative byte, made small.
        Assert.Contains("Shrunk", e.Message, StringComparison.Ordinal);
        Assert.Contains("disagrees with Z3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MismatchMessage_NamesFunctionInputAndBothValues()
    {
        var module = SmtModule.Parse("(define-fun f ((a (_ BitVec 8))) (_ BitVec 8) (bvadd a #x01))", "m.smt2");
        var compiled = module.Compile("f");
        var e = new DifferentialMismatchException(compiled, [0x7f], 0x80, 0x81);
        Assert.Equal("m.smt2:1:1: f disagrees with Z3 on (f #x7f): compiled delegate gives #x80, Z3 gives #x81", e.Message);
    }

    [Fact]
    public void Z3Error_IsHarnessErrorNotAgreement()
    {
        var module = SmtModule.Parse("(define-fun f ((a (_ BitVec 8))) (_ BitVec 8) (bvadd a #x01))", "m.smt2");
        var compiled = module.Compile("f");
        var evaluator = new DifferentialEvaluator(new SwappedDefinitionSolver(solver, "(define-fun f ((a (_ BitVec 8))) (_ BitVec 8) (nosuch a))", compiled.Definition.Text), module);
        Assert.Throws<InvalidOperationException>(() => evaluator.Evaluate(compiled, 1UL));
    }

    private const string OperatorFile = "operators.smt2";

    private static List<(string Name, SmtModule Module)> Modules()
    {
        var modules = new List<(string, SmtModule)>
        {
            (OperatorFile, SmtModule.Parse(File.ReadAllText(SourceTree.Beside("TestFiles/" + OperatorFile)), OperatorFile)),
        };
        // Each model file is read after the prelude, as the oracle reads it; the prelude's functions are tested once, with it.
        var models = ModelSource.Embedded();
        SmtModule? prelude = models.FirstOrDefault(m => m.Name == ModelSource.PreludeName) is { } p ? SmtModule.Parse(p.Text, p.Name) : null;
        foreach (ModelSource model in models)
        {
            modules.Add(("models/" + model.Name, model.Name == ModelSource.PreludeName ? prelude! : SmtModule.Parse(model.Text, model.Name, prelude)));
        }

        return modules;
    }

    internal static IEnumerable<ulong> Boundaries(SmtSort sort) => BoundaryValues.For(sort);

    private static List<ulong[]> BoundaryCombinations(CompiledFunction f)
    {
        var perParameter = f.Parameters.Select(p => Boundaries(p.Sort).ToArray()).ToArray();
        double total = perParameter.Aggregate(1.0, (acc, values) => acc * values.Length);
        var result = new List<ulong[]>();
        if (total <= MaxBoundaryCombinations)
        {
            var current = new ulong[perParameter.Length];
            void Fill(int i)
            {
                if (i == perParameter.Length)
                {
                    result.Add((ulong[])current.Clone());
                    return;
                }

                foreach (ulong v in perParameter[i])
                {
                    current[i] = v;
                    Fill(i + 1);
                }
            }

            Fill(0);
            return result;
        }

        var random = new Random(unchecked((int)(uint)f.Name.GetHashCode(StringComparison.Ordinal)) ^ 0x5eed);
        for (int k = 0; k < MaxBoundaryCombinations; k++)
        {
            result.Add(perParameter.Select(values => values[random.Next(values.Length)]).ToArray());
        }

        return result;
    }

    /// <summary>Arguments with a readable form, so FsCheck's report shows SMT literals.</summary>
    public sealed record Args(CompiledFunction Function, ulong[] Values)
    {
        public override string ToString() => DifferentialEvaluator.Application(Function, Values);
    }

    private static Gen<ulong> AnyWord =>
        from hi in Gen.Choose(int.MinValue, int.MaxValue)
        from lo in Gen.Choose(int.MinValue, int.MaxValue)
        select unchecked(((ulong)(uint)hi << 32) | (uint)lo);

    private static Gen<ulong> ValueOf(SmtSort sort) => Gen.Frequency(
        (1, Gen.Elements(Boundaries(sort).ToArray())),
        (1, AnyWord.Select(v => v & sort.Mask)),
        (1, Gen.Choose(0, 300).Select(v => (ulong)v & sort.Mask)));

    private static Gen<Args> RandomArgs(CompiledFunction f) =>
        Gen.CollectToArray(f.Parameters.Select(p => ValueOf(p.Sort))).Select(values => new Args(f, values));

    /// <summary>Shrinks one argument at a time towards 0: to 0, to half, minus one.</summary>
    private static IEnumerable<Args> ShrinkArgs(CompiledFunction f, Args args)
    {
        for (int i = 0; i < args.Values.Length; i++)
        {
            ulong v = args.Values[i];
            foreach (ulong smaller in new[] { 0UL, v / 2, v == 0 ? 0 : v - 1 }.Distinct().Where(s => s < v))
            {
                var copy = (ulong[])args.Values.Clone();
                copy[i] = smaller;
                yield return new Args(f, copy);
            }
        }
    }

    /// <summary>Sends Z3 a different definition than the one compiled: simulates a compiler bug.</summary>
    private sealed class SwappedDefinitionSolver(ISmtSolver inner, string replacement, string original) : ISmtSolver
    {
        public SolverOutcome CheckSat(string script, IReadOnlyList<string> valueTerms, int timeoutMs) =>
            inner.CheckSat(script, valueTerms, timeoutMs);

        public string Run(string script) => inner.Run(script.Replace(original, replacement, StringComparison.Ordinal));

        public SolverOutcome Optimize(string script, IReadOnlyList<string> constants, int timeoutMs) =>
            inner.Optimize(script, constants, timeoutMs);

        public void Interrupt() => inner.Interrupt();

        public void Dispose() { }
    }

    [Fact]
    public void Boundaries_Byte_AreNamedEdges()
    {
        Assert.Equal(
            new ulong[] { 0, 1, 2, 3, 7, 8, 32, 64, 255, 254, 128, 127, 129 },
            Boundaries(SmtSort.BitVec(8)).ToArray());
        Assert.Equal(string.Join(",", Boundaries(SmtSort.Bool)), string.Create(CultureInfo.InvariantCulture, $"{0},{1}"));
    }
}
