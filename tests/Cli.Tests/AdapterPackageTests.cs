using System.Text.RegularExpressions;
using Conformance.Adapters;

namespace Cli.Tests;

/// <summary>
/// The adapter package as a third party uses it: src/Conformance.Adapters packed into a local folder, the sample
/// runtime (samples/TableRuntime) built against that package from that folder (never a project reference, with a
/// package cache of its own so that no earlier build of the package is used), then served over the exec protocol
/// and run through the whole suite on each architecture: every case of the features it claims passes.
/// </summary>
public sealed class AdapterPackageTests(AdapterPackageTests.BuiltSample sample) : IClassFixture<AdapterPackageTests.BuiltSample>
{
    [Theory]
    [InlineData("32le")]
    [InlineData("32be")]
    [InlineData("64le")]
    [InlineData("64be")]
    public void Sample_BuiltFromTheLocalFeed_PassesEveryClaimedCase(string arch)
    {
        var (exit, output, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "7",
            "--adapter", $"exec:dotnet {sample.Dll} {arch}");
        Assert.True(exit == 0, $"run against the sample on {arch} exited {exit}:\n{output}\n{err}");
        var line = Regex.Match(output, $@"^table-sample {arch}: (\d+) passed, 0 failed, 0 errors, \d+ not applicable", RegexOptions.Multiline);
        Assert.True(line.Success, $"no clean summary line for table-sample {arch} in:\n{output}");
        // The small-value table's cases ran (exhaustive over 0..255 per kind), not only "not applicable" ones.
        Assert.True(int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 5000, $"only {line.Groups[1].Value} cases passed");
    }

    [Fact]
    public void Package_HoldsTheAdapterAssemblyItsDocsAndReadme()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(sample.Package);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/Conformance.Adapters.dll", names);
        Assert.Contains("lib/net10.0/Conformance.Adapters.xml", names);
        Assert.Contains("README.md", names);
        // Only the adapter side: the suite, the oracle and the reference stay out of the package.
        Assert.DoesNotContain(names, n => n.EndsWith("/Conformance.dll", StringComparison.Ordinal) || n.EndsWith("/Reference.dll", StringComparison.Ordinal));
        Assert.Equal("Conformance.Adapters", typeof(IRuntimeAdapter).Assembly.GetName().Name);
    }

    /// <summary>Packs the adapter package once (from the build under test) and builds the sample against it.</summary>
    public sealed class BuiltSample : IDisposable
    {
        private const string PackageId = "GoZeroConformance.Adapters";
        private readonly string root = Directory.CreateTempSubdirectory("adapter-package-").FullName;

        public BuiltSample()
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            string repo = CliHarness.RepoRoot();
            string feed = Path.Combine(root, "feed");
            CliHarness.Succeed("dotnet", repo, "pack", Path.Combine(repo, "src", "Conformance.Adapters"), "--no-build", "-c", configuration, "-o", feed, "-nologo");
            Package = Directory.GetFiles(feed, $"{PackageId}.*.nupkg").Single();
            string output = Path.Combine(root, "sample");
            // --source: the local folder is the only package source; --packages: a cache of this build's own.
            CliHarness.Succeed("dotnet", repo, "build", Path.Combine(repo, "samples", "TableRuntime"), "--source", feed, "--packages", Path.Combine(root, "packages"),
                "-o", output, "-nologo", "-v", "q");
            Dll = Path.Combine(output, "TableRuntime.dll");
            Assert.True(File.Exists(Dll), $"the sample's build left no {Dll}");
        }

        /// <summary>The packed adapter package.</summary>
        public string Package { get; }

        /// <summary>The sample runtime, built against the package.</summary>
        public string Dll { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // a temporary folder; the next run makes its own
            }
        }
    }
}
