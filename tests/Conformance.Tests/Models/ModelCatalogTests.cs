using System.Text.RegularExpressions;
using Conformance.Models;
using Conformance.Oracle;
using Conformance.Smt;

namespace Conformance.Tests.Models;

/// <summary>The catalog: obligations stated once and instantiated per architecture, the prelude, the format's errors, the emitted scripts.</summary>
public sealed partial class ModelCatalogTests
{
    private const string W32 = "(define-fun W () (_ BitVec 64) #x0000000000000020)";
    private const string W64 = "(define-fun W () (_ BitVec 64) #x0000000000000040)";

    private static readonly ModelSource Prelude = new("prelude.smt2", "; helpers\n(define-fun half ((w (_ BitVec 64))) (_ BitVec 64) (bvlshr w #x0000000000000001))\n");

    private static string Block(string name, string body, string? arch = null) =>
        $"(push 1)\n(set-info :obligation \"{name}\")\n(set-info :requirement \"ZV-005\")\n" + (arch is null ? "" : $"(set-info :arch \"{arch}\")\n") +
        $"(set-info :statement \"s\")\n(set-info :status unsat)\n{body}\n(check-sat)\n(pop 1)\n";

    [Fact]
    public void Catalog_IsTheGoldenList()
    {
        var catalog = ModelCatalog.LoadEmbedded();
        Golden.AssertSameLines(Golden.Obligations.Select(Golden.WithoutVerdict), catalog.Obligations.Select(o => Golden.WithoutVerdict(Golden.Line(o, ProofVerdict.Proved))), "the catalog's obligations");
    }

    [Fact]
    public void ObligationStatedOnce_IsInstantiatedOnEveryArchitecture_ArchitectureByArchitecture()
    {
        var model = new ModelSource("m.smt2", "(declare-const x (_ BitVec 64))\n" +
            Block("X/word", "(assert (not (= (bvlshr W #x0000000000000001) (half W))))") +
            Block("X/order", "(assert (and BE (= x #x0000000000000000)))"));
        var obligations = ModelCatalog.Load([Prelude, model]).Obligations;
        Assert.Equal(
            ["X/word on 32le", "X/order on 32le", "X/word on 32be", "X/order on 32be", "X/word on 64le", "X/order on 64le", "X/word on 64be", "X/order on 64be"],
            obligations.Select(o => o.ToString()));
        Assert.All(obligations, o => Assert.Equal("m.smt2:" + (o.Name == "X/word" ? "2" : "10"), o.Source));
        Assert.All(obligations, o => Assert.StartsWith("(define-fun half ", o.Script, StringComparison.Ordinal));
        // W and BE are defined after the file's own commands, each only where the obligation uses it.
        var word = obligations.Where(o => o.Name == "X/word").ToList();
        Assert.Equal([W32, W32, W64, W64], word.Select(o => Definition(o.Script, "W")));
        Assert.All(word, o => Assert.DoesNotContain("define-fun BE", o.Script, StringComparison.Ordinal));
        Assert.Equal(word[0].Script, word[1].Script); // the same script on both byte orders: the prover solves it once
        Assert.Contains("(declare-const x (_ BitVec 64))\n" + W32 + "\n(assert (not (= (bvlshr W #x0000000000000001) (half W))))", word[0].Script, StringComparison.Ordinal);
        var order = obligations.Where(o => o.Name == "X/order").ToList();
        Assert.Equal(["false", "true", "false", "true"], order.Select(o => Definition(o.Script, "BE")!.Split(' ')[^1].TrimEnd(')')));
        Assert.All(order, o => Assert.DoesNotContain("define-fun W", o.Script, StringComparison.Ordinal));
    }

    [Fact]
    public void ArchList_LimitsTheArchitectures()
    {
        var model = new ModelSource("m.smt2", Block("X/some", "(assert (not (= W W)))", arch: "64le 32be"));
        Assert.Equal(["32be", "64le"], ModelCatalog.Load([model]).Obligations.Select(o => o.Arch));
    }

    [Fact]
    public void Constants_AreTheFilesOnesItUses_InDeclarationOrder_ThenItsOwn()
    {
        var model = new ModelSource("m.smt2", "(declare-const b (_ BitVec 64))\n(declare-const unused Bool)\n(declare-const a Bool)\n(declare-const m (Array (_ BitVec 64) (_ BitVec 8)))\n" +
            Block("X/c", "(declare-const c (_ BitVec 8))\n(assert (and a (= (select m b) c)))"));
        Assert.All(ModelCatalog.Load([model]).Obligations, o => Assert.Equal(["b", "a", "c"], o.Constants));
    }

    [Fact]
    public void DefinitionsUsedBy_AreTheOnesItReaches_ThroughOtherDefinitions_InOrder()
    {
        var model = new ModelSource("m.smt2", "(define-fun g ((x (_ BitVec 64))) Bool (= x (half x)))\n(define-fun unused () Bool false)\n" +
            "(define-fun f ((x (_ BitVec 64))) Bool (and (g x) true))\n" + Block("X/f", "(assert (not (f #x0000000000000000)))"));
        var catalog = ModelCatalog.Load([model, Prelude]);
        Assert.Equal("(define-fun half ((w (_ BitVec 64))) (_ BitVec 64) (bvlshr w #x0000000000000001))\n" +
            "(define-fun g ((x (_ BitVec 64))) Bool (= x (half x)))\n(define-fun f ((x (_ BitVec 64))) Bool (and (g x) true))",
            catalog.DefinitionsUsedBy("(and (f x) (bvugt x #x0000000000000001))"));
        Assert.Equal("(define-fun half ((w (_ BitVec 64))) (_ BitVec 64) (bvlshr w #x0000000000000001))", catalog.DefinitionsUsedBy("(= (half x) x)"));
        Assert.Equal("", catalog.DefinitionsUsedBy("(bvugt x #x0000000000000001)"));
        Assert.Throws<SmtParseException>(() => catalog.DefinitionsUsedBy("(f x"));
    }

    [Theory]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(check-sat)\n(pop 1)\n", "bad.smt2:1: obligation has no (set-info :requirement ...) label")]
    [InlineData("(define-fun f () Bool true)\n(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :arch \"16le\")\n", "bad.smt2:2:1: (push) without a (pop) before the end of the file")]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :arch \"16le\")\n(set-info :statement \"s\")\n(set-info :status unsat)\n(check-sat)\n(pop 1)\n", "bad.smt2:1: obligation X names unknown architecture '16le'")]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :arch \"32le 32le\")\n(set-info :statement \"s\")\n(set-info :status unsat)\n(check-sat)\n(pop 1)\n", "bad.smt2:1: obligation X: :arch \"32le 32le\" must list distinct architectures")]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :statement \"s\")\n(set-info :status sat)\n(check-sat)\n(pop 1)\n", "bad.smt2:1: obligation X expects 'sat'")]
    [InlineData("(push 1)\n(set-info :obligation \"X\")\n(set-info :requirement \"ZV-005\")\n(set-info :statement \"s\")\n(set-info :status unsat)\n(pop 1)\n", "bad.smt2:1: obligation X has no (check-sat)")]
    [InlineData("(define-fun f () Bool\n  (and true)\n", "bad.smt2:1:1:")]
    [InlineData("(pop 1)\n", "bad.smt2:1:1: (pop) without a (push)")]
    [InlineData("(push 1)\n(push 1)\n", "bad.smt2:2:1: (push) inside the obligation that starts at line 1")]
    [InlineData("x\n", "bad.smt2:1:1: expected a command, found x")]
    [InlineData("(define-fun f () (_ BitVec 64)\n  (bvadd W #x0000000000000001))\n", "bad.smt2:2:10: W in a definition: only obligations may use W and BE (the prover defines them per architecture)")]
    [InlineData("(declare-const BE Bool)\n", "bad.smt2:1:16: BE in a definition: only obligations may use W and BE")]
    [InlineData("(push 1)\n(declare-const W (_ BitVec 64))\n(pop 1)\n", "bad.smt2:2: declare-const W: W and BE are the architecture, defined by the prover")]
    [InlineData("(define-fun f () Bool true)\n(define-fun f () Bool false)\n", "bad.smt2:2: define-fun f is defined twice (first at bad.smt2:1)")]
    [InlineData("(declare-const x Bool)\n(push 1)\n(declare-const x Bool)\n(pop 1)\n", "bad.smt2:3: declare-const x is defined twice (first at bad.smt2:1)")]
    public void CorruptModel_NamesFileAndLine(string text, string message)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelCatalog.Load([new ModelSource("bad.smt2", text)]));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObligationStatedTwice_NamesBothPlaces()
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelCatalog.Load([new ModelSource("m.smt2", Block("X", "(assert false)", "32le") + Block("X", "(assert false)", "64le"))]));
        Assert.Equal("m.smt2:10: obligation X is defined twice (first at m.smt2:1); state it once, its :arch list names the architectures", e.Message);
    }

    [Theory]
    [InlineData("(declare-const x Bool)\n", "prelude.smt2:1: the prelude holds define-funs only, found (declare-const ...); obligations and constants belong in a model file")]
    [InlineData("(define-fun f () Bool\n  BE)\n", "prelude.smt2:2:3: BE in the prelude: only obligations may use W and BE")]
    public void CorruptPrelude_NamesFileAndLine(string text, string message)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelCatalog.Load([new ModelSource("prelude.smt2", text)]));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreludeNameDefinedAgain_NamesThePrelude()
    {
        var model = new ModelSource("a.smt2", "; again\n(define-fun half ((w (_ BitVec 64))) (_ BitVec 64) w)\n");
        var e = Assert.Throws<ModelFormatException>(() => ModelCatalog.Load([Prelude, model]));
        Assert.Equal("a.smt2:2: define-fun half is already defined at prelude.smt2:2: the prelude's names are visible in every model file", e.Message);
    }

    [Fact]
    public void DefinitionInTwoFiles_NamesBothPlaces()
    {
        var a = new ModelSource("a.smt2", "(define-fun half ((x (_ BitVec 8))) (_ BitVec 8) (bvlshr x #x01))\n");
        var b = new ModelSource("b.smt2", "; the same helper again\n(define-fun half ((x (_ BitVec 8))) (_ BitVec 8) (bvlshr x #x01))\n");
        var e = Assert.Throws<ModelFormatException>(() => ModelCatalog.Load([a, b]));
        Assert.Equal("b.smt2:2: define-fun half is also defined at a.smt2:1; a name has one definition: a helper several files use belongs in prelude.smt2, once", e.Message);
    }

    [Fact]
    public void ConstantsOfTwoFiles_MayShareNames()
    {
        var a = new ModelSource("a.smt2", "(declare-const size (_ BitVec 64))\n" + Block("A", "(assert (= size #x0000000000000000))"));
        var b = new ModelSource("b.smt2", "(declare-const size (_ BitVec 64))\n" + Block("B", "(assert (= size #x0000000000000001))"));
        Assert.Equal(8, ModelCatalog.Load([a, b]).Obligations.Count);
    }

    [Fact]
    public void MissingModelsDirectory_IsAClearError() =>
        Assert.Equal("/no/such/models: no such models directory", Assert.Throws<ModelFormatException>(() => ModelCatalog.LoadDirectory("/no/such/models")).Message);

    [Fact]
    public void Emit_EveryFileAndArchitecture_OneLabelledCheckPerObligation()
    {
        var catalog = ModelCatalog.LoadEmbedded();
        Assert.Equal(["architecture.smt2", "small-values.smt2", "zero-growth.smt2", "zero-lookup.smt2", "zero-memory.smt2", "zero-never-written.smt2", "zero-publication.smt2"], catalog.Files);
        foreach (var file in catalog.Files)
        {
            foreach (var arch in ModelCatalog.Architectures)
            {
                string script = catalog.Emit(file, arch);
                var expected = catalog.Obligations.Where(o => o.Source.StartsWith(file + ":", StringComparison.Ordinal) && o.Arch == arch).Select(o => o.Name).ToList();
                Assert.Equal(expected, ObligationLabel().Matches(script).Select(m => m.Groups[1].Value));
                Assert.Equal(expected.Count, Regex.Count(script, @"^\(check-sat\)$", RegexOptions.Multiline));
                Assert.Equal(expected.Count, Regex.Count(script, $"^\\(set-info :arch \"{arch}\"\\)$", RegexOptions.Multiline));
                Assert.Contains(ModelCatalog.WordSizeDefinition(arch) + "\n" + ModelCatalog.BigEndianDefinition(arch) + "\n", script, StringComparison.Ordinal);
                Assert.StartsWith($"; models/{file} on {arch}, as `prove` checks it", script, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("32le")]
    [InlineData("32be")]
    [InlineData("64le")]
    [InlineData("64be")]
    public void Emit_ZeroGrowth_SolverAnswersUnsatOncePerObligation(string arch)
    {
        // The z3-only option is left out: in 4.8.12 options can leak into later contexts of the test process.
        string script = string.Join('\n', ModelCatalog.LoadEmbedded().Emit("zero-growth.smt2", arch).Split('\n').Where(l => !l.StartsWith("(set-option", StringComparison.Ordinal)));
        using var solver = new Z3NativeSolver();
        Assert.Equal(Enumerable.Repeat("unsat", 7), solver.Run(script).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Emit_OneRequirement_OnlyItsObligations()
    {
        string script = ModelCatalog.LoadEmbedded().Emit("zero-growth.smt2", "64be", "ZV-006");
        Assert.Equal(["ZV-006/overflow-throws"], ObligationLabel().Matches(script).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Emit_UnknownFileOrArchitecture_Throws()
    {
        var catalog = ModelCatalog.LoadEmbedded();
        Assert.StartsWith("no model file named prelude.smt2; the model files are architecture.smt2, ", Assert.Throws<KeyNotFoundException>(() => catalog.Emit("prelude.smt2", "64le")).Message, StringComparison.Ordinal);
        Assert.StartsWith("unknown architecture '16le' (expected 32le, 32be, 64le, 64be)", Assert.Throws<ArgumentException>(() => catalog.Emit("zero-growth.smt2", "16le")).Message, StringComparison.Ordinal);
    }

    private static string? Definition(string script, string name) =>
        script.Split('\n').SingleOrDefault(l => l.StartsWith($"(define-fun {name} ()", StringComparison.Ordinal));

    [GeneratedRegex("^\\(set-info :obligation \"([^\"]+)\"\\)$", RegexOptions.Multiline)]
    private static partial Regex ObligationLabel();
}
