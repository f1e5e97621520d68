using System.Text.RegularExpressions;

namespace Conformance.Requirements;

/// <summary>
/// A requirement ID of spec/ (AR-001, SV-003, ZV-015) as a type, so that what a piece of data is about is a link
/// the compiler and reflection see, not a string in a comment. Only the shape is checked here; whether spec/
/// defines the ID, and keeps it active, is <see cref="RequirementCatalog"/>'s to say (tests check every
/// <see cref="KnownBug"/>'s ID against it).
/// </summary>
public readonly partial record struct RequirementId
{
    /// <summary>Creates the ID.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not of the form AR-nnn, SV-nnn or ZV-nnn.</exception>
    public RequirementId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Shape().IsMatch(value))
        {
            throw new ArgumentException($"'{value}' is not a requirement ID (AR-nnn, SV-nnn, ZV-nnn)", nameof(value));
        }
        Value = value;
    }

    /// <summary>"ZV-005".</summary>
    public string Value { get; }

    /// <summary>Lets data write "ZV-005" where a requirement ID is expected.</summary>
    public static implicit operator RequirementId(string value) => new(value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    [GeneratedRegex(@"^(AR|SV|ZV)-\d{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
