using Conformance.Reports;
using Conformance.Requirements;
using Conformance.Suite;

namespace Cli.Tests;

/// <summary>What the results page is computed from: runs, the grid's rows and columns, distinct failures.</summary>
public class ReportModelTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.LoadEmbedded();

    private static CaseResult R(string runtime, string version, string arch, string caseId, Verdict verdict, string observed = "o", string input = "i") =>
        new(runtime, version, arch, caseId, caseId.Split('/')[0], "d", verdict, input, "e", observed, "r", 1);

    public class SplitVersion
    {
        [Theory]
        [InlineData("gc", "go1.19.8 linux/amd64", "64le", "gc go1.19.8", "amd64")]
        [InlineData("gccgo", "12.2.0 (Debian 12.2.0-14+deb12u1) linux/s390x", "64be", "gccgo 12.2.0", "s390x")]
        [InlineData("reference", "1.0.0.0", "32be", "reference 1.0.0.0", "32be")]
        [InlineData("bare", "", "64le", "bare", "64le")]
        [InlineData("odd", "linux/mips", "32be", "odd", "mips")]
        [InlineData("spaced", "2.0 Linux/X86", "64le", "spaced 2.0", "64le")]
        public void Version_RowAndColumn(string runtime, string version, string arch, string family, string platform)
        {
            Assert.Equal((family, platform), ReportModel.SplitVersion(runtime, version, arch));
        }
    }

    public class Build
    {
        [Fact]
        public void SameFailureInThreeRuns_IsOneDistinctFailureNamingTheThree()
        {
            var results = new[] { "amd64", "arm64", "riscv64" }.Select(p => R("gc", $"go1.21.13 linux/{p}", "64le", "ZV-016/1025", Verdict.Fail))
                .Append(R("gc", "go1.21.13 linux/amd64", "64le", "SV-002/200", Verdict.Pass)).ToList();
            var model = ReportModel.Build(results, Catalog);
            var zv016 = model.Requirements.Single(r => r.Id == "ZV-016");
            var failure = Assert.Single(zv016.Failures);
            Assert.Equal(3, failure.Runs.Count);
            Assert.Equal("all 3 runs", model.DescribeRuns(failure.Runs));
        }

        [Fact]
        public void FailingRequirement_ComesFirst_InItsGroupAndTheList()
        {
            var results = new[] { R("gc", "go1.23.5 linux/386", "32le", "SV-002/1", Verdict.Pass), R("gc", "go1.23.5 linux/386", "32le", "ZV-012/1", Verdict.Fail) };
            var model = ReportModel.Build(results, Catalog);
            Assert.Equal("ZV-012", model.Requirements[0].Id);
            Assert.Equal("ZV-012", model.Groups[0].Requirements[0].Id);
            Assert.Equal(Status.Fail, model.Groups[0].Status);
            Assert.Equal("Shared zero values", model.Groups[0].Title);
        }

        [Fact]
        public void ErrorsAfterFailures_ThenByCase()
        {
            var results = new[]
            {
                R("gc", "1", "64le", "ZV-016/b", Verdict.Error), R("gc", "1", "64le", "ZV-016/10", Verdict.Fail), R("gc", "1", "64le", "ZV-016/9", Verdict.Fail),
            };
            var failures = ReportModel.Build(results, Catalog).Requirements.Single().Failures;
            Assert.Equal(["ZV-016/9", "ZV-016/10", "ZV-016/b"], failures.Select(f => f.CaseId));
        }

        [Fact]
        public void Columns_GroupedByWordAndOrder_RowsInNaturalOrder()
        {
            var results = new[] { ("go1.19.8", "s390x", "64be"), ("go1.9.7", "386", "32le"), ("go1.19.8", "mips", "32be"), ("go1.21.1", "amd64", "64le") }
                .Select(v => R("gc", $"{v.Item1} linux/{v.Item2}", v.Item3, "SV-002/1", Verdict.Pass)).ToList();
            var model = ReportModel.Build(results, Catalog);
            Assert.Equal(["386", "mips", "amd64", "s390x"], model.Columns.Select(c => c.Platform));
            Assert.Equal(["gc go1.9.7", "gc go1.19.8", "gc go1.21.1"], model.Families);
        }

        [Fact]
        public void RequirementNotInSpec_KeptUnderACounterAnchor()
        {
            var model = ReportModel.Build([R("gc", "1", "64le", "QQ-001/<x>", Verdict.Fail)], Catalog);
            var other = model.Requirements.Single(r => r.Id == "QQ-001");
            Assert.Null(other.Spec);
            Assert.StartsWith("req-other-", other.Anchor, StringComparison.Ordinal);
        }
    }

    public class DescribeRuns
    {
        [Fact]
        public void EveryRuntimeOnSomePlatforms_NamesThePlatformsOnce()
        {
            var results = new List<CaseResult>();
            foreach (var v in new[] { "go1.19.8", "go1.21.13" })
            {
                foreach (var p in new[] { "386", "arm", "amd64" })
                {
                    results.Add(R("gc", $"{v} linux/{p}", p == "amd64" ? "64le" : "32le", "ZV-016/1", p == "amd64" ? Verdict.Pass : Verdict.Fail));
                }
            }
            var model = ReportModel.Build(results, Catalog);
            var failure = model.Requirements.Single(r => r.Id == "ZV-016").Failures.Single();
            Assert.Equal("every runtime on 386, arm", model.DescribeRuns(failure.Runs));
        }

        [Fact]
        public void OneFamilyEverywhere_AnotherOnOnePlatform()
        {
            var results = new[]
            {
                R("gc", "go1.19.8 linux/386", "32le", "ZV-016/1", Verdict.Fail), R("gc", "go1.19.8 linux/arm", "32le", "ZV-016/1", Verdict.Fail),
                R("gccgo", "12.2.0 linux/386", "32le", "ZV-016/1", Verdict.Fail), R("gccgo", "12.2.0 linux/arm", "32le", "ZV-016/1", Verdict.Pass),
            };
            var model = ReportModel.Build(results, Catalog);
            var failure = model.Requirements.Single(r => r.Id == "ZV-016").Failures.Single();
            Assert.Equal("gc go1.19.8 (all 2); gccgo 12.2.0 on 386", model.DescribeRuns(failure.Runs));
        }
    }

    public class NaturalOrder
    {
        [Fact]
        public void VersionNumbers_ComparedAsNumbers()
        {
            var sorted = new[] { "go1.21.13", "go1.9", "go1.19.8", "go1.19.10", "gccgo" }.Order(NaturalComparer.Instance).ToList();
            Assert.Equal(["gccgo", "go1.9", "go1.19.8", "go1.19.10", "go1.21.13"], sorted);
        }
    }
}
