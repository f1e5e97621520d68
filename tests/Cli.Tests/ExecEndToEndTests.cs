using System.Text.RegularExpressions;
using Conformance.Reports;
using Conformance.Suite;

namespace Cli.Tests;

/// <summary>
/// `run --adapter exec:...` end to end, against the reference served over the protocol (`serve`): the exec
/// client and the suite together give the same verdict per case as the in-process reference, catch a broken
/// runtime through the protocol, and turn each adapter fault (from fault-proxy.sh) into an "error" on the
/// affected case only, restarting the adapter a bounded number of times and keeping every result.
/// </summary>
public class ExecEndToEndTests
{
    private static string Served(string runtime) => $"exec:dotnet {CliHarness.CliDll} serve {runtime}";

    private static string Proxied(string mode, int at, string once, string runtime) =>
        $"exec:bash {Path.Combine(CliHarness.RepoRoot(), "tests", "Cli.Tests", "fault-proxy.sh")} {mode} {at} {once} dotnet {CliHarness.CliDll} serve {runtime}";

    /// <summary>
    /// Runs the suite against <paramref name="adapter"/>; every run must end with a summary line, whatever happened. The race
    /// case runs its trials by count alone (a budget of 10^5 s): a budget in seconds made the number of trials, and so the
    /// race case's input and the every-state observations, depend on the machine's load, and two runs compared differed
    /// at load 20 for no fault of either.
    /// </summary>
    private static (int Exit, string Err, List<CaseResult> Results) Run(string adapter, params string[] more)
    {
        string json = CliHarness.TempFile(".jsonl");
        var (exit, _, err) = CliHarness.Invoke(["run", "--no-prove", "--no-zoo", "--seed", "11", "--race-budget", "100000", "--adapter", adapter, "--json", json, .. more]);
        Assert.True(File.ReadLines(json).Any(l => l.StartsWith("{\"type\":\"summary\"", StringComparison.Ordinal)), $"no summary line in {json}\n{err}");
        return (exit, err, JsonLinesSink.Read(json, out _).ToList());
    }

    private static string Describe(IEnumerable<CaseResult> results) =>
        string.Join("\n", results.Take(5).Select(r => $"{r.Verdict} {r.Requirement} {r.Arch} {r.CaseId}: {r.Reason}"));

    /// <summary>
    /// Differential: the reference in process and the reference over the protocol get the same verdict and the same
    /// observation in every case (every pointer, byte and count crossed the wire as JSON). Each architecture runs one
    /// quarter of the suite (its shard), so the four together cover every case once in the time of one full run. A scan
    /// of a large buffer reads it whole in process and samples it over the wire (ScanPlan): how much was read is the one
    /// part of an observation allowed to differ. Two test collections of two quarters each, so that they run side by side.
    /// </summary>
    /// <param name="arch">32le, 32be, 64le or 64be.</param>
    /// <param name="shard">The quarter of the suite run.</param>
    private static void SameVerdictAndObservationAsInProcess(string arch, string shard)
    {
        var inProcess = Run($"reference:{arch}", "--shard", shard);
        var overExec = Run(Served($"reference:{arch}"), "--shard", shard);
        Assert.True(overExec.Exit == 0, Describe(overExec.Results.Where(r => r.Verdict != Verdict.Pass)) + "\n" + overExec.Err);
        Assert.Equal(0, inProcess.Exit);
        Assert.All(overExec.Results, r => Assert.Equal(arch, r.Arch));
        static string AmountRead(string observed) => Regex.Replace(Regex.Replace(observed, @", 0x[0-9a-f]+ read\)", ", (amount) read)"),
            @"scans read \S+ of (\S+) zero-region bytes \([^)]*\)", "scans read (amount) of $1 zero-region bytes");
        var expected = inProcess.Results.ToDictionary(r => r.CaseId, r => (r.Verdict, AmountRead(r.Observed)));
        var observed = overExec.Results.ToDictionary(r => r.CaseId, r => (r.Verdict, AmountRead(r.Observed)));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), observed.Keys.Order(StringComparer.Ordinal));
        var differ = expected.Where(kv => observed[kv.Key] != kv.Value).Take(3)
            .Select(kv => $"{kv.Key}: in process {kv.Value}, over exec {observed[kv.Key]}").ToList();
        Assert.True(differ.Count == 0, string.Join("\n", differ));
    }

    /// <summary>The differential on the 32-bit architectures' quarters (see <see cref="SameVerdictAndObservationAsInProcess"/>).</summary>
    public class ReferenceOverExec32
    {
        [Theory]
        [InlineData("32le", "1/4")]
        [InlineData("32be", "2/4")]
        public void EveryCase_SameVerdictAndObservationAsInProcess(string arch, string shard) => SameVerdictAndObservationAsInProcess(arch, shard);
    }

    /// <summary>The differential on the 64-bit architectures' quarters (see <see cref="SameVerdictAndObservationAsInProcess"/>).</summary>
    public class ReferenceOverExec64
    {
        [Theory]
        [InlineData("64le", "3/4")]
        [InlineData("64be", "4/4")]
        public void EveryCase_SameVerdictAndObservationAsInProcess(string arch, string shard) => SameVerdictAndObservationAsInProcess(arch, shard);
    }

    public class ReferenceOverExec
    {
        /// <summary>
        /// Read-ahead (the default) against one request per round trip (--no-read-ahead), each case asking as it goes
        /// (--no-pipeline, which would take the conversions' read-ahead away): the same verdict and the same
        /// observation in every case of an eighth of the suite (conversions, types, maps, lookups, sequences, the state
        /// watch), in markedly fewer round trips, with answers taken from read-ahead (the client's traffic line on stderr).
        /// </summary>
        [Fact]
        public void ReadAhead_SameResultsInFewerRoundTrips()
        {
            var off = Run(Served("reference:64be"), "--shard", "5/8", "--no-read-ahead", "--no-pipeline");
            var on = Run(Served("reference:64be"), "--shard", "5/8", "--no-pipeline");
            Assert.Equal(off.Results.Select(r => (r.CaseId, r.Verdict, r.Observed)), on.Results.Select(r => (r.CaseId, r.Verdict, r.Observed)));
            static (long Requests, long Trips, long Early) Traffic(string err)
            {
                var m = Regex.Match(err, @"(\d+) requests in (\d+) round trips; (\d+) answers read ahead");
                Assert.True(m.Success, $"no traffic line on stderr:\n{err}");
                return (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                    long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            var (offRequests, offTrips, offEarly) = Traffic(off.Err);
            var (_, onTrips, onEarly) = Traffic(on.Err);
            Assert.Equal((offRequests, 0L), (offTrips, offEarly));
            Assert.True(onTrips < offTrips * 3 / 4, $"read-ahead took {onTrips} round trips, one request at a time {offTrips}");
            Assert.True(onEarly > offRequests / 4, $"only {onEarly} of {offRequests} answers were read ahead");
        }

        /// <summary>
        /// Cases sent ahead (the default) against every case asking as it goes (--no-pipeline): the same verdict, input and
        /// observation in every case of an eighth of the suite, but for how many checks and observations the every-state
        /// cases count (a window's state is judged once), in fewer round trips.
        /// </summary>
        [Fact]
        public void Pipeline_SameResultsInFewerRoundTrips()
        {
            var off = Run(Served("reference:32be"), "--shard", "3/8", "--no-pipeline");
            var on = Run(Served("reference:32be"), "--shard", "3/8");
            static string Counted(string text) => Regex.Replace(text, @"\d+ (checks|observations)", "N $1");
            Assert.Equal(off.Results.Select(r => (r.CaseId, r.Verdict, Counted(r.Input), Counted(r.Observed))),
                on.Results.Select(r => (r.CaseId, r.Verdict, Counted(r.Input), Counted(r.Observed))));
            static long Trips(string err) => long.Parse(Regex.Match(err, @"(\d+) round trips").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Trips(on.Err) < Trips(off.Err) * 3 / 4, $"sent ahead: {Trips(on.Err)} round trips; case by case: {Trips(off.Err)}");
        }

        /// <summary>A broken variant served over the protocol is caught under the requirement it breaks, as in process.</summary>
        /// <param name="variant">The zoo variant.</param>
        /// <param name="arch">An architecture where its bug shows.</param>
        /// <param name="requirement">The requirement it breaks.</param>
        [Theory]
        [InlineData("no-big-endian-bump", "32be", "AR-003")]
        [InlineData("table-bound-257", "64le", "SV-003")]
        [InlineData("lookup-writes-zero", "64be", "ZV-009")]
        [InlineData("pointer-past-word", "32le", "AR-001")] // once 0 failures and 169 errors: the client called the address a contradiction
        public void BrokenVariant_CaughtUnderItsRequirement(string variant, string arch, string requirement)
        {
            var run = Run(Served($"zoo:{variant}:{arch}"), "--requirement", requirement);
            Assert.Equal(1, run.Exit);
            Assert.Contains(run.Results, r => r.Verdict == Verdict.Fail && r.Requirement == requirement);
            Assert.DoesNotContain(run.Results, r => r.Verdict == Verdict.Error);
            Assert.All(run.Results, r => Assert.Equal($"zoo:{variant}", r.Runtime));
        }
    }

    public class Faults
    {
        /// <summary>
        /// One fault at the 40th request (a conversion) or at the 41st (from the 3rd SV-002 case on, each conversion
        /// carries the next case's regions request read ahead; the 41st is one): exactly the case that made it, or that
        /// asks for the answer read ahead, is an error naming the fault and the request; the adapter is restarted once
        /// and every other case passes; every case has a result in the JSON lines.
        /// </summary>
        /// <param name="mode">What the proxy does at request <paramref name="at"/>.</param>
        /// <param name="fault">The fault name the error must carry.</param>
        /// <param name="at">The request the proxy misbehaves at.</param>
        /// <param name="request">What the error names of the request.</param>
        [Theory]
        [InlineData("crash", "crash", 40, "(convert(")]
        [InlineData("exit0", "early-exit", 40, "(convert(")]
        [InlineData("hang", "hang", 40, "(convert(")]
        [InlineData("garbage", "malformed", 40, "(convert(")]
        [InlineData("crash", "crash", 41, "(regions)")]
        [InlineData("hang", "hang", 41, "(regions)")]
        [InlineData("garbage", "malformed", 41, "(regions)")]
        public void OneFault_OnlyTheAffectedCaseErrors(string mode, string fault, int at, string request)
        {
            string once = CliHarness.TempFile(".once");
            var expected = Run("reference:64be", "--requirement", "SV-002").Results.Select(r => r.CaseId).ToList();
            // A short timeout only where the fault is a hang (so that the row is quick); it also bounds the restarted
            // adapter's handshake, a dotnet process start, which on a loaded machine took more than 3 s (CI rehearsal,
            // load 15-25: the early-exit row's restart was called a hang). Other faults never wait for it.
            var run = Run(Proxied(mode, at, once, "reference:64be"), "--requirement", "SV-002", "--request-timeout", mode == "hang" ? "5" : "30");
            Assert.True(File.Exists(once), $"the proxy never reached request {at}");
            Assert.Equal(1, run.Exit);
            Assert.Equal(expected.Order(StringComparer.Ordinal), run.Results.Select(r => r.CaseId).Order(StringComparer.Ordinal));
            var errors = run.Results.Where(r => r.Verdict == Verdict.Error).ToList();
            Assert.True(errors.Count == 1, $"{errors.Count} errors:\n{Describe(errors)}");
            Assert.Contains($"adapter fault [{fault}]", errors[0].Reason, StringComparison.Ordinal);
            Assert.Contains(request, errors[0].Reason, StringComparison.Ordinal);
            Assert.Equal("SV-002", errors[0].Requirement);
            Assert.All(run.Results.Where(r => r != errors[0]), r => Assert.Equal(Verdict.Pass, r.Verdict));
        }

        /// <summary>
        /// An adapter that crashes in every process: after the restart budget (--max-restarts 1) every
        /// remaining case is an error saying so, none passes, and every case still has a result.
        /// </summary>
        [Fact]
        public void CrashingEveryTime_RestartsBoundedAndEveryLaterCaseErrors()
        {
            var expected = Run("reference:32le", "--requirement", "SV-004").Results.Count;
            var run = Run(Proxied("crash", 5, "-", "reference:32le"), "--requirement", "SV-004", "--max-restarts", "1");
            Assert.Equal(1, run.Exit);
            Assert.Equal(expected, run.Results.Count);
            var crashes = run.Results.Count(r => (r.Reason + r.Observed).Contains("adapter fault [crash]", StringComparison.Ordinal));
            var exhausted = run.Results.Count(r => (r.Reason + r.Observed).Contains("adapter fault [restarts-exhausted]", StringComparison.Ordinal));
            Assert.True(crashes == 2, $"expected one crash per process (2 processes), got {crashes}");
            Assert.Equal(run.Results.Count(r => r.Verdict == Verdict.Error) - crashes, exhausted);
            Assert.True(exhausted > 0, "no case reported the exhausted restart budget");
            var firstExhausted = run.Results.FindIndex(r => (r.Reason + r.Observed).Contains("restarts-exhausted", StringComparison.Ordinal));
            Assert.All(run.Results.Skip(firstExhausted), r => Assert.Equal(Verdict.Error, r.Verdict));
        }
    }

    public class BadUsage
    {
        /// <summary>serve with a runtime it does not know: exit 2, naming it.</summary>
        /// <param name="runtime">The bad runtime text.</param>
        /// <param name="named">What the message must name.</param>
        [Theory]
        [InlineData("reference", "expected reference:<arch>, reference-gc:<arch> or zoo:<variant>:<arch>")]
        [InlineData("reference:mips", "serve reference:mips")]
        [InlineData("zoo:no-such-bug:64le", "'no-such-bug' is not a zoo variant")]
        [InlineData("go:1.19", "serve go:1.19")]
        public void Serve_UnknownRuntime_ExitsTwoNamingIt(string runtime, string named)
        {
            var (exit, _, err) = CliHarness.Invoke("serve", runtime);
            Assert.Equal(2, exit);
            Assert.Contains(named, err, StringComparison.Ordinal);
        }
    }
}
