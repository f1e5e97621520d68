using System.Globalization;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Cli.Tests;

/// <summary>
/// The .NET tool as people install it (README, "Install the tool"): packed from this build, installed into a
/// fresh tool path from a local folder, and run from a temporary directory that holds no clone of the suite,
/// so that anything still reading the repository at run time fails here.
/// </summary>
public class ToolPackageTests(ToolPackageTests.InstalledTool tool, ITestOutputHelper log) : IClassFixture<ToolPackageTests.InstalledTool>
{
    [Fact]
    public void Version_FromUnrelatedDirectory_PrintsThePackedVersion()
    {
        log.WriteLine($"pack {tool.PackSeconds:0.0} s, install {tool.InstallSeconds:0.0} s, package {tool.Version}");
        var (exit, output, err) = tool.Run("--version");
        Assert.True(exit == 0, $"--version exited {exit}: {err}");
        Assert.StartsWith(tool.Version, output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_QuickReference64le_PassesEveryCaseFromEmbeddedModels()
    {
        var (exit, output, err) = tool.Run("run", "--no-prove", "--no-zoo", "--arch", "64le", "--seed", "7", "--json", "run.jsonl", "--html", "run.html");
        Assert.True(exit == 0, $"run exited {exit}:\n{output}\n{err}");
        // Both designs of the reference: each passes every case of the features it claims, the rest not applicable.
        var total = Regex.Match(output, @"^(\d+) cases: (\d+) passed, 0 failed or errored, (\d+) not applicable$", RegexOptions.Multiline);
        Assert.True(total.Success, $"no closing line '<N> cases: <N> passed, 0 failed or errored, <N> not applicable' in:\n{output}");
        Assert.Equal(long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(total.Groups[2].Value, CultureInfo.InvariantCulture) + long.Parse(total.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Contains("reference 64le: ", output, StringComparison.Ordinal);
        Assert.Contains("reference-gc 64le: ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(tool.WorkDir, "run.jsonl")), "run --json wrote no file in the working directory");
        Assert.Contains("<section id=\"overview\">", File.ReadAllText(Path.Combine(tool.WorkDir, "run.html")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The installed tool proves from the models it embeds, with the solver binding it loads where it is installed. It
    /// carries the Conformance project's own build output byte for byte (packed with --no-build), the assembly every test
    /// project copies, so its embedded models are the ones Conformance.Tests' ProverTests prove, every obligation on
    /// every architecture against the golden list (compared with the project's output, not this test's copy, which a
    /// coverage run instruments in place); proving them all again through the tool (half a minute of Z3) would test
    /// nothing more. Here the tool proves
    /// every obligation of one requirement (ZV-005, all four architectures) from a directory that holds no clone.
    /// </summary>
    [Fact]
    public void Prove_EmbeddedModels_TheAssemblyUnderTest_ProvesARequirementsObligations()
    {
        string installed = Directory.GetFiles(tool.ToolPath, "Conformance.dll", SearchOption.AllDirectories).Single();
        string underTest = Path.Combine(CliHarness.RepoRoot(), "src", "Conformance", "bin", InstalledTool.Configuration, "net10.0", "Conformance.dll");
        Assert.True(File.ReadAllBytes(installed).AsSpan().SequenceEqual(File.ReadAllBytes(underTest)), $"the installed {installed} is not the {underTest} under test");
        var (exit, output, err) = tool.Run("prove", "--requirement", "ZV-005");
        Assert.True(exit == 0, $"prove exited {exit}:\n{output}\n{err}");
        var summary = Regex.Match(output, @"prove: (\d+) of (\d+) obligations proved \(0 counterexamples, 0 unknown, 0 errors\)");
        Assert.True(summary.Success, $"no prove summary in:\n{output}");
        int expected = Conformance.Models.ModelCatalog.LoadEmbedded().Obligations.Count(o => o.Requirements.Contains("ZV-005"));
        Assert.Equal((expected, expected), (int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(["32be", "32le", "64be", "64le"], Regex.Matches(output, @"^ZV-005 +(\S+) +proved ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Prove_ModelsFromAClone_ReadsThatDirectory()
    {
        var (exit, output, err) = tool.Run("prove", "--requirement", "SV-001", "--models", Path.Combine(CliHarness.RepoRoot(), "models"));
        Assert.True(exit == 0, $"prove --models exited {exit}:\n{output}\n{err}");
        Assert.Contains("SV-001/table-layout", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_WithoutAClone_SaysWhatItNeeds()
    {
        var (exit, _, err) = tool.Run("trace");
        Assert.Equal(2, exit);
        Assert.Contains("trace checks a clone of the suite", err, StringComparison.Ordinal);
        Assert.Contains("--root DIR", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_ReachedOverExecByTheTool_AnswersLikeAThirdPartyRuntime()
    {
        var (exit, output, err) = tool.Run("run", "--no-prove", "--no-zoo", "--requirement", "SV-001", "--seed", "7",
            "--adapter", $"exec:{tool.Command} serve reference:64be");
        Assert.True(exit == 0, $"run over exec exited {exit}:\n{output}\n{err}");
        Assert.Matches(new Regex(@"reference 64be: \d+ passed, 0 failed, 0 errors"), output);
    }

    /// <summary>
    /// Packs the CLI once per test run (from the build under test: --no-build), installs it into a new tool
    /// path from that local folder, and gives each test a working directory outside the repository.
    /// </summary>
    public sealed class InstalledTool : IDisposable
    {
        private const string PackageId = "go-zero-conformance";
        private readonly string root = Directory.CreateTempSubdirectory("tool-package-").FullName;

#if DEBUG
        /// <summary>The build configuration under test, which the package is packed from.</summary>
        public const string Configuration = "Debug";
#else
        /// <summary>The build configuration under test, which the package is packed from.</summary>
        public const string Configuration = "Release";
#endif

        public InstalledTool()
        {
            string feed = Path.Combine(root, "feed");
            var clock = Stopwatch.StartNew();
            CliHarness.Succeed("dotnet", CliHarness.RepoRoot(), "pack", Path.Combine(CliHarness.RepoRoot(), "src", "Conformance.Cli"),
                "--no-build", "-c", Configuration, "-o", feed, "-nologo");
            var package = Directory.GetFiles(feed, $"{PackageId}.*.nupkg").Single();
            Version = Path.GetFileNameWithoutExtension(package)[(PackageId.Length + 1)..];
            PackSeconds = clock.Elapsed.TotalSeconds;
            WorkDir = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
            string tools = Path.Combine(root, "tools");
            clock.Restart();
            // The README's command, with the version pinned so that no other source can supply another build.
            CliHarness.Succeed("dotnet", WorkDir, "tool", "install", "--tool-path", tools, "--add-source", feed, "--version", Version, PackageId);
            InstallSeconds = clock.Elapsed.TotalSeconds;
            ToolPath = tools;
            Command = Path.Combine(tools, PackageId);
            Assert.True(File.Exists(Command), $"tool install left no {Command}");
        }

        /// <summary>The tool path the package is installed into (the command and its store).</summary>
        public string ToolPath { get; }

        /// <summary>The installed command's full path.</summary>
        public string Command { get; }

        /// <summary>The packed version, from the package's file name.</summary>
        public string Version { get; }

        /// <summary>A temporary directory outside the repository; every run starts here.</summary>
        public string WorkDir { get; }

        public double PackSeconds { get; }

        public double InstallSeconds { get; }

        public (int Exit, string Out, string Err) Run(params string[] args) => CliHarness.Capture(Command, WorkDir, args);

        public void Dispose()
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // a temporary folder left behind is harmless
            }
        }
    }
}
