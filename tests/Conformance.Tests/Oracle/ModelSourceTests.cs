using System.Reflection;
using System.Text;
using Conformance.Oracle;
using Conformance.Tests.Exec;

namespace Conformance.Tests.Oracle;

/// <summary>Where the models come from: the *.smt2 files of a directory or of an assembly's resources, by name.</summary>
public sealed class ModelSourceTests
{
    [Fact]
    public void Embedded_AreTheRepositorysModels_InOrdinalOrder()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "models"), "*.smt2").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 1, "need several models to see an order");
        Assert.Equal(files.Select(f => new ModelSource(Path.GetFileName(f), File.ReadAllText(f))), ModelSource.Embedded());
    }

    [Fact]
    public void Embedded_IncludeThePrelude_WithDefinitionsOnly()
    {
        var prelude = Assert.Single(ModelSource.Embedded(), s => s.Name == ModelSource.PreludeName);
        Assert.Contains("(define-fun table-offset ", prelude.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(push", prelude.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromAssembly_TakesTheSmt2ResourcesUnderThePrefix_InOrdinalOrder()
    {
        var assembly = new ResourceAssembly(
            ("models/b.smt2", "(b)"), ("models/README.md", "readme"), ("models/B.smt2", "(B)"), ("spec/c.smt2", "(c)"),
            ("models/a.smt2", "(a)"), ("models/a.smt2.orig", "(orig)"), ("modelsx/d.smt2", "(d)"));
        Assert.Equal(
            [new ModelSource("B.smt2", "(B)"), new ModelSource("a.smt2", "(a)"), new ModelSource("b.smt2", "(b)")],
            ModelSource.FromAssembly(assembly, "models/"));
    }

    [Fact]
    public void FromAssembly_ListedResourceThatCannotBeOpened_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ModelSource.FromAssembly(new ResourceAssembly(("models/gone.smt2", null)), "models/"));
        Assert.Equal("resource models/gone.smt2 is listed but cannot be opened", e.Message);
    }

    [Fact]
    public void FromAssembly_NullArguments_Throw()
    {
        var assembly = new ResourceAssembly(("models/a.smt2", "(a)"));
        Assert.Equal("assembly", Assert.Throws<ArgumentNullException>(() => ModelSource.FromAssembly(null!, "models/")).ParamName);
        Assert.Equal("prefix", Assert.Throws<ArgumentNullException>(() => ModelSource.FromAssembly(assembly, null!)).ParamName);
    }

    [Fact]
    public void FromDirectory_TakesTheSmt2FilesDirectlyInIt_InOrdinalOrder()
    {
        var dir = Directory.CreateTempSubdirectory("model-source-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "b.smt2"), "(b)");
            File.WriteAllText(Path.Combine(dir.FullName, "B.smt2"), "(B)");
            File.WriteAllText(Path.Combine(dir.FullName, "a.smt2"), "(a)");
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "notes");
            File.WriteAllText(Path.Combine(dir.CreateSubdirectory("sub").FullName, "c.smt2"), "(c)");
            Assert.Equal(
                [new ModelSource("B.smt2", "(B)"), new ModelSource("a.smt2", "(a)"), new ModelSource("b.smt2", "(b)")],
                ModelSource.FromDirectory(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromDirectory_Null_Throws()
    {
        Assert.Equal("directory", Assert.Throws<ArgumentNullException>(() => ModelSource.FromDirectory(null!)).ParamName);
    }

    /// <summary>An assembly that has exactly the given resources; a null text is listed but cannot be opened.</summary>
    private sealed class ResourceAssembly(params (string Name, string? Text)[] resources) : Assembly
    {
        public override string[] GetManifestResourceNames() => [.. resources.Select(r => r.Name)];

        public override Stream? GetManifestResourceStream(string name) =>
            resources.Single(r => r.Name == name).Text is { } text ? new MemoryStream(Encoding.UTF8.GetBytes(text)) : null;
    }
}
