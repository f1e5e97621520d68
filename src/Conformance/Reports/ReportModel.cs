using System.Globalization;
using System.Text.RegularExpressions;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Reports;

/// <summary>The worst verdict among some results, in the order a reader must see them.</summary>
internal enum Status
{
    /// <summary>No result at all (not run, e.g. filtered out).</summary>
    None,
    /// <summary>Only "not applicable".</summary>
    NotApplicable,
    /// <summary>At least one pass, nothing worse.</summary>
    Pass,
    /// <summary>An error or an undecided (unknown) verdict, no failure.</summary>
    Error,
    /// <summary>At least one failure.</summary>
    Fail,
}

/// <summary>Verdict counts of some results. Unknown is counted apart but shown with errors: neither is a pass.</summary>
internal sealed class Tally
{
    public int Pass { get; private set; }
    public int Fail { get; private set; }
    public int Error { get; private set; }
    public int Unknown { get; private set; }
    public int NotApplicable { get; private set; }

    public int Total => Pass + Fail + Error + Unknown + NotApplicable;

    /// <summary>Errors and unknowns: the cases nothing was concluded for.</summary>
    public int Undecided => Error + Unknown;

    public Status Status =>
        Fail > 0 ? Status.Fail : Undecided > 0 ? Status.Error : Pass > 0 ? Status.Pass : NotApplicable > 0 ? Status.NotApplicable : Status.None;

    public void Add(Verdict verdict)
    {
        switch (verdict)
        {
            case Verdict.Pass: Pass++; break;
            case Verdict.Fail: Fail++; break;
            case Verdict.Error: Error++; break;
            case Verdict.Unknown: Unknown++; break;
            case Verdict.NotApplicable: NotApplicable++; break;
            default: throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "not a verdict");
        }
    }

    public void Add(Tally other)
    {
        Pass += other.Pass;
        Fail += other.Fail;
        Error += other.Error;
        Unknown += other.Unknown;
        NotApplicable += other.NotApplicable;
    }
}

/// <summary>
/// One run: the results of one runtime build on one architecture (shards of it merge into it). Shown in a
/// grid of runtimes x platforms: <see cref="Family"/> is the row, <see cref="Platform"/> the column.
/// </summary>
/// <param name="Index">Position in <see cref="ReportModel.Runs"/>; the page's anchor for the run ("run-3").</param>
/// <param name="Runtime">The runtime's name as its adapter declared it.</param>
/// <param name="Version">Its version as declared.</param>
/// <param name="Arch">The suite's architecture ("64le").</param>
/// <param name="Family">Runtime and the version's first word ("gc go1.19.8", "gccgo 12.2.0"): the grid's row.</param>
/// <param name="Platform">The machine the runtime ran on: the architecture of a trailing "os/arch" in the version
/// (Go's GOOS/GOARCH, which adapters/go appends to runtime.Version(): "go1.19.8 linux/s390x" -> "s390x"), otherwise
/// the suite's architecture. The grid's column.</param>
internal sealed record Run(int Index, string Runtime, string Version, string Arch, string Family, string Platform)
{
    public Tally Tally { get; } = new();
}

/// <summary>A column of the grid: a platform, and the suite architecture(s) its runs declared.</summary>
internal sealed record PlatformColumn(string Platform, IReadOnlyList<string> Archs)
{
    /// <summary>True when the platform is a suite architecture itself (no "os/arch" in the versions).</summary>
    public bool IsArch => Archs.Count == 1 && Archs[0] == Platform;
}

/// <summary>
/// One distinct failure (or error) of a requirement: results with the same case, verdict, input, expected,
/// observed and reason, wherever they occurred. The page shows each once, with the runs it occurred in.
/// </summary>
internal sealed record DistinctFailure(Verdict Verdict, string CaseId, string Description, string Input, string Expected, string Observed, string Reason)
{
    public SortedSet<int> Runs { get; } = [];
    public int Occurrences { get; set; }
}

/// <summary>A requirement's line in the report: its results per run and its distinct failures.</summary>
internal sealed class RequirementEntry(string id, Requirement? spec, int order, string anchor)
{
    public string Id { get; } = id;

    /// <summary>The catalog's requirement; null for an ID the results carry but this spec does not define.</summary>
    public Requirement? Spec { get; } = spec;

    /// <summary>Spec order (catalog position); IDs unknown to the spec come after.</summary>
    public int Order { get; } = order;

    public string Anchor { get; } = anchor;

    public Tally Tally { get; } = new();

    public Dictionary<int, Tally> ByRun { get; } = [];

    public List<DistinctFailure> Failures { get; } = [];

    public string Prefix => Id.Split('-')[0];

    public string Feature => Spec is null ? "?" : string.Join(", ", Spec.Features);

    public Tally For(Run run) => ByRun.TryGetValue(run.Index, out var t) ? t : Empty;

    /// <summary>How many runs it failed (or errored) in.</summary>
    public int RunsNotPassing => ByRun.Values.Count(t => t.Status >= Status.Error);

    private static readonly Tally Empty = new();
}

/// <summary>A mechanism: the requirements of one spec file (ID prefix) that belong to one feature.</summary>
internal sealed record MechanismGroup(string Prefix, string Feature, string Title, string FeatureDescription, IReadOnlyList<RequirementEntry> Requirements)
{
    public Status Status => Requirements.Select(r => r.Tally.Status).DefaultIfEmpty(Status.None).Max();
}

/// <summary>
/// What the HTML page shows, computed from the results: runs, the runtime x platform grid, requirements
/// grouped by mechanism (worst first) and the distinct failures of each requirement.
/// </summary>
internal sealed partial class ReportModel
{
    /// <summary>Every run, in grid order (family, then column).</summary>
    public required IReadOnlyList<Run> Runs { get; init; }

    /// <summary>Grid rows, in natural order ("go1.9" before "go1.19").</summary>
    public required IReadOnlyList<string> Families { get; init; }

    /// <summary>Grid columns: by suite architecture (32le, 32be, 64le, 64be), then natural order.</summary>
    public required IReadOnlyList<PlatformColumn> Columns { get; init; }

    /// <summary>Mechanisms, worst first; inside each, requirements worst first, then in spec order.</summary>
    public required IReadOnlyList<MechanismGroup> Groups { get; init; }

    /// <summary>Every requirement with results, worst first, then in spec order.</summary>
    public required IReadOnlyList<RequirementEntry> Requirements { get; init; }

    public required Tally Total { get; init; }

    /// <summary>The runs of one grid cell (usually one; several when builds differ beyond the version's first word).</summary>
    public IReadOnlyList<Run> Cell(string family, PlatformColumn column) =>
        Runs.Where(r => r.Family == family && r.Platform == column.Platform).ToList();

    [GeneratedRegex(@"^[a-z][a-z0-9]*/[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OsArch();

    public static ReportModel Build(IReadOnlyList<CaseResult> results, RequirementCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(catalog);
        var archOrder = RequirementCatalog.ArchitectureNames.ToList();
        int ArchRank(string arch) => archOrder.IndexOf(arch) is var i and >= 0 ? i : archOrder.Count;

        // Runs.
        var keys = results.Select(r => (r.Runtime, r.RuntimeVersion, r.Arch)).Distinct()
            .Select(k => (Key: k, Split: SplitVersion(k.Runtime, k.RuntimeVersion, k.Arch))).ToList();
        var families = keys.Select(k => k.Split.Family).Distinct().Order(NaturalComparer.Instance).ToList();
        var columns = keys.GroupBy(k => k.Split.Platform, StringComparer.Ordinal)
            .Select(g => new PlatformColumn(g.Key, g.Select(k => k.Key.Arch).Distinct().OrderBy(ArchRank).ThenBy(a => a, StringComparer.Ordinal).ToList()))
            .OrderBy(c => ArchRank(c.Archs[0])).ThenBy(c => c.Platform, NaturalComparer.Instance).ToList();
        var columnRank = columns.Select((c, i) => (c.Platform, i)).ToDictionary(p => p.Platform, p => p.i, StringComparer.Ordinal);
        var runs = keys
            .OrderBy(k => families.IndexOf(k.Split.Family)).ThenBy(k => columnRank[k.Split.Platform])
            .ThenBy(k => k.Key.RuntimeVersion, NaturalComparer.Instance).ThenBy(k => ArchRank(k.Key.Arch))
            .Select((k, i) => new Run(i, k.Key.Runtime, k.Key.RuntimeVersion, k.Key.Arch, k.Split.Family, k.Split.Platform)).ToList();
        var runOf = runs.ToDictionary(r => (r.Runtime, r.Version, r.Arch));

        // Requirements: the spec's active ones in spec order, then any other ID the results carry.
        var entries = new Dictionary<string, RequirementEntry>(StringComparer.Ordinal);
        int order = 0;
        foreach (var req in catalog.Active)
        {
            entries[req.Id] = new RequirementEntry(req.Id, req, order++, "req-" + req.Id);
        }
        var failures = new Dictionary<(string, Verdict, string, string, string, string, string, string), DistinctFailure>();
        var total = new Tally();
        foreach (var r in results)
        {
            if (!entries.TryGetValue(r.Requirement, out var entry))
            {
                // Not in this spec (an older or newer suite wrote the file); an adapter never picks the ID, but a
                // results file is text, so the anchor is a counter, never the string.
                var spec = catalog.Find(r.Requirement);
                entry = entries[r.Requirement] = new RequirementEntry(r.Requirement, spec, order, $"req-other-{order}");
                order++;
            }
            var run = runOf[(r.Runtime, r.RuntimeVersion, r.Arch)];
            run.Tally.Add(r.Verdict);
            total.Add(r.Verdict);
            entry.Tally.Add(r.Verdict);
            if (!entry.ByRun.TryGetValue(run.Index, out var cell))
            {
                cell = entry.ByRun[run.Index] = new Tally();
            }
            cell.Add(r.Verdict);
            if (r.Verdict is Verdict.Fail or Verdict.Error or Verdict.Unknown)
            {
                var key = (r.Requirement, r.Verdict, r.CaseId, r.Input, r.Expected, r.Observed, r.Reason, r.Description);
                if (!failures.TryGetValue(key, out var f))
                {
                    f = failures[key] = new DistinctFailure(r.Verdict, r.CaseId, r.Description, r.Input, r.Expected, r.Observed, r.Reason);
                    entry.Failures.Add(f);
                }
                f.Runs.Add(run.Index);
                f.Occurrences++;
            }
        }
        foreach (var e in entries.Values)
        {
            // Failures before errors (the enum's order: Fail, Error, Unknown), then by case, then the most widespread first.
            e.Failures.Sort((a, b) =>
                a.Verdict != b.Verdict ? a.Verdict.CompareTo(b.Verdict)
                : NaturalComparer.Instance.Compare(a.CaseId, b.CaseId) is var byCase and not 0 ? byCase
                : b.Runs.Count.CompareTo(a.Runs.Count));
        }
        var withResults = entries.Values.Where(e => e.Tally.Total > 0 || e.Spec is { Withdrawn: false })
            .OrderByDescending(e => e.Tally.Status).ThenBy(e => e.Order).ToList();
        var groups = withResults
            .GroupBy(e => (e.Prefix, e.Feature))
            .Select(g => new MechanismGroup(g.Key.Prefix, g.Key.Feature,
                g.First().Spec is { } s && catalog.DocumentTitles.TryGetValue(s.Source.Split(':')[0], out var t) ? t : "not in this spec",
                catalog.FeatureDescriptions.GetValueOrDefault(g.Key.Feature, ""),
                g.ToList()))
            .OrderByDescending(g => g.Status).ThenBy(g => g.Requirements.Min(r => r.Order)).ToList();
        return new ReportModel
        {
            Runs = runs,
            Families = families,
            Columns = columns,
            Groups = groups,
            Requirements = withResults.Where(e => e.Tally.Total > 0).ToList(),
            Total = total,
        };
    }

    /// <summary>Splits a declared version into the grid's row (family) and column (platform); see <see cref="Run"/>.</summary>
    internal static (string Family, string Platform) SplitVersion(string runtime, string version, string arch)
    {
        string body = version.Trim();
        string platform = arch;
        int space = body.LastIndexOf(' ');
        string last = space < 0 ? body : body[(space + 1)..];
        if (OsArch().IsMatch(last))
        {
            platform = last[(last.IndexOf('/') + 1)..];
            body = space < 0 ? "" : body[..space].TrimEnd();
        }
        string first = body.Split(' ', 2)[0];
        return (first.Length == 0 ? runtime : $"{runtime} {first}", platform);
    }

    /// <summary>
    /// The runs of a set in words, as short as the grid allows: "all 60 runs", "gc go1.19.8 (all 12)",
    /// "every runtime on 386, arm, mipsle", "gc go1.19.8, gc go1.21.13 on 386, arm; gccgo 12.2.0 on 386".
    /// Families with the same platforms are named together.
    /// </summary>
    public string DescribeRuns(IReadOnlyCollection<int> runIndexes)
    {
        ArgumentNullException.ThrowIfNull(runIndexes);
        if (runIndexes.Count == Runs.Count && Runs.Count > 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"all {Runs.Count} runs");
        }
        var set = runIndexes.Select(i => Runs[i]).ToList();
        var parts = new List<string>();
        foreach (var byPlatforms in set.GroupBy(r => r.Family, StringComparer.Ordinal)
                     .Select(g =>
                     {
                         var platforms = g.Select(r => r.Platform).Distinct(StringComparer.Ordinal).ToList();
                         int familyTotal = Runs.Where(r => r.Family == g.Key).Select(r => r.Platform).Distinct(StringComparer.Ordinal).Count();
                         string where = platforms.Count == familyTotal && familyTotal > 1
                             ? string.Create(CultureInfo.InvariantCulture, $"(all {familyTotal})")
                             : "on " + string.Join(", ", platforms);
                         return (Family: g.Key, Where: where);
                     })
                     .GroupBy(p => p.Where, StringComparer.Ordinal))
        {
            var named = byPlatforms.Select(p => p.Family).ToList();
            parts.Add($"{(named.Count == Families.Count && Families.Count > 1 ? "every runtime" : string.Join(", ", named))} {byPlatforms.Key}");
        }
        return string.Join("; ", parts);
    }
}

/// <summary>Orders strings with their digit runs compared as numbers ("go1.9" before "go1.19").</summary>
internal sealed class NaturalComparer : IComparer<string>
{
    public static NaturalComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) { i++; }
                while (j < y.Length && char.IsAsciiDigit(y[j])) { j++; }
                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                int c = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (c != 0)
                {
                    return c;
                }
            }
            else
            {
                int c = x[i].CompareTo(y[j]);
                if (c != 0)
                {
                    return c;
                }
                i++;
                j++;
            }
        }
        return (x.Length - i).CompareTo(y.Length - j) is var rest && rest != 0 ? rest : string.CompareOrdinal(x, y);
    }
}
