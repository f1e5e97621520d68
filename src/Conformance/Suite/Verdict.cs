using Conformance.Adapters;

namespace Conformance.Suite;

/// <summary>What the suite concluded for one case. Only <see cref="Pass"/> is a pass.</summary>
public enum Verdict
{
    /// <summary>The oracle judged every observation of the case correct.</summary>
    Pass,
    /// <summary>The oracle judged an observation incorrect: the runtime breaks the requirement.</summary>
    Fail,
    /// <summary>The runtime does not claim the feature the requirement belongs to.</summary>
    NotApplicable,
    /// <summary>The adapter or the harness failed; nothing was judged.</summary>
    Error,
    /// <summary>The solver could not decide.</summary>
    Unknown,
}

/// <summary>
/// One case's result: every report (console, JSON lines, JUnit, HTML) carries these same fields.
/// </summary>
/// <param name="Runtime">The runtime's name as its adapter declared it.</param>
/// <param name="RuntimeVersion">The runtime's version.</param>
/// <param name="Arch">"32le", "32be", "64le" or "64be".</param>
/// <param name="CaseId">Stable case ID, e.g. "SV-002/uint16/200".</param>
/// <param name="Requirement">The requirement ID the case checks.</param>
/// <param name="Description">What the case does, under 100 characters.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Input">The input the case gave the runtime.</param>
/// <param name="Expected">What the requirement expects (the oracle predicate and its statement).</param>
/// <param name="Observed">What the runtime did.</param>
/// <param name="Reason">One line: why the verdict.</param>
/// <param name="ElapsedMs">Wall time of the case.</param>
public sealed record CaseResult(
    string Runtime, string RuntimeVersion, string Arch, string CaseId, string Requirement, string Description,
    Verdict Verdict, string Input, string Expected, string Observed, string Reason, double ElapsedMs);

/// <summary>A case's outcome before the runner stamps runtime, arch and time on it.</summary>
public sealed record CaseOutcome(Verdict Verdict, string Input, string Expected, string Observed, string Reason)
{
    /// <summary>A pass with what was observed.</summary>
    public static CaseOutcome Passed(string input, string expected, string observed) =>
        new(Verdict.Pass, input, expected, observed, "as required");
}

/// <summary>
/// A conformance case: one requirement, one input. Whether it applies to a runtime follows from the
/// requirement's Feature field in spec/ (read by the catalog), never from a list kept with the case.
/// </summary>
/// <param name="Id">Stable ID, unique in the suite for one architecture ("&lt;requirement&gt;/&lt;input&gt;").</param>
/// <param name="Requirement">The requirement it checks.</param>
/// <param name="Description">Short description (&lt; 100 characters).</param>
/// <param name="Run">Observes the runtime and judges through the oracle.</param>
/// <param name="EveryShard">
/// True for a case that judges what the whole run saw (an invariant on every state): it runs last, in every shard,
/// and its ID names the shard when the suite is sharded.
/// </param>
public sealed record ConformanceCase(
    string Id, string Requirement, string Description, Func<CaseContext, CaseOutcome> Run, bool EveryShard = false)
{
    /// <summary>
    /// The requests the case makes, in order, given the region map before it runs (the first is that map), when they
    /// depend on no other answer: the case may then be sent ahead with its neighbours (<see cref="Pipeline"/>).
    /// Null: the case asks as it goes.
    /// </summary>
    internal Func<CaseContext, RegionMap, IReadOnlyList<Operation>>? Plan { get; init; }
}

/// <summary>What a case sees: the runtime, its regions and the judge.</summary>
public sealed class CaseContext
{
    /// <summary>Creates a context.</summary>
    public CaseContext(IRuntimeAdapter adapter, Judge judge, ulong seed, Func<IRuntimeAdapter>? newAdapter = null)
        : this(adapter, judge, seed, newAdapter, null)
    {
    }

    internal CaseContext(IRuntimeAdapter adapter, Judge judge, ulong seed, Func<IRuntimeAdapter>? newAdapter, StateWatch? state)
    {
        Adapter = adapter;
        Judge = judge;
        Seed = seed;
        Info = adapter.Info;
        NewAdapter = newAdapter;
        State = state;
    }

    /// <summary>The state watch of the run (null when cases run outside a run, as in unit tests).</summary>
    internal StateWatch? State { get; }

    /// <summary>Starts a fresh instance of the same runtime (for shrinking), when the runtime can be restarted.</summary>
    public Func<IRuntimeAdapter>? NewAdapter { get; }

    /// <summary>The same context over another instance of the runtime.</summary>
    public CaseContext With(IRuntimeAdapter adapter) => new(adapter, Judge, Seed, NewAdapter, State);

    /// <summary>The runtime under test.</summary>
    public IRuntimeAdapter Adapter { get; }

    /// <summary>The runtime's declaration.</summary>
    public RuntimeInfo Info { get; }

    /// <summary>The oracle's judgements.</summary>
    public Judge Judge { get; }

    /// <summary>The run's random seed (replay with --seed).</summary>
    public ulong Seed { get; }

    /// <summary>The word size as the models take it: 32 or 64.</summary>
    public ulong W => (ulong)Info.Arch.WordBits;

    /// <summary>The byte order as the models take it: 1 for big-endian.</summary>
    public ulong Be => Info.Arch.BigEndian ? 1UL : 0UL;
}
