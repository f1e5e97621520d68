namespace Conformance.Cli.Bench;

/// <summary>How much work each figure does. Default: the numbers docs/performance.md records; quick: minutes less; smoke: the tests' tiny budget (figures print, numbers mean nothing).</summary>
/// <param name="Name">default | quick | smoke.</param>
/// <param name="Repetitions">Measured repetitions after the warm-up (interleaved where a ratio is taken).</param>
/// <param name="EnumerationSample">Sizes enumerated per repetition in figure 1 (evenly spaced blocks; extrapolated linearly to 2^32).</param>
/// <param name="Exhaustive">The long measurements: figure 1 enumerates all 2^32 sizes once (measured, not extrapolated) and figure 5 adds a decade (10^6 cases by default).</param>
/// <param name="OracleSlice">How long each oracle or reference repetition runs.</param>
/// <param name="ExecRequests">Requests per batched repetition (and per raw file) in figure 3.</param>
/// <param name="ExecUnbatched">Requests per unbatched repetition in figure 3.</param>
/// <param name="ExecForeign">Whether figure 3 also measures 386 and s390x (qemu).</param>
/// <param name="WarmUpLimit">The longest figure 3 warms the client up waiting for the JIT to go quiet (<see cref="Sampling.WarmUp"/>).</param>
/// <param name="ScalingMinExponent">Figure 5 runs 10^this .. 10^<paramref name="ScalingMaxExponent"/> cases.</param>
/// <param name="ScalingMaxExponent">See <paramref name="ScalingMinExponent"/>; --exhaustive adds one more decade.</param>
/// <param name="StartupArgs">The arguments figure 6 starts the CLI with.</param>
internal sealed record Budget(string Name, int Repetitions, ulong EnumerationSample, bool Exhaustive, TimeSpan OracleSlice,
    int ExecRequests, int ExecUnbatched, bool ExecForeign, TimeSpan WarmUpLimit, int ScalingMinExponent, int ScalingMaxExponent, IReadOnlyList<string> StartupArgs)
{
    public static Budget Default { get; } = new("default", 5, 1UL << 27, false, TimeSpan.FromMilliseconds(300), 4000, 500, true, TimeSpan.FromSeconds(20), 3, 5, ["run"]);

    public static Budget Quick { get; } = new("quick", 3, 1UL << 24, false, TimeSpan.FromMilliseconds(150), 2000, 200, true, TimeSpan.FromSeconds(10), 3, 5, ["run"]);

    /// <summary>For the smoke test: every figure runs and prints, in seconds.</summary>
    public static Budget Smoke { get; } = new("smoke", 1, 1UL << 16, false, TimeSpan.FromMilliseconds(10), 50, 10, false, TimeSpan.Zero, 2, 3, ["run", "--arch", "64le", "--no-zoo", "--no-prove", "--requirement", "SV-002"]);
}
