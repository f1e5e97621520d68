using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Conformance.Requirements;

/// <summary>One requirement of spec/, as its markdown states it.</summary>
/// <param name="Id">The stable ID, e.g. "ZV-005".</param>
/// <param name="Title">The heading's title.</param>
/// <param name="Statement">The one-sentence requirement.</param>
/// <param name="Features">The features a runtime must all claim for the requirement to apply (the Feature field, comma-separated).</param>
/// <param name="Architectures">Architecture names ("32le"...) it applies to.</param>
/// <param name="Withdrawn">True when the status is withdrawn: nothing may cite it.</param>
/// <param name="Source">The spec file and line of the heading, e.g. "spec/zero-values.md:42".</param>
public sealed record Requirement(
    string Id, string Title, string Statement, IReadOnlyList<string> Features,
    IReadOnlyList<string> Architectures, bool Withdrawn, string Source)
{
    /// <summary>True when a runtime claiming <paramref name="claimed"/> is judged on this requirement.</summary>
    public bool AppliesTo(IReadOnlySet<string> claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return Features.All(claimed.Contains);
    }
}

/// <summary>A named set of features (spec/features.md, Profiles): a claim a real design was checked to make.</summary>
/// <param name="Name">The profile's name, e.g. "gc".</param>
/// <param name="Features">Its features.</param>
/// <param name="Who">The design or runtime it describes.</param>
public sealed record Profile(string Name, IReadOnlySet<string> Features, string Who);

/// <summary>The spec/ files are malformed: the message names the file and line.</summary>
public sealed class SpecFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpecFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SpecFormatException() : base("spec/ is malformed") { }

    /// <summary>Creates the exception.</summary>
    public SpecFormatException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// The requirement IDs defined in spec/: the spine every model obligation, reference citation,
/// conformance case and test hangs from. Parsed from the markdown the spec's README describes.
/// </summary>
public sealed partial class RequirementCatalog
{
    /// <summary>Every architecture name, in report order.</summary>
    public static IReadOnlyList<string> ArchitectureNames { get; } = ["32le", "32be", "64le", "64be"];

    /// <summary>The pattern of a requirement ID anywhere in text.</summary>
    [GeneratedRegex(@"\b(AR|SV|ZV)-\d{3}\b", RegexOptions.CultureInvariant)]
    public static partial Regex IdPattern();

    [GeneratedRegex(@"^### ((?:AR|SV|ZV)-\d{3}): (.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^- \*\*(\w+)\*\*: (.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();

    private readonly FrozenDictionary<string, Requirement> byId;

    [GeneratedRegex(@"^\| `([a-z0-9.\-]+)` \| (.*?) \|", RegexOptions.CultureInvariant)]
    private static partial Regex TableRowPattern();

    [GeneratedRegex(@"^- `([a-z0-9.\-]+)` excludes `([a-z0-9.\-]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex ExclusionPattern();

    private RequirementCatalog(IReadOnlyList<Requirement> all, IReadOnlyDictionary<string, string> features, IReadOnlyList<(string, string)> exclusions,
        IReadOnlyList<Profile> profiles, IReadOnlyDictionary<string, string> titles)
    {
        All = all;
        Features = features.Keys.ToFrozenSet(StringComparer.Ordinal);
        FeatureDescriptions = features;
        DocumentTitles = titles;
        Exclusions = exclusions;
        Profiles = profiles;
        byId = all.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>Every requirement, withdrawn ones included, in spec order.</summary>
    public IReadOnlyList<Requirement> All { get; }

    /// <summary>The requirements in force.</summary>
    public IEnumerable<Requirement> Active => All.Where(r => !r.Withdrawn);

    /// <summary>The feature names spec/features.md defines: the one list of features.</summary>
    public IReadOnlySet<string> Features { get; }

    /// <summary>Each feature's "what the runtime implements" column of spec/features.md (the reports show it).</summary>
    public IReadOnlyDictionary<string, string> FeatureDescriptions { get; }

    /// <summary>Each spec file's level-1 heading by its name ("spec/zero-values.md" -> "Shared zero values"): the mechanism its requirements specify.</summary>
    public IReadOnlyDictionary<string, string> DocumentTitles { get; }

    /// <summary>Pairs of features no runtime may claim together (spec/features.md, Exclusions).</summary>
    public IReadOnlyList<(string Feature, string Excludes)> Exclusions { get; }

    /// <summary>The profiles of spec/features.md, in spec order.</summary>
    public IReadOnlyList<Profile> Profiles { get; }

    /// <summary>The profile with this name; throws naming it when spec/features.md has none.</summary>
    public Profile Profile(string name) =>
        Profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"profile '{name}' is not defined in spec/features.md (profiles: {string.Join(", ", Profiles.Select(p => p.Name))})");

    /// <summary>
    /// Why a runtime may not claim <paramref name="claimed"/>: a feature spec/features.md does not define, or two
    /// features that exclude each other. Null when the claim is valid.
    /// </summary>
    public string? ClaimProblem(IEnumerable<string> claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var set = claimed.ToHashSet(StringComparer.Ordinal);
        foreach (var f in set.Order(StringComparer.Ordinal))
        {
            if (!Features.Contains(f))
            {
                return $"unknown feature \"{f}\" (spec/features.md lists {string.Join(", ", Features)})";
            }
        }
        foreach (var (a, b) in Exclusions)
        {
            if (set.Contains(a) && set.Contains(b))
            {
                return $"features \"{a}\" and \"{b}\" exclude each other (spec/features.md, Exclusions)";
            }
        }
        return null;
    }

    /// <summary>The requirement with this ID, or null.</summary>
    public Requirement? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The requirement with this ID; throws naming the ID when spec/ has none.</summary>
    public Requirement Get(string id) =>
        Find(id) ?? throw new KeyNotFoundException($"requirement {id} is not defined in spec/");

    /// <summary>Loads the spec embedded in this assembly (the copy built from spec/).</summary>
    public static RequirementCatalog LoadEmbedded()
    {
        var asm = typeof(RequirementCatalog).Assembly;
        var files = new List<(string Name, string Text)>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("spec/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add((name, reader.ReadToEnd()));
        }
        return Parse(files);
    }

    /// <summary>Loads spec/*.md from a directory (a working copy).</summary>
    public static RequirementCatalog LoadDirectory(string specDirectory)
    {
        if (!Directory.Exists(specDirectory))
        {
            throw new SpecFormatException($"spec directory {specDirectory} does not exist");
        }
        var files = Directory.GetFiles(specDirectory, "*.md").Order(StringComparer.Ordinal)
            .Select(f => ("spec/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
        return Parse(files);
    }

    /// <summary>Parses spec markdown files given as (name, text) pairs.</summary>
    public static RequirementCatalog Parse(IReadOnlyList<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var requirements = new List<Requirement>();
        var features = new Dictionary<string, string>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var exclusions = new List<(string, string)>();
        var profiles = new List<Profile>();
        foreach (var (name, text) in files)
        {
            var lines = text.Split('\n');
            if (lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal)) is { } h1)
            {
                titles[name] = h1[2..].Trim();
            }
            if (name.EndsWith("features.md", StringComparison.Ordinal))
            {
                ParseFeatures(name, lines, features, exclusions, profiles);
            }
            for (int i = 0; i < lines.Length; i++)
            {
                var heading = HeadingPattern().Match(lines[i].TrimEnd('\r'));
                if (!heading.Success)
                {
                    if (lines[i].StartsWith("### ", StringComparison.Ordinal) && IdPattern().IsMatch(lines[i]))
                    {
                        throw new SpecFormatException($"{name}:{i + 1}: malformed requirement heading (expected '### <ID>: <title>'): {lines[i].Trim()}");
                    }
                    continue;
                }
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                int j = i + 1;
                for (; j < lines.Length && !lines[j].StartsWith('#'); j++)
                {
                    var f = FieldPattern().Match(lines[j].TrimEnd('\r'));
                    if (f.Success)
                    {
                        fields[f.Groups[1].Value] = f.Groups[2].Value.Trim();
                    }
                }
                requirements.Add(Build(name, i + 1, heading.Groups[1].Value, heading.Groups[2].Value.Trim(), fields));
            }
        }
        var duplicate = requirements.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SpecFormatException($"requirement {duplicate.Key} is defined twice: {string.Join(", ", duplicate.Select(r => r.Source))}");
        }
        if (requirements.Count == 0)
        {
            throw new SpecFormatException("spec/ defines no requirement");
        }
        foreach (var r in requirements)
        {
            foreach (var f in r.Features.Where(f => features.Count > 0 && !features.ContainsKey(f)))
            {
                throw new SpecFormatException($"{r.Source}: {r.Id} names feature '{f}', which spec/features.md does not define");
            }
        }
        return new RequirementCatalog(requirements, features, exclusions, profiles, titles);
    }

    /// <summary>spec/features.md: the feature table (## Features), the exclusions (## Exclusions), the profiles (## Profiles).</summary>
    private static void ParseFeatures(string name, string[] lines, Dictionary<string, string> features, List<(string, string)> exclusions, List<Profile> profiles)
    {
        string section = "";
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
                continue;
            }
            if (section == "Features" && TableRowPattern().Match(line) is { Success: true } f)
            {
                features[f.Groups[1].Value] = f.Groups[2].Value.Trim();
            }
            else if (section == "Exclusions" && ExclusionPattern().Match(line) is { Success: true } x)
            {
                exclusions.Add((x.Groups[1].Value, x.Groups[2].Value));
            }
            else if (section == "Profiles" && TableRowPattern().Match(line) is { Success: true } p)
            {
                var set = p.Groups[2].Value.Replace("`", "", StringComparison.Ordinal)
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                var who = line[(p.Length - 1)..].Trim().Trim('|').Trim();
                profiles.Add(set.Count > 0
                    ? new Profile(p.Groups[1].Value, set, who)
                    : throw new SpecFormatException(string.Create(CultureInfo.InvariantCulture, $"{name}:{i + 1}: profile '{p.Groups[1].Value}' lists no feature")));
            }
        }
        foreach (var (a, b) in exclusions)
        {
            foreach (var f in new[] { a, b }.Where(f => !features.ContainsKey(f)))
            {
                throw new SpecFormatException($"{name}: exclusion names feature '{f}', which the feature table does not define");
            }
        }
        foreach (var p in profiles)
        {
            foreach (var f in p.Features.Where(f => !features.ContainsKey(f)))
            {
                throw new SpecFormatException($"{name}: profile '{p.Name}' names feature '{f}', which the feature table does not define");
            }
            if (exclusions.FirstOrDefault(x => p.Features.Contains(x.Item1) && p.Features.Contains(x.Item2)) is ({ } e1, { } e2))
            {
                throw new SpecFormatException($"{name}: profile '{p.Name}' claims '{e1}' and '{e2}', which exclude each other");
            }
        }
    }

    private static Requirement Build(string file, int line, string id, string title, Dictionary<string, string> fields)
    {
        string source = string.Create(CultureInfo.InvariantCulture, $"{file}:{line}");
        string Field(string key) => fields.TryGetValue(key, out var v) && v.Length > 0
            ? v
            : throw new SpecFormatException($"{source}: {id} has no '{key}' field");
        string statement = Field("Statement");
        var archText = Field("Architectures");
        IReadOnlyList<string> archs = archText == "all"
            ? ArchitectureNames
            : archText.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var a in archs.Where(a => !ArchitectureNames.Contains(a)))
        {
            throw new SpecFormatException($"{source}: {id} names unknown architecture '{a}'");
        }
        var status = Field("Status");
        bool withdrawn = status.StartsWith("withdrawn", StringComparison.Ordinal);
        if (!withdrawn && status != "active")
        {
            throw new SpecFormatException($"{source}: {id} has status '{status}' (expected 'active' or 'withdrawn (<reason>)')");
        }
        _ = Field("Rationale");
        var features = Field("Feature").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Requirement(id, title, statement, features, archs, withdrawn, source);
    }
}
