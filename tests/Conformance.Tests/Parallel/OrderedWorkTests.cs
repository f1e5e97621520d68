namespace Conformance.Tests.Parallel;

/// <summary><see cref="OrderedWork"/>: items computed on several threads reach the caller in their own order.</summary>
public sealed class OrderedWorkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void ItemsAreEmittedInOrder_WhateverOrderTheyFinishIn(int jobs)
    {
        var emitted = new List<int>();
        // Early items take longest, so later ones finish first on more than one thread.
        var results = OrderedWork.Run(12, jobs, () => 0, (_, i) => { Thread.Sleep((12 - i) * 3); return i * i; }, (i, v) => emitted.Add(i * 1000 + v));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * i), results);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (i * 1000) + (i * i)), emitted);
    }

    [Fact]
    public void EachThreadHasItsOwnState_DisposedAtTheEnd()
    {
        var states = new System.Collections.Concurrent.ConcurrentBag<Probe>();
        OrderedWork.Run(20, 3, () => { var p = new Probe(); states.Add(p); return p; }, (p, i) => { p.Uses++; return i; }, (_, _) => { });
        Assert.InRange(states.Count, 1, 3);
        Assert.All(states, p => Assert.True(p.Disposed));
        Assert.Equal(20, states.Sum(p => p.Uses));
    }

    [Fact]
    public void AFailingItem_IsRethrownAfterTheItemsBeforeItWereEmitted()
    {
        var emitted = new List<int>();
        var e = Assert.Throws<InvalidOperationException>(() => OrderedWork.Run(10, 2, () => 0,
            (_, i) => i == 6 ? throw new InvalidOperationException("item 6") : i, (i, _) => emitted.Add(i)));
        Assert.Equal("item 6", e.Message);
        Assert.Equal(Enumerable.Range(0, 6), emitted);
    }

    [Fact]
    public void AStateThatCannotBeMade_IsRethrown()
    {
        var e = Assert.Throws<InvalidOperationException>(() => OrderedWork.Run<int, int>(3, 2, () => throw new InvalidOperationException("no solver"), (_, i) => i, (_, _) => { }));
        Assert.Equal("no solver", e.Message);
    }

    private sealed class Probe : IDisposable
    {
        public int Uses { get; set; }

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
