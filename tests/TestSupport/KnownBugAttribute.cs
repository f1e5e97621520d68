using Xunit.Abstractions;
using Xunit.Sdk;

namespace Conformance.Testing;

/// <summary>
/// Links a test to the known bug it shows is observably wrong: an entry of the catalogue in
/// src/Conformance/Requirements/KnownBugs.cs, by its name ("no-big-endian-bump"). For tests that must not reference
/// the suite (tests/Reference.Tests, whose seam tests break the reference one step at a time); tests in
/// Cli.Tests read it from the compiled assembly and check that the entry exists, is marked as realised by a seam
/// test, and that its requirement is among the test's <see cref="RequirementAttribute"/> IDs. xUnit reports it as the
/// trait <c>KnownBug=&lt;name&gt;</c> (<c>dotnet test --filter KnownBug=grow-by-4096</c>).
/// </summary>
/// <param name="name">The catalogue entry's name.</param>
[TraitDiscoverer("Conformance.Testing.KnownBugDiscoverer", "TestSupport")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class KnownBugAttribute(string name) : Attribute, ITraitAttribute
{
    /// <summary>The catalogue entry's name.</summary>
    public string Name { get; } = name;
}

/// <summary>Turns <see cref="KnownBugAttribute"/> into xUnit traits.</summary>
public sealed class KnownBugDiscoverer : ITraitDiscoverer
{
    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        ArgumentNullException.ThrowIfNull(traitAttribute);
        return [new KeyValuePair<string, string>("KnownBug", (string)traitAttribute.GetConstructorArguments().First())];
    }
}
