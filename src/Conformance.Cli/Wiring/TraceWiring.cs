using System.Reflection;
using Conformance.Requirements;
using Conformance.Trace;
using Reference;

namespace Conformance.Cli.Wiring;

/// <summary>The links <c>trace</c> reads from compiled code: the only place that knows the reference, the zoo and the tests' attribute.</summary>
internal static class TraceWiring
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The reference's [Implements] members, the compiled tests under <paramref name="root"/>, and the broken things (<see cref="Broken"/>).</summary>
    public static TraceLinks Links(string root) => new(ReferenceLinks(), TraceLinks.TestsIn(root), Broken());

    /// <summary>(ID, "Type.Member") for every member of the reference that carries [Implements].</summary>
    public static IReadOnlyList<(string Id, string Site)> ReferenceLinks()
    {
        var links = new List<(string, string)>();
        foreach (var type in typeof(ReferenceRuntime).Assembly.GetTypes())
        {
            foreach (var member in new MemberInfo[] { type }.Concat(type.GetMembers(Everything)))
            {
                if (member.GetCustomAttribute<ImplementsAttribute>() is { } implements)
                {
                    string site = member == type ? type.FullName! : $"{type.FullName}.{member.Name}";
                    links.AddRange(implements.Requirements.Select(id => (id, site)));
                }
            }
        }
        return links;
    }

    /// <summary>
    /// (ID, "zoo:name") for every broken variant of the zoo, and (ID, "model bug:name"), (ID, "seam test:name") or
    /// (ID, "go patch:name") for every known bug the catalogue marks as realised there (tests check those marks against
    /// the seeded model bugs, the seam tests' [KnownBug] and adapters/go/zoo/bugs.txt, which this assembly cannot see).
    /// </summary>
    public static IReadOnlyList<(string Id, string Site)> Broken() =>
    [
        .. Zoo.Variants.Select(v => (v.Requirement, $"zoo:{v.Name}")),
        .. KnownBugs.All.Where(b => b.RealisedIn.HasFlag(BugRealisations.Model)).Select(b => (b.Requirement.Value, $"model bug:{b.Name}")),
        .. KnownBugs.All.Where(b => b.RealisedIn.HasFlag(BugRealisations.Seam)).Select(b => (b.Requirement.Value, $"seam test:{b.Name}")),
        .. KnownBugs.All.Where(b => b.RealisedIn.HasFlag(BugRealisations.GoPatch)).Select(b => (b.Requirement.Value, $"go patch:{b.Name}")),
    ];
}
