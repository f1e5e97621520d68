using Conformance.Requirements;
using Conformance.Suite.Cases;

namespace Conformance.Tests.Suite;

/// <summary>
/// Random sequences ask a runtime only for operations of features it claims: a runtime with the small-value table
/// and no maps (the adapter package's sample) was errored by every SV-007 sequence for answering "unsupported" to
/// createType, nilSlice and emptyString, operations of features it never claimed.
/// </summary>
public sealed class SequenceFeatureTests
{
    private static readonly Op[] EveryKind = [.. Enum.GetValues<OpKind>().Select(k => new Op(k, 1, 2, 3))];

    [Theory]
    [InlineData("core small.table", "Convert")]
    [InlineData("core small.table small.strings", "Convert OneByteString")]
    [InlineData("core maps zero.shared-static", "NewType MakeMap Lookup Assign")]
    [InlineData("core small.zero-sized", "Convert")]
    [InlineData("core small.empty", "EmptyString NilSlice")]
    [InlineData("core", "")]
    public void Runnable_KeepsExactlyTheOpsOfClaimedFeatures(string claimed, string kept)
    {
        var features = claimed.Split(' ').ToHashSet(StringComparer.Ordinal);
        Assert.Equal(kept, string.Join(' ', SequenceCases.Runnable(EveryKind, features).Select(op => op.Kind)));
    }

    [Fact]
    public void Runnable_KeepsTheOrderAndOperandsOfWhatItKeeps()
    {
        Op[] ops = [new(OpKind.Convert, 3, 300, 0), new(OpKind.MakeMap, 1, 0, 0), new(OpKind.OneByteString, 0, 0, 7), new(OpKind.Convert, 1, 5, 0)];
        Assert.Equal([ops[0], ops[2], ops[3]], SequenceCases.Runnable(ops, new HashSet<string>(["core", "small.table", "small.strings"])));
    }

    /// <summary>Every op kind belongs to features the spec defines, and a runtime claiming every feature is asked for every op.</summary>
    [Fact]
    public void EveryOpKind_BelongsToSpecFeatures()
    {
        var all = RequirementCatalog.LoadEmbedded().Features.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(EveryKind, SequenceCases.Runnable(EveryKind, all));
        foreach (var op in EveryKind)
        {
            Assert.True(all.Any(f => SequenceCases.Claimed(op.Kind, new HashSet<string>([f]))), $"{op.Kind} is claimed by no single spec feature");
        }
    }
}
