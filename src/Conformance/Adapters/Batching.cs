using System.Runtime.ExceptionServices;

namespace Conformance.Adapters;

/// <summary>
/// A request the runner knows before any answer arrives, so that it may be sent ahead with others (see
/// <see cref="Suite.Pipeline"/>): the region map, a read, a conversion, a one-byte string.
/// </summary>
internal abstract record Operation
{
    /// <summary>Whether the operation may change the runtime's state (a read-only one never does).</summary>
    public abstract bool Changes { get; }

    /// <summary><see cref="IRuntimeAdapter.Regions"/>.</summary>
    public sealed record Regions : Operation
    {
        public override bool Changes => false;
    }

    /// <summary><see cref="IRuntimeAdapter.Read"/>.</summary>
    public sealed record Read(ulong Address, int Length) : Operation
    {
        public override bool Changes => false;
    }

    /// <summary><see cref="IRuntimeAdapter.Convert"/>.</summary>
    public sealed record Convert(ValueKind Kind, ulong Bits) : Operation
    {
        public override bool Changes => true;
    }

    /// <summary><see cref="IRuntimeAdapter.OneByteString"/>.</summary>
    public sealed record OneByteString(byte Value) : Operation
    {
        public override bool Changes => true;
    }

    /// <summary>The operation as the protocol names it, with its arguments.</summary>
    public sealed override string ToString() => this switch
    {
        Read r => $"read(0x{r.Address:x}, {r.Length})",
        Convert c => $"convert({c.Kind}, 0x{c.Bits:x})",
        OneByteString s => $"oneByteString({s.Value})",
        _ => "regions",
    };

    /// <summary>Calls the member the operation names.</summary>
    public object CallOn(IRuntimeAdapter runtime) => this switch
    {
        Regions => runtime.Regions(),
        Read r => runtime.Read(r.Address, r.Length),
        Convert c => runtime.Convert(c.Kind, c.Bits),
        OneByteString s => runtime.OneByteString(s.Value),
        _ => throw new InvalidOperationException($"harness: no member for {this}"),
    };
}

/// <summary>
/// What an operation sent ahead returned, or the exception its member would have thrown (rethrown, with its stack,
/// when the case asks for it), or <see cref="NotRun"/>: the runtime never executed it (an earlier request of the same
/// exchange failed first), so it must be sent again when asked.
/// </summary>
internal sealed class Answer
{
    private readonly object? value;
    private readonly ExceptionDispatchInfo? error;

    private Answer(object? value, ExceptionDispatchInfo? error, bool notRun) => (this.value, this.error, NotRun) = (value, error, notRun);

    /// <summary>An operation that returned <paramref name="value"/>.</summary>
    public static Answer Of(object value) => new(value, null, false);

    /// <summary>An operation that threw <paramref name="e"/>.</summary>
    public static Answer Threw(Exception e) => new(null, ExceptionDispatchInfo.Capture(e), false);

    /// <summary>An operation the runtime never executed.</summary>
    public static readonly Answer Unrun = new(null, null, true);

    /// <summary>True when the runtime never executed the operation.</summary>
    public bool NotRun { get; }

    /// <summary>The value, or the exception thrown again.</summary>
    public T Get<T>()
    {
        error?.Throw();
        return (T)value!;
    }
}

/// <summary>An adapter that can answer several operations in one exchange (the exec client: one round trip).</summary>
internal interface IBatchingAdapter
{
    /// <summary>
    /// Executes <paramref name="operations"/> in order, exactly as if each member were called alone, one after the
    /// other; returns one answer per operation.
    /// </summary>
    IReadOnlyList<Answer> RunAll(IReadOnlyList<Operation> operations);
}

/// <summary>Operations sent ahead through any adapter.</summary>
internal static class Batching
{
    /// <summary>
    /// Executes the operations through <paramref name="runtime"/>'s own batch when it has one, otherwise one member call
    /// after another (an in-process runtime: a call costs no exchange); each failure is kept as its operation's answer.
    /// </summary>
    public static IReadOnlyList<Answer> RunAll(IRuntimeAdapter runtime, IReadOnlyList<Operation> operations) =>
        runtime is IBatchingAdapter batching ? batching.RunAll(operations) : OneByOne(runtime, operations);

    /// <summary>Calls each operation's member in turn.</summary>
    public static IReadOnlyList<Answer> OneByOne(IRuntimeAdapter runtime, IReadOnlyList<Operation> operations)
    {
        var answers = new Answer[operations.Count];
        for (int i = 0; i < answers.Length; i++)
        {
            try
            {
                answers[i] = Answer.Of(operations[i].CallOn(runtime));
            }
#pragma warning disable CA1031 // kept as the answer and thrown again, unchanged, when the case asks for it
            catch (Exception e)
#pragma warning restore CA1031
            {
                answers[i] = Answer.Threw(e);
            }
        }
        return answers;
    }
}
