namespace Reference;

/// <summary>Options of a <see cref="ReferenceRuntime"/>.</summary>
/// <param name="EnforceWriteGuards">
/// True (the default): a write into the table (SV-007) or a zero region (ZV-009) throws
/// <see cref="WriteGuardViolationException"/>. False: such writes go through (and are counted in
/// <see cref="Memory.GuardViolations"/>), so that a deliberately broken variant really changes the bytes and a
/// checker must notice.
/// </param>
/// <param name="Design">How zero values are served (spec/features.md, Profiles); the seed's 2015 design by default.</param>
[Implements("SV-007", "ZV-009")]
public sealed record RuntimeOptions(bool EnforceWriteGuards = true, ZeroDesign Design = ZeroDesign.OnDemand)
{
    /// <summary>The defaults: guards enforced, the seed's design.</summary>
    public static RuntimeOptions Default { get; } = new();
}

/// <summary>How a runtime serves map zero values: the two real designs of spec/zero-values.md.</summary>
public enum ZeroDesign
{
    /// <summary>
    /// The seed's 2015 design (Go commit 7e26a2d; profile <c>go1.5-mapzero</c>, the reference's profile
    /// <c>reference</c>): every type has a zero pointer, set by its first map; run-time types up to 1024 bytes get
    /// the static zero, larger ones the doubling on-demand buffer; compiler-known types point at the compiler's zero.
    /// </summary>
    OnDemand,

    /// <summary>
    /// gc from Go 1.6 to 1.23 (profile <c>gc</c>): no per-type zero pointer and no on-demand buffer; a missing-key
    /// lookup hands out the static zero for element types up to 1024 bytes, the compiler's zero (sized by the
    /// linker to the largest of them) for compiler-known types above that, and reports the key absent for
    /// run-time types above that (ZV-018).
    /// </summary>
    AbsentLarge,
}
