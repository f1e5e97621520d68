using System.Diagnostics;
using Conformance.Adapters;
using Conformance.Suite.Cases;

namespace Conformance.Suite;

/// <summary>What to run.</summary>
/// <param name="Seed">The seed of random sizes, values and sequences (replay with --seed).</param>
/// <param name="Requirements">Only cases of these requirement IDs (null: all).</param>
/// <param name="Features">Only cases of requirements belonging to these features (null: all).</param>
/// <param name="ShardIndex">1-based shard to run, with <paramref name="ShardCount"/>; 1/1 runs everything.</param>
/// <param name="ShardCount">How many shards the suite is split into.</param>
/// <param name="Sequences">How many random operation sequences.</param>
/// <param name="SequenceLength">Steps in each sequence.</param>
/// <param name="RaceTrials">How many trials the race case (ZV-011) runs at most, each on a fresh runtime where the runtime can give one.</param>
/// <param name="RaceBudgetSeconds">The race case's time budget: no trial starts after it is spent (the first always runs).</param>
public sealed record RunOptions(
    ulong Seed, IReadOnlySet<string>? Requirements = null, IReadOnlySet<string>? Features = null,
    int ShardIndex = 1, int ShardCount = 1, int Sequences = 12, int SequenceLength = 40,
    int RaceTrials = RunOptions.DefaultRaceTrials, double RaceBudgetSeconds = RunOptions.DefaultRaceBudgetSeconds)
{
    /// <summary>
    /// Whether cases that declare their requests are sent ahead in windows (<see cref="Pipeline"/>: the same requests
    /// and verdicts, fewer exchanges; the state watch then judges a window's state once). False: every case asks as it
    /// goes and the state is judged after each case that may have changed it.
    /// </summary>
    public bool Pipeline { get; init; } = true;

    /// <summary>The race case's trials by default (README, "Races": the detection probability they give).</summary>
    public const int DefaultRaceTrials = 4;

    /// <summary>The race case's time budget by default, in seconds.</summary>
    public const double DefaultRaceBudgetSeconds = 5;
}

/// <summary>The header of one run of the suite against one runtime.</summary>
public sealed record RunHeader(string Runtime, string RuntimeVersion, string Arch, IReadOnlyList<string> Features, ulong Seed, string Shard, DateTimeOffset Started, int Cases);

/// <summary>Counts of one run.</summary>
public sealed record RunSummary(string Runtime, string Arch, int Passed, int Failed, int Errors, int NotApplicable, int Unknown, double ElapsedMs)
{
    /// <summary>True when no case failed, errored or was undecided.</summary>
    public bool Clean => Failed == 0 && Errors == 0 && Unknown == 0;
}

/// <summary>Receives results as they arrive. Implementations must persist each result before returning.</summary>
public interface IResultSink
{
    /// <summary>A run starts.</summary>
    void Begin(RunHeader header);

    /// <summary>One case finished.</summary>
    void Add(CaseResult result);

    /// <summary>The run finished.</summary>
    void Finish(RunSummary summary);
}

/// <summary>Sends each event to several sinks, in order.</summary>
public sealed class FanOutSink(params IResultSink[] sinks) : IResultSink
{
    /// <inheritdoc/>
    public void Begin(RunHeader header)
    {
        foreach (var s in sinks)
        {
            s.Begin(header);
        }
    }

    /// <inheritdoc/>
    public void Add(CaseResult result)
    {
        foreach (var s in sinks)
        {
            s.Add(result);
        }
    }

    /// <inheritdoc/>
    public void Finish(RunSummary summary)
    {
        foreach (var s in sinks)
        {
            s.Finish(summary);
        }
    }
}

/// <summary>
/// Runs the suite against one runtime: builds the cases for its architecture, decides applicability
/// from its claimed features, runs each case, and streams every result to the sink as it arrives.
/// The runner never special-cases a runtime: the reference is reached like any other.
/// </summary>
public static class SuiteRunner
{
    /// <summary>Every case of the suite for an architecture, in run order; IDs are unique.</summary>
    public static IReadOnlyList<ConformanceCase> Cases(Arch arch, CaseInputs inputs, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = SmallValueCases.All(inputs)
            .Concat(ZeroValueCases.All(arch, inputs, options))
            .Concat(SequenceCases.All(inputs, options.Sequences, options.SequenceLength))
            .Concat(EveryStateCases(options))
            .ToList();
        return Unique(all);
    }

    /// <summary>One case per state invariant: its verdict over every state the run visited (see <see cref="StateWatch"/>).</summary>
    private static IEnumerable<ConformanceCase> EveryStateCases(RunOptions options)
    {
        string shard = options.ShardCount > 1 ? $"/shard-{options.ShardIndex}-of-{options.ShardCount}" : "";
        return StateWatch.Invariants.Select(id => new ConformanceCase($"{id}/every-state{shard}", id, $"{id} holds in every state the run visited",
            ctx => ctx.State?.Outcome(id) ?? new CaseOutcome(Verdict.Error, "", "", "", "harness: no state watch"), EveryShard: true));
    }

    private static List<ConformanceCase> Unique(List<ConformanceCase> cases)
    {
        var seen = new HashSet<string>(cases.Count, StringComparer.Ordinal);
        if (cases.FirstOrDefault(c => !seen.Add(c.Id)) is { } dup)
        {
            throw new InvalidOperationException($"harness: case ID {dup.Id} is generated twice");
        }
        return cases;
    }

    /// <summary>Whether a case belongs to shard K of N: a stable hash of its ID, the same on every machine.</summary>
    public static bool InShard(string caseId, int index, int count) =>
        count <= 1 || (int)(CaseInputs.StableHash(caseId) % (ulong)count) == index - 1;

    /// <summary>Runs the suite against <paramref name="adapter"/>.</summary>
    public static RunSummary Run(IRuntimeAdapter adapter, Func<IRuntimeAdapter>? newAdapter, Judge judge, CaseInputs inputs, RunOptions options, IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(options);
        return Run(adapter, newAdapter, judge, Cases(adapter.Info.Arch, inputs, options), options, sink);
    }

    /// <summary>
    /// Runs the given cases against <paramref name="adapter"/>, after the options' requirement, feature and
    /// shard filters: decides applicability, turns adapter and harness failures into errors, counts verdicts.
    /// </summary>
    public static RunSummary Run(IRuntimeAdapter adapter, Func<IRuntimeAdapter>? newAdapter, Judge judge, IEnumerable<ConformanceCase> allCases, RunOptions options, IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(allCases);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        var info = adapter.Info;
        var cases = Unique(allCases.ToList())
            .Where(c => options.Requirements is null || options.Requirements.Contains(c.Requirement))
            .Where(c => options.Features is null || judge.Catalog.Get(c.Requirement).Features.Any(options.Features.Contains))
            .Where(c => c.EveryShard || InShard(c.Id, options.ShardIndex, options.ShardCount))
            .OrderBy(c => c.EveryShard)
            .ToList();
        var clock = Stopwatch.StartNew();
        sink.Begin(new RunHeader(info.Name, info.Version, info.Arch.Name, info.Features.Order(StringComparer.Ordinal).ToList(), options.Seed,
            $"{options.ShardIndex}/{options.ShardCount}", DateTimeOffset.UtcNow, cases.Count));
        var watch = new StateWatch(judge, info, options.Seed);
        ulong Width(ValueKind k) => judge.Evaluate("AR-002.width", (ulong)info.Arch.WordBits, (ulong)k);
        // The observing wrapper is not disposed here: the caller owns the runtime (the closing check runs below).
        var observed = watch.Watch(adapter, Width);
        Func<IRuntimeAdapter>? fresh = newAdapter is null ? null : () => watch.Watch(newAdapter(), Width);
        var ctx = new CaseContext(observed, judge, options.Seed, fresh, watch);
        int pass = 0, fail = 0, error = 0, na = 0, unknown = 0;
        bool closed = false;
        for (int i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var started = clock.Elapsed.TotalMilliseconds;
            if (c.EveryShard && !closed)
            {
                closed = true;
                watch.Check(observed, full: true);
            }
            watch.CurrentCase = c.Id;
            if (options.Pipeline)
            {
                Pipeline.Before(observed, ctx, cases, i, next => NotApplicable(ctx, next, judge) is null);
            }
            var outcome = RunOne(ctx, c, judge);
            observed.Settle(watch.OutOfWord);
            if (!c.EveryShard)
            {
                watch.Check(observed, full: false);
            }
            var result = new CaseResult(info.Name, info.Version, info.Arch.Name, c.Id, c.Requirement, c.Description,
                outcome.Verdict, outcome.Input, outcome.Expected, outcome.Observed, outcome.Reason, clock.Elapsed.TotalMilliseconds - started);
            switch (result.Verdict)
            {
                case Verdict.Pass: pass++; break;
                case Verdict.Fail: fail++; break;
                case Verdict.NotApplicable: na++; break;
                case Verdict.Unknown: unknown++; break;
                default: error++; break;
            }
            sink.Add(result);
        }
        var summary = new RunSummary(info.Name, info.Arch.Name, pass, fail, error, na, unknown, clock.Elapsed.TotalMilliseconds);
        sink.Finish(summary);
        return summary;
    }

    /// <summary>
    /// The report of a runtime that could not be started (or failed its handshake): a run header, an "error" for
    /// every case that would have run (naming <paramref name="fault"/>) and the summary, so that a report is
    /// complete whatever the runtime did. Without a declared architecture the cases cannot be enumerated; then
    /// every active requirement the filters select gets one error ("&lt;ID&gt;/not-started") in their place.
    /// </summary>
    /// <param name="runtime">How the runner names the runtime (e.g. its --adapter text).</param>
    /// <param name="arch">The architecture the runtime declared before it failed, if any.</param>
    /// <param name="fault">Why it could not be started.</param>
    /// <param name="judge">The judge (for the catalog).</param>
    /// <param name="inputs">The case inputs (when the architecture is known).</param>
    /// <param name="options">The run's filters.</param>
    /// <param name="sink">Where results go.</param>
    /// <returns>The summary: every case an error.</returns>
    public static RunSummary RunUnstarted(string runtime, Arch? arch, string fault, Judge judge, CaseInputs inputs, RunOptions options, IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        var catalog = judge.Catalog;
        bool Selected(string requirement) =>
            (options.Requirements is null || options.Requirements.Contains(requirement))
            && (options.Features is null || catalog.Get(requirement).Features.Any(options.Features.Contains));
        var cases = arch is { } a
            ? Cases(a, inputs, options).Where(c => Selected(c.Requirement) && InShard(c.Id, options.ShardIndex, options.ShardCount))
                .Select(c => (c.Id, c.Requirement, c.Description)).ToList()
            : catalog.Active.Where(r => Selected(r.Id)).Select(r => ($"{r.Id}/not-started", r.Id, $"{r.Id}: the runtime could not be started")).ToList();
        string archName = arch?.Name ?? "unknown";
        sink.Begin(new RunHeader(runtime, "unknown", archName, [], options.Seed, $"{options.ShardIndex}/{options.ShardCount}", DateTimeOffset.UtcNow, cases.Count));
        foreach (var (id, requirement, description) in cases)
        {
            sink.Add(new CaseResult(runtime, "unknown", archName, id, requirement, description, Verdict.Error, id,
                catalog.Get(requirement).Statement, "", $"adapter could not start: {fault}", 0));
        }
        var summary = new RunSummary(runtime, archName, 0, 0, cases.Count, 0, 0, 0);
        sink.Finish(summary);
        return summary;
    }

    /// <summary>The "not applicable" outcome of a case the runtime's features or architecture exclude; null when it runs.</summary>
    private static CaseOutcome? NotApplicable(CaseContext ctx, ConformanceCase c, Judge judge)
    {
        var requirement = judge.Catalog.Get(c.Requirement);
        var missing = requirement.Features.Where(f => !ctx.Info.Features.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            return new CaseOutcome(Verdict.NotApplicable, "", requirement.Statement, "",
                $"the runtime does not claim feature{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}");
        }
        return requirement.Architectures.Contains(ctx.Info.Arch.Name) ? null
            : new CaseOutcome(Verdict.NotApplicable, "", requirement.Statement, "", $"{c.Requirement} does not apply to {ctx.Info.Arch.Name}");
    }

    private static CaseOutcome RunOne(CaseContext ctx, ConformanceCase c, Judge judge)
    {
        if (NotApplicable(ctx, c, judge) is { } na)
        {
            return na;
        }
        var requirement = judge.Catalog.Get(c.Requirement);
        try
        {
            return c.Run(ctx);
        }
        catch (OutOfWordException e)
        {
            // A failure of AR-001 wherever it shows (spec AR-001, Decision): filed once, under AR-001.
            ctx.State?.OutOfWord(e);
            return c.Requirement == "AR-001"
                ? new CaseOutcome(Verdict.Fail, c.Description, "every address and size fits the declared word", e.Message, $"AR-001.ok does not hold for {e.What}")
                : new CaseOutcome(Verdict.Error, c.Description, requirement.Statement, e.Message,
                    $"undecided: the runtime broke AR-001 ({e.Message}); filed under AR-001/every-state");
        }
        catch (MemoryFaultException e)
        {
            // Every read a case makes is of memory its requirement says is there (the table, a zero region, a
            // buffer, the object a conversion returned): a fault is that requirement's failure, not an adapter error.
            return new CaseOutcome(Verdict.Fail, c.Description, requirement.Statement, e.Message,
                $"{c.Requirement}: memory the requirement says is readable faulted");
        }
        catch (AdapterException e)
        {
            return new CaseOutcome(Verdict.Error, c.Description, requirement.Statement, $"no observation: {e.Message}", $"adapter failed: {e.Message}");
        }
#pragma warning disable CA1031 // A case that crashes the harness must become an "error" verdict, never end the run and lose results.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The innermost frame of ours says where the harness broke (a harness bug, never the runtime's fault).
            string at = e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Conformance", StringComparison.Ordinal)) ?? "";
            return new CaseOutcome(Verdict.Error, c.Description, requirement.Statement, "", $"harness failed: {e.GetType().Name}: {e.Message} {at}".TrimEnd());
        }
    }
}
