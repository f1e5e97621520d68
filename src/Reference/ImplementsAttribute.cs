namespace Reference;

/// <summary>
/// Names the requirements of spec/ a member of the reference implements: the link the traceability check
/// (<c>trace</c>) reads, by reflection, from the compiled assembly. A requirement ID in a comment is documentation,
/// not a link.
/// </summary>
/// <param name="requirements">Requirement IDs ("ZV-005", ...).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Constructor | AttributeTargets.Field,
    AllowMultiple = false, Inherited = false)]
public sealed class ImplementsAttribute(params string[] requirements) : Attribute
{
    /// <summary>The requirement IDs.</summary>
    public IReadOnlyList<string> Requirements { get; } = requirements;
}
