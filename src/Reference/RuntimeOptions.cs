namespace Reference;

/// <summary>Options of a <see cref="ReferenceRuntime"/>.</summary>
/// <param name="EnforceWriteGuards">
/// True (the default): a write into the table (SV-007) or a zero region (ZV-009) throws
/// <see cref="WriteGuardViolationException"/>. False: such writes go through (and are counted in
/// <see cref="Memory.GuardViolations"/>), so that a deliberately broken variant really changes the bytes and a
/// checker must notice.
/// </param>
public sealed record RuntimeOptions(bool EnforceWriteGuards = true)
{
    /// <summary>The defaults: guards enforced.</summary>
    public static RuntimeOptions Default { get; } = new();
}
