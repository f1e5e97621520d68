using Conformance.Reports;
using Conformance.Suite;

namespace Cli.Tests;

public class RunCommandTests
{
    public class BadUsage
    {
        [Theory]
        [InlineData(new[] { "run", "--arch", "99xx" }, "--arch 99xx")]
        [InlineData(new[] { "run", "--arch", "32le,mips" }, "'mips' is not an architecture")]
        [InlineData(new[] { "run", "--shard", "3/2" }, "--shard 3/2")]
        [InlineData(new[] { "run", "--shard", "x" }, "--shard x")]
        [InlineData(new[] { "run", "--requirement", "ZV-999" }, "--requirement ZV-999")]
        [InlineData(new[] { "run", "--feature", "zero.imaginary" }, "--feature zero.imaginary")]
        [InlineData(new[] { "run", "--adapter", "reference:99xx" }, "--adapter reference:99xx")]
        [InlineData(new[] { "run", "--adapter", "telepathy" }, "--adapter telepathy")]
        [InlineData(new[] { "run", "--seed", "minus-one" }, "minus-one")]
        [InlineData(new[] { "run", "--no-such-flag" }, "--no-such-flag")]
        [InlineData(new[] { "run", "--adapter", "exec:" }, "--adapter exec:")]
        [InlineData(new[] { "run", "--adapter", "exec:   " }, "names no program")]
        [InlineData(new[] { "run", "--request-timeout", "0" }, "--request-timeout 0")]
        [InlineData(new[] { "run", "--request-timeout", "-3" }, "--request-timeout -3")]
        [InlineData(new[] { "run", "--run-timeout", "soon" }, "soon")]
        [InlineData(new[] { "run", "--max-restarts", "-1" }, "--max-restarts -1")]
        [InlineData(new[] { "run", "--race-trials", "0" }, "--race-trials 0: expected 1..1000")]
        [InlineData(new[] { "run", "--race-trials", "1001" }, "--race-trials 1001")]
        [InlineData(new[] { "run", "--race-budget", "0" }, "--race-budget 0")]
        [InlineData(new[] { "run", "--race-budget", "-1" }, "--race-budget -1")]
        [InlineData(new[] { "serve" }, "Required argument missing for command: 'serve'")]
        [InlineData(new[] { "frobnicate" }, "frobnicate")]
        [InlineData(new[] { "report", "merge", "/nonexistent/results.jsonl", "--html", "/tmp/x.html" }, "/nonexistent/results.jsonl")]
        public void BadArgument_ExitsTwoNamingIt(string[] args, string named)
        {
            var (exit, _, err) = CliHarness.Invoke(args);
            Assert.True(exit == 2, $"exit {exit} for {string.Join(' ', args)}; stderr: {err}");
            Assert.Contains(named, err, StringComparison.Ordinal);
        }
    }

    public class ReferenceRun
    {
        /// <summary>
        /// The default run: the reference in both its designs (the seed's 2015 design and gc's) on four architectures.
        /// No case fails or errs; a case is not applicable only where the design does not claim the requirement's
        /// feature; and every requirement in force passes on each of its architectures in at least one design.
        /// </summary>
        [Fact]
        [Requirement("AR-001", "AR-002", "AR-003", "SV-001", "SV-002", "SV-003", "SV-004", "SV-005", "SV-006", "SV-007", "SV-008", "SV-009", "SV-010", "SV-011", "ZV-001", "ZV-002", "ZV-003", "ZV-004", "ZV-005", "ZV-006", "ZV-007", "ZV-008", "ZV-009", "ZV-011", "ZV-012", "ZV-014", "ZV-015", "ZV-016", "ZV-017", "ZV-018")]
        public void ReferenceOnFourArchitectures_PassesEveryCaseOfEveryRequirement()
        {
            string json = CliHarness.TempFile(".jsonl");
            var (exit, output, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "7", "--json", json);
            var results = JsonLinesSink.Read(json, out var headers);
            AssertOnlyPassesAndUnclaimed(results, err);
            Assert.Equal(0, exit);
            Assert.Equal(["reference 32le", "reference 32be", "reference 64le", "reference 64be", "reference-gc 32le", "reference-gc 32be", "reference-gc 64le", "reference-gc 64be"],
                headers.Select(h => $"{h.Runtime} {h.Arch}"));
            var catalog = Conformance.Requirements.RequirementCatalog.LoadEmbedded();
            foreach (var req in catalog.Active)
            {
                foreach (var arch in req.Architectures)
                {
                    Assert.True(results.Any(r => r.Requirement == req.Id && r.Arch == arch && r.Verdict == Verdict.Pass), $"no passing case of {req.Id} on {arch}");
                }
            }
            Assert.Contains("ZV-005", output, StringComparison.Ordinal); // the matrix
            // SV-007's every-state case judges the 256 table slots of every state; a table that reads as the state before
            // showed it is judged once and counted again, so a clean run makes 256 observations per state, whatever it skips.
            var tableEveryState = results.Where(r => r.CaseId == "SV-007/every-state").ToList();
            Assert.Equal(8, tableEveryState.Count);
            Assert.All(tableEveryState, r => Assert.Equal(
                $"{256 * long.Parse(System.Text.RegularExpressions.Regex.Match(r.Input, @"\((\d+) checks\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)} observations, all as required", r.Observed));
        }

        /// <summary>
        /// A table that breaks SV-007 (written little-endian on a big-endian machine) fails the every-state case on the
        /// first slot that differs, named in the input, though later states show the same table and are not judged again.
        /// </summary>
        [Fact]
        [Requirement("SV-007")]
        public void TableWrittenLittleEndian_FailsTheEveryStateCase_NamingTheSlot()
        {
            string json = CliHarness.TempFile(".jsonl");
            var (exit, _, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--adapter", "zoo:table-little-endian:64be", "--requirement", "SV-007", "--seed", "7", "--json", json);
            var everyState = Assert.Single(JsonLinesSink.Read(json, out _), r => r.CaseId == "SV-007/every-state");
            Assert.True(exit == 1, $"exit {exit}: {err}");
            Assert.Equal(Verdict.Fail, everyState.Verdict);
            Assert.EndsWith(": table slot 1", everyState.Input, StringComparison.Ordinal);
            Assert.Equal("the slot's 8 bytes in address order [be=1, v=1, raw=0x100000000000000]", everyState.Observed);
        }

        /// <summary>Every verdict is a pass, or "not applicable" because the runtime does not claim the requirement's feature.</summary>
        private static void AssertOnlyPassesAndUnclaimed(IReadOnlyList<CaseResult> results, string err)
        {
            var bad = results.Where(r => r.Verdict != Verdict.Pass && !(r.Verdict == Verdict.NotApplicable && r.Reason.Contains("does not claim feature", StringComparison.Ordinal)))
                .Take(5).Select(r => $"{r.Verdict} {r.Requirement} {r.Arch} {r.CaseId}: {r.Reason}").ToList();
            Assert.True(bad.Count == 0, string.Join("\n", bad) + "\n" + err);
            Assert.Contains(results, r => r.Verdict == Verdict.Pass);
        }

        /// <summary>
        /// The suite against the reference on one architecture, in each of its two designs (the seed's on-demand buffer,
        /// gc's absent large types). Mutation testing of the reference by the suite alone (tests/Cli.Tests/stryker-config.json)
        /// selects these eight: one case per architecture and design lets Stryker stop at the first that catches a
        /// mutant, and a mutant of either design's code path meets the suite.
        /// </summary>
        /// <param name="design">reference or reference-gc.</param>
        /// <param name="arch">32le, 32be, 64le or 64be.</param>
        [Theory]
        [InlineData("reference", "32le")]
        [InlineData("reference", "32be")]
        [InlineData("reference", "64le")]
        [InlineData("reference", "64be")]
        [InlineData("reference-gc", "32le")]
        [InlineData("reference-gc", "32be")]
        [InlineData("reference-gc", "64le")]
        [InlineData("reference-gc", "64be")]
        public void SuiteOnOneArchitecture_PassesTheReference(string design, string arch)
        {
            string json = CliHarness.TempFile(".jsonl");
            var (exit, _, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "7", "--adapter", $"{design}:{arch}", "--json", json);
            var results = JsonLinesSink.Read(json, out var headers);
            AssertOnlyPassesAndUnclaimed(results, err);
            Assert.Equal(0, exit);
            Assert.Equal([arch], headers.Select(h => h.Arch));
            Assert.Equal([design], headers.Select(h => h.Runtime));
            Assert.NotEmpty(results);
        }

        [Fact]
        public void Shards_PartitionTheSuite_ExactlyOnce()
        {
            var ids = new List<string>();
            for (int k = 1; k <= 3; k++)
            {
                string json = CliHarness.TempFile(".jsonl");
                var (exit, _, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "3", "--adapter", "reference:32be", "--shard", $"{k}/3", "--json", json);
                Assert.True(exit == 0, err);
                ids.AddRange(JsonLinesSink.Read(json, out _).Select(r => r.CaseId));
            }
            string whole = CliHarness.TempFile(".jsonl");
            CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "3", "--adapter", "reference:32be", "--json", whole);
            var all = JsonLinesSink.Read(whole, out _).Select(r => r.CaseId).ToList();
            // The "<ID>/every-state" cases judge the shared state a shard's own cases left, so every shard has its own
            // ("<ID>/every-state/shard-k-of-3"); every other case runs in exactly one shard.
            static bool EveryState(string id) => id.Contains("/every-state", StringComparison.Ordinal);
            var everyState = all.Where(EveryState).ToList();
            Assert.NotEmpty(everyState);
            Assert.Equal(everyState.SelectMany(id => Enumerable.Range(1, 3).Select(k => $"{id}/shard-{k}-of-3")).Order(StringComparer.Ordinal),
                ids.Where(EveryState).Order(StringComparer.Ordinal));
            Assert.Equal(all.Where(id => !EveryState(id)).Order(StringComparer.Ordinal), ids.Where(id => !EveryState(id)).Order(StringComparer.Ordinal));
        }

        [Fact]
        [Requirement("SV-002")]
        public void RequirementFilter_RunsOnlyThatRequirement()
        {
            string json = CliHarness.TempFile(".jsonl");
            var (exit, _, err) = CliHarness.Invoke("run", "--no-prove", "--no-zoo", "--seed", "1", "--adapter", "reference:64le", "--requirement", "SV-002", "--json", json);
            Assert.True(exit == 0, err);
            var results = JsonLinesSink.Read(json, out _);
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.Equal("SV-002", r.Requirement));
        }

        [Fact]
        public void KilledMidRun_KeepsEveryFinishedResult()
        {
            string json = CliHarness.TempFile(".jsonl");
            using var p = CliHarness.Start("run", "--no-prove", "--no-zoo", "--seed", "5", "--json", json);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && (!File.Exists(json) || new FileInfo(json).Length < 200_000))
            {
                Thread.Sleep(20);
            }
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            var lines = File.ReadAllLines(json);
            Assert.True(lines.Length > 100, $"only {lines.Length} lines were written before the kill");
            var results = JsonLinesSink.Read(json, out var headers);
            Assert.NotEmpty(headers);
            // Every complete line is a result (only a cut-off last line may be lost).
            Assert.InRange(results.Count, lines.Length - 1 - headers.Count - 1, lines.Length - headers.Count);
        }
    }
}
