using Conformance.Cli.Wiring;
using Conformance.Trace;

namespace Cli.Tests;

/// <summary>
/// trace reads its links from compiled code ([Implements] in the reference, [Requirement] in the compiled tests, the
/// zoo's typed variants) and the models' declared obligations; an ID in a comment links nothing.
/// </summary>
public class TraceTests
{
    private static TraceLinks Links(string root) => TraceWiring.Links(root);

    [Fact]
    public void Trace_ThisTree_HasNoOrphans()
    {
        var report = Traceability.Check(CliHarness.RepoRoot(), Inputs.ForTrace(), Links(CliHarness.RepoRoot()));
        Assert.True(report.Clean, string.Join("\n", report.Orphans));
        Assert.Equal(30, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.NotEmpty(r.Broken));
    }

    [Fact]
    public void Trace_RequirementWhoseOnlyReferenceLinkIsAComment_IsAGap()
    {
        string root = CliHarness.RepoRoot();
        var links = Links(root);
        // src/Reference mentions ZV-005 in many comments; without its [Implements] members nothing links it.
        Assert.Contains("ZV-005", File.ReadAllText(Path.Combine(root, "src", "Reference", "ZeroValues", "ReferenceRuntime.ZeroValues.cs")), StringComparison.Ordinal);
        var commentsOnly = links with { ReferenceLinks = [.. links.ReferenceLinks.Where(l => l.Id != "ZV-005")] };
        var report = Traceability.Check(root, Inputs.ForTrace(), commentsOnly);
        Assert.Contains("ZV-005: no reference code citing it", report.Orphans);
    }

    [Fact]
    public void Trace_TestsAreReadFromTheCompiledAssemblies()
    {
        var tests = TraceLinks.TestsIn(CliHarness.RepoRoot());
        Assert.Contains(tests, t => t.Id == "AR-003" && t.Site.StartsWith("Reference.Tests.", StringComparison.Ordinal));
        Assert.Contains(tests, t => t.Id == "ZV-011" && t.Site.Contains("Tests", StringComparison.Ordinal));
        Assert.DoesNotContain(tests, t => t.Id is "ZV-010" or "ZV-013");
    }

    [Fact]
    public void Trace_PlantedOrphans_FailNamingThem()
    {
        string root = CliHarness.RepoRoot();
        string copy = Directory.CreateTempSubdirectory("trace-").FullName;
        foreach (var dir in new[] { "spec", "models", Path.Combine("src", "Reference"), "tests" })
        {
            CopyTree(Path.Combine(root, dir), Path.Combine(copy, dir));
        }
        // An ID cited but never defined, and a withdrawn one cited.
        File.WriteAllText(Path.Combine(copy, "src", "Reference", "Planted.cs"), "// ZV-099: a requirement nobody wrote down\n");
        var spec = Path.Combine(copy, "spec", "zero-values.md");
        File.AppendAllText(spec, "\n### ZV-098: Withdrawn example\n- **Statement**: x.\n- **Rationale**: y.\n- **Architectures**: all\n- **Feature**: zero.shared-static\n- **Status**: withdrawn (planted by a test)\n");
        var links = Links(root);
        var planted = links with { TestLinks = [.. links.TestLinks, ("ZV-098", "Planted.Test")] };
        var report = Traceability.Check(copy, Inputs.ForTrace(), planted);
        Assert.False(report.Clean);
        Assert.Contains(report.Orphans, o => o.StartsWith("ZV-099 cited at src/Reference/Planted.cs:1 is not defined", StringComparison.Ordinal));
        Assert.Contains(report.Orphans, o => o.StartsWith("ZV-098 cited at [Requirement] on Planted.Test is withdrawn", StringComparison.Ordinal));
        var (exit, _, err) = CliHarness.Invoke("trace", "--root", copy);
        Assert.Equal(1, exit);
        Assert.Contains("ZV-099", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_RequirementWithoutTests_IsAGap()
    {
        string root = CliHarness.RepoRoot();
        string copy = Directory.CreateTempSubdirectory("trace-").FullName;
        foreach (var dir in new[] { "spec", "models", Path.Combine("src", "Reference") })
        {
            CopyTree(Path.Combine(root, dir), Path.Combine(copy, dir));
        }
        // A copy without tests/ has no compiled test assembly: no requirement has a test.
        var report = Traceability.Check(copy, Inputs.ForTrace(), Links(copy));
        Assert.Contains(report.Orphans, o => o == "ZV-005: no test");
    }

    /// <summary>
    /// docs/adding-a-requirement.md, rehearsed: a requirement written in spec/ alone is named by trace with every place
    /// still missing, and each place, once it exists, leaves the list (the model obligation read from models/, the
    /// declarations from compiled code); the last, a case, needs code in src/Conformance/Suite/Cases.
    /// </summary>
    [Fact]
    public void Trace_NewRequirement_NamesEachPlaceStillMissing_UntilItExists()
    {
        string root = CliHarness.RepoRoot();
        string copy = Directory.CreateTempSubdirectory("trace-").FullName;
        foreach (var dir in new[] { "spec", "models" })
        {
            CopyTree(Path.Combine(root, dir), Path.Combine(copy, dir));
        }
        File.AppendAllText(Path.Combine(copy, "spec", "zero-values.md"),
            "\n### ZV-097: Rehearsed requirement\n- **Statement**: x MUST y.\n- **Rationale**: z.\n- **Architectures**: all\n- **Feature**: zero.shared-static\n- **Status**: active\n");
        var links = Links(root);
        string? Missing() => Traceability.Check(copy, Inputs.ForTrace(), links).Orphans.SingleOrDefault(o => o.StartsWith("ZV-097", StringComparison.Ordinal));
        const string Broken = "no broken variant (zoo, seeded model bug, seam test or Go patch)";

        Assert.Equal($"ZV-097: no model obligation, no reference code citing it, no conformance case, no test, {Broken}", Missing());
        File.AppendAllText(Path.Combine(copy, "models", "zero-lookup.smt2"),
            "\n(push 1)\n(set-info :obligation \"rehearsed\")\n(set-info :requirement \"ZV-097\")\n(set-info :status unsat)\n(assert false)\n(check-sat)\n(pop 1)\n");
        Assert.Equal($"ZV-097: no reference code citing it, no conformance case, no test, {Broken}", Missing());
        links = links with { ReferenceLinks = [.. links.ReferenceLinks, ("ZV-097", "ReferenceRuntime.Rehearsed")] };
        Assert.Equal($"ZV-097: no conformance case, no test, {Broken}", Missing());
        links = links with { Broken = [.. links.Broken, ("ZV-097", "zoo:rehearsed")] };
        Assert.Equal("ZV-097: no conformance case, no test", Missing());
        links = links with { TestLinks = [.. links.TestLinks, ("ZV-097", "RehearsalTests.Rehearsed")] };
        Assert.Equal("ZV-097: no conformance case", Missing());
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, file);
            if (rel.StartsWith("bin", StringComparison.Ordinal) || rel.StartsWith("obj", StringComparison.Ordinal) || rel.Contains("/bin/", StringComparison.Ordinal) || rel.Contains("/obj/", StringComparison.Ordinal))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, rel))!);
            File.Copy(file, Path.Combine(to, rel));
        }
    }
}
