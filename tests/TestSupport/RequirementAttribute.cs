using Xunit.Abstractions;
using Xunit.Sdk;

namespace Conformance.Testing;

/// <summary>
/// Links a test to the requirements of spec/ it checks: xUnit reports it as the trait <c>Requirement=&lt;ID&gt;</c>
/// (so <c>dotnet test --filter Requirement=ZV-005</c> selects it), and <c>trace</c> reads it from the compiled
/// assembly. A requirement ID in a comment is documentation, not a link.
/// </summary>
/// <param name="requirements">Requirement IDs ("ZV-005", ...).</param>
[TraitDiscoverer("Conformance.Testing.RequirementDiscoverer", "TestSupport")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirementAttribute(params string[] requirements) : Attribute, ITraitAttribute
{
    /// <summary>The requirement IDs.</summary>
    public IReadOnlyList<string> Requirements { get; } = requirements;
}

/// <summary>Turns <see cref="RequirementAttribute"/> into xUnit traits.</summary>
public sealed class RequirementDiscoverer : ITraitDiscoverer
{
    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        ArgumentNullException.ThrowIfNull(traitAttribute);
        var ids = traitAttribute.GetConstructorArguments().FirstOrDefault() as IEnumerable<object> ?? [];
        return ids.Select(id => new KeyValuePair<string, string>("Requirement", (string)id));
    }
}
