using Conformance.Requirements;

namespace Conformance.Tests.Requirements;

public sealed class RequirementIdTests
{
    [Fact]
    public void WellFormedId_KeepsItsText() => Assert.Equal("ZV-005", new RequirementId("ZV-005").Value);

    [Theory]
    [InlineData("ZV-5")]
    [InlineData("zv-005")]
    [InlineData("XX-001")]
    [InlineData(" ZV-005")]
    public void IdOfAnotherShape_IsRejected(string text) =>
        Assert.Equal($"'{text}' is not a requirement ID (AR-nnn, SV-nnn, ZV-nnn) (Parameter 'value')", Assert.Throws<ArgumentException>(() => new RequirementId(text)).Message);
}
