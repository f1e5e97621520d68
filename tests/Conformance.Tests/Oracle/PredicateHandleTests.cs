using System.Runtime.ExceptionServices;
using Conformance.Oracle;
using Conformance.Tests.Smt;

namespace Conformance.Tests.Oracle;

/// <summary>
/// A resolved predicate: arity and range checks with exact messages, the non-Bool guard, and the per-thread
/// scratch buffer of <see cref="PredicateHandle.Holds"/>. Every test loads its own oracle, so the handles
/// are built by the code under test, not shared.
/// </summary>
public sealed class PredicateHandleTests
{
    private static ModelOracle TestModels() => ModelOracle.LoadDirectory(SourceTree.Beside("TestModels"));

    // SV-001.p<n>: n byte parameters a0..a(n-1); holds when the last argument is n-1.
    private static string Positional(int arity) =>
        $"(define-fun SV-001.p{arity} ({string.Join(' ', Enumerable.Range(0, arity).Select(i => $"(a{i} (_ BitVec 8))"))}) Bool (= a{arity - 1} #x{arity - 1:x2}))";

    private static ulong[] Counting(int arity) => [.. Enumerable.Range(0, arity).Select(i => (ulong)i)];

    // The message without the " (Parameter '...')" that ArgumentException appends.
    private static string Text(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message[..^$" (Parameter '{e.ParamName}')".Length];

    [Fact]
    public void Holds_ArgumentOutsideItsSort_IsRejectedNamingIt()
    {
        var handle = TestModels().Resolve("SV-002.small");
        var v = Assert.Throws<ArgumentException>(() => handle.Holds(0x100, 0));
        Assert.Equal(("SV-002.small: argument v = 0x100 does not fit (_ BitVec 8)", "args"), (Text(v), v.ParamName));
        var flag = Assert.Throws<ArgumentException>(() => handle.Holds(0, 2));
        Assert.Equal(("SV-002.small: argument flag = 0x2 does not fit Bool (Bool is 0 or 1)", "args"), (Text(flag), flag.ParamName));
        Assert.True(handle.Holds(0xFF, 1));
        Assert.False(handle.Holds(0xFF, 0));
    }

    [Fact]
    public void Evaluate_WrongArity_ThrowsNamingParameters()
    {
        var handle = TestModels().Resolve("AR-003.offset");
        var e = Assert.Throws<ArgumentException>(() => handle.Evaluate(1));
        Assert.Equal(("AR-003.offset takes 2 arguments (be Bool, width (_ BitVec 64)), got 1", "args"), (Text(e), e.ParamName));
    }

    [Fact]
    public void Evaluate_ArgumentOutsideItsSort_IsRejectedNotMasked()
    {
        var handle = TestModels().Resolve("AR-003.offset");
        var e = Assert.Throws<ArgumentException>(() => handle.Evaluate(2, 4));
        Assert.Equal(("AR-003.offset: argument be = 0x2 does not fit Bool (Bool is 0 or 1)", "args"), (Text(e), e.ParamName));
        Assert.Equal(4UL, handle.Evaluate(1, 4));
    }

    [Fact]
    public void NonBoolPredicate_HoldsAndBatchThrow_SayingWhy()
    {
        var handle = TestModels().Resolve("AR-003.offset");
        const string Why = "AR-003.offset returns (_ BitVec 64), not Bool: use Evaluate";
        Assert.Equal(Why, Assert.Throws<InvalidOperationException>(() => handle.Holds(1, 2)).Message);
        var results = new bool[1];
        Assert.Equal(Why, Assert.Throws<InvalidOperationException>(() => handle.EvaluateBatch([1, 2], 1, results)).Message);
        Assert.False(results[0]);
    }

    [Fact]
    public void Batch_NullArguments_Throws()
    {
        var handle = TestModels().Resolve("SV-002.small");
        var e = Assert.Throws<ArgumentNullException>(() => handle.EvaluateBatch(null!, 0, []));
        Assert.Equal("argsFlat", e.ParamName);
    }

    [Fact]
    public void Batch_ShortBuffers_ThrowSayingHowMuchIsNeeded()
    {
        var handle = TestModels().Resolve("SV-002.small");
        var values = Assert.Throws<ArgumentException>(() => handle.EvaluateBatch([1, 0, 2], 2, new bool[2]));
        Assert.Equal(("SV-002.small: 2 observations of 2 arguments need 4 values, got 3", "argsFlat"), (Text(values), values.ParamName));
        var slots = Assert.Throws<ArgumentException>(() => handle.EvaluateBatch([1, 0, 2, 0], 2, new bool[1]));
        Assert.Equal(("SV-002.small: 2 observations need 2 result slots, got 1", "results"), (Text(slots), slots.ParamName));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)] // the other narrow argument at its maximum
    [InlineData(2UL)] // the other narrow argument out of its sort too: the first is named
    public void Batch_ArgumentOutsideItsSort_NamesTheObservation_FromZero(ulong flag)
    {
        var handle = TestModels().Resolve("SV-002.small");
        var results = new bool[2];
        var e = Assert.Throws<ArgumentException>(() => handle.EvaluateBatch([0x100, flag, 1, 0], 2, results));
        Assert.Equal("SV-002.small: argument v = 0x100 in observation 0 does not fit (_ BitVec 8)", Text(e));
        Assert.Equal("argsFlat", e.ParamName); // the batch's own parameter, as its other argument errors name it
        Assert.Equal([false, false], results);
    }

    [Fact]
    public void Holds_OneThreadAlternatingArities_JudgesEach()
    {
        // The scratch buffer is per thread: a fresh thread starts without one, so it must be sized for more
        // than 16 arguments, kept for fewer, and still fit when more come again.
        var oracle = ModelOracle.Load([new ModelSource("wide.smt2", Positional(17) + "\n" + Positional(2))]);
        PredicateHandle wide = oracle.Resolve("SV-001.p17"), narrow = oracle.Resolve("SV-001.p2");
        ulong[] wrongLast = Counting(17);
        wrongLast[16] = 0;
        var judged = OnFreshThread(() => new[]
        {
            wide.Holds(Counting(17)), narrow.Holds(Counting(2)), wide.Holds(Counting(17)), wide.Holds(wrongLast), narrow.Holds(0, 0),
        });
        Assert.Equal([true, true, true, false, false], judged);
    }

    [Fact]
    public void Holds_ReusesItsScratchBuffer_AllocatingNothing()
    {
        var handle = ModelOracle.Load([new ModelSource("wide.smt2", Positional(16))]).Resolve("SV-001.p16");
        ulong[] args = Counting(16);
        var (holds, allocated) = OnFreshThread(() =>
        {
            Assert.True(handle.Holds(args)); // the thread's first call sizes its buffer: 16 values
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool again = handle.Holds(args);
            return (again, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        Assert.True(holds);
        Assert.Equal(0, allocated);
    }

    private static T OnFreshThread<T>(Func<T> run)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = run();
            }
#pragma warning disable CA1031 // Rethrown on the test's thread below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
