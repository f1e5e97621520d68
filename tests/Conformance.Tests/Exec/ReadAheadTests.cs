using Conformance.Adapters;
using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>
/// <see cref="ReadAhead"/>: which read-only requests travel with a state-changing one, and which answers are kept.
/// End to end (the same verdicts with and without it, fewer round trips, faults on requests read ahead):
/// Cli.Tests ExecEndToEndTests.
/// </summary>
public sealed class ReadAheadTests
{
    private static readonly ConvertRequest Convert1 = new(ValueKind.Uint16, 1);
    private static readonly RegionsRequest Regions = new();

    private static ExecReply Answer(Request r, object? result = null, AdapterException? fault = null, string? code = null) =>
        new(r, 1, result ?? new EmptyResult(), fault, code);

    /// <summary>Two occurrences of a kind followed by the same read-only request: the third carries it; a request
    /// that followed only one of them (a read of the object just made) is not read ahead.</summary>
    [Fact]
    public void ReadsAheadWhatFollowedTheLastTwoRequestsOfTheKind()
    {
        var ahead = new ReadAhead();
        Assert.Empty(ahead.Before(Convert1));
        ahead.Take(Regions);
        ahead.Take(new ReadRequest(0x1000, 8));
        Assert.Empty(ahead.Before(new ConvertRequest(ValueKind.Uint16, 2)));
        ahead.Take(Regions);
        ahead.Take(new ReadRequest(0x2000, 8));
        Assert.Empty(ahead.Before(new MakeMapRequest(new Handle(1)))); // another kind: nothing learned for it yet
        Assert.Equal([Regions], ahead.Before(new ConvertRequest(ValueKind.Uint16, 3)));
    }

    /// <summary>An answer is kept until a request that may change the state, and used as often as it is asked.</summary>
    [Fact]
    public void AnswersAreKeptUntilTheStateMayChange()
    {
        var ahead = new ReadAhead();
        ahead.Before(Convert1);
        var regions = Answer(Regions);
        ahead.KeepAsked(Regions, regions);
        Assert.Same(regions, ahead.Take(Regions));
        Assert.Same(regions, ahead.Take(Regions));
        Assert.Equal(2, ahead.Hits);
        ahead.Before(Convert1);
        Assert.Null(ahead.Take(Regions));
        ahead.KeepAsked(Regions, regions);
        ahead.Forget();
        Assert.Null(ahead.Take(Regions));
    }

    /// <summary>An error reply (the process lives) is an answer like any other; an answer the process died giving is
    /// given once (read ahead) or not kept at all (asked): asked again, the request goes to the next process.</summary>
    [Fact]
    public void AnAnswerThatEndedTheProcessIsNotKept()
    {
        var ahead = new ReadAhead();
        ahead.Before(Convert1);
        var read = new ReadRequest(0, 1);
        var fault = Answer(read, fault: new AdapterException("fault"), code: "fault");
        ahead.KeepAsked(read, fault);
        Assert.Same(fault, ahead.Take(read));
        Assert.Same(fault, ahead.Take(read));
        var crash = Answer(Regions, fault: new AdapterException("adapter fault [crash]"));
        ahead.KeepAsked(Regions, crash);
        Assert.Null(ahead.Take(Regions));
        ahead.Keep(Regions, crash);
        Assert.Same(crash, ahead.Take(Regions));
        Assert.Null(ahead.Take(Regions));
    }

    [Theory]
    [InlineData(typeof(RegionsRequest), true)]
    [InlineData(typeof(ReadRequest), true)]
    [InlineData(typeof(ScanRequest), true)]
    [InlineData(typeof(ZeroPointerRequest), true)]
    [InlineData(typeof(ConvertRequest), false)]
    [InlineData(typeof(LookupMissingRequest), false)]
    [InlineData(typeof(CompilerTypesRequest), false)]
    [InlineData(typeof(ResetRequest), false)]
    public void OnlyRequestsThatLeaveTheStateAsItIsAreReadOnly(Type type, bool readOnly)
    {
        var message = type.Name switch
        {
            nameof(RegionsRequest) => (Request)Regions,
            nameof(ReadRequest) => new ReadRequest(0, 1),
            nameof(ScanRequest) => new ScanRequest(0, 1),
            nameof(ZeroPointerRequest) => new ZeroPointerRequest(new Handle(1)),
            nameof(ConvertRequest) => Convert1,
            nameof(LookupMissingRequest) => new LookupMissingRequest(new Handle(1), 5),
            nameof(CompilerTypesRequest) => new CompilerTypesRequest(),
            _ => new ResetRequest(),
        };
        Assert.Equal(readOnly, ReadAhead.IsReadOnly(message));
    }
}
