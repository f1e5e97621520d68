namespace Reference.Tests;

public class ReferenceRuntimeTests
{
    public class Features
    {
        [Fact]
        [Trait("Requirement", "AR-001")]
        [Trait("Requirement", "ZV-011")]
        public void Claims_EveryFeatureOfTheReferenceProfile()
        {
            // spec/features.md, profile "reference": every feature, so every requirement applies (ZV-011 through "threads").
            string[] profile =
            [
                "core", "zero.lazy-types", "zero.shared-static", "zero.on-demand", "zero.compiler-static",
                "small.table", "small.strings", "small.empty", "threads",
            ];
            Assert.Equal(profile.Order(StringComparer.Ordinal), ReferenceRuntime.Features.Order(StringComparer.Ordinal));
        }
    }
}
