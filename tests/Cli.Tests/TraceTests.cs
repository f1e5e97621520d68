using Conformance.Cli.Wiring;
using Conformance.Trace;

namespace Cli.Tests;

public class TraceTests
{
    [Fact]
    public void Trace_ThisTree_HasNoOrphans()
    {
        var report = Traceability.Check(CliHarness.RepoRoot(), Inputs.ForTrace());
        Assert.True(report.Clean, string.Join("\n", report.Orphans));
        Assert.Equal(25, report.Rows.Count);
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
        File.WriteAllText(Path.Combine(copy, "tests", "Planted.cs"), "[Trait(\"Requirement\", \"ZV-098\")]\npublic void Planted() { }\n");
        var report = Traceability.Check(copy, Inputs.ForTrace());
        Assert.False(report.Clean);
        Assert.Contains(report.Orphans, o => o.StartsWith("ZV-099 cited at src/Reference/Planted.cs:1 is not defined", StringComparison.Ordinal));
        Assert.Contains(report.Orphans, o => o.StartsWith("ZV-098 cited at tests/Planted.cs:1 is withdrawn", StringComparison.Ordinal));
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
        var report = Traceability.Check(copy, Inputs.ForTrace());
        Assert.Contains(report.Orphans, o => o == "ZV-005: no test");
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
