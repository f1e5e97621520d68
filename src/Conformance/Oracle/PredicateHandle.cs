using Conformance.Smt;

namespace Conformance.Oracle;

/// <summary>
/// One resolved requirement predicate: the hot path. Holds the compiled delegate and the per-parameter
/// range checks, so judging an observation costs one delegate call plus one comparison per narrow
/// parameter, with no dictionary lookup.
/// </summary>
/// <remarks>Thread-safe: the only mutable state is a per-thread scratch buffer.</remarks>
public sealed class PredicateHandle
{
    [ThreadStatic]
    private static ulong[]? scratch;

    private readonly SmtFunction invoke;
    private readonly int arity;

    // Indices and masks of the parameters narrower than 64 bits (Bool: mask 1): only these need a check.
    private readonly int[] narrowIndex;
    private readonly ulong[] narrowMask;

    internal PredicateHandle(PredicateInfo info, CompiledFunction function, SmtModule module)
    {
        Info = info;
        Function = function;
        Module = module;
        invoke = function.Invoke;
        arity = function.Parameters.Count;
        var narrow = Enumerable.Range(0, arity).Where(i => function.Parameters[i].Sort.Mask != ulong.MaxValue).ToArray();
        narrowIndex = narrow;
        narrowMask = narrow.Select(i => function.Parameters[i].Sort.Mask).ToArray();
    }

    /// <summary>Name, requirement, parameters, result sort and source of the predicate.</summary>
    public PredicateInfo Info { get; }

    /// <summary>The number of arguments per observation.</summary>
    public int Arity => arity;

    internal CompiledFunction Function { get; }

    internal SmtModule Module { get; }

    /// <summary>Whether the predicate holds for <paramref name="args"/> (Bool as 0/1).</summary>
    /// <exception cref="ArgumentException">Wrong arity, or an argument outside its sort.</exception>
    /// <exception cref="InvalidOperationException">The define-fun does not return Bool.</exception>
    public bool Holds(params ReadOnlySpan<ulong> args)
    {
        RequireBool();
        if (args.Length != arity)
        {
            throw new ArgumentException($"{Info.Name} takes {arity} arguments ({ParameterList()}), got {args.Length}", nameof(args));
        }

        ulong[] buffer = scratch is { } s && s.Length >= arity ? s : (scratch = new ulong[Math.Max(arity, 16)]);
        args.CopyTo(buffer);
        CheckRanges(buffer, 0, -1, nameof(args));
        return invoke(buffer, 0) != 0;
    }

    /// <summary>The value of a define-fun of any result sort for <paramref name="args"/> (Bool as 0/1).</summary>
    /// <exception cref="ArgumentException">Wrong arity, or an argument outside its sort.</exception>
    public ulong Evaluate(params ReadOnlySpan<ulong> args)
    {
        if (args.Length != arity)
        {
            throw new ArgumentException($"{Info.Name} takes {arity} arguments ({ParameterList()}), got {args.Length}", nameof(args));
        }

        ulong[] buffer = args.ToArray();
        CheckRanges(buffer, 0, -1, nameof(args));
        return invoke(buffer, 0);
    }

    /// <summary>
    /// Judges <paramref name="count"/> observations: observation i is <c>argsFlat[i*Arity .. (i+1)*Arity)</c>,
    /// its verdict goes to <c>results[i]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="argsFlat"/> holds fewer than <c>count*Arity</c> values, <paramref name="results"/> fewer
    /// than <paramref name="count"/>, or an argument is outside its sort (the message names the observation;
    /// verdicts before it are written, none after).
    /// </exception>
    /// <exception cref="InvalidOperationException">The define-fun does not return Bool.</exception>
    public void EvaluateBatch(ulong[] argsFlat, int count, Span<bool> results)
    {
        ArgumentNullException.ThrowIfNull(argsFlat);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        RequireBool();
        if ((long)count * arity > argsFlat.Length)
        {
            throw new ArgumentException($"{Info.Name}: {count} observations of {arity} arguments need {(long)count * arity} values, got {argsFlat.Length}", nameof(argsFlat));
        }

        if (results.Length < count)
        {
            throw new ArgumentException($"{Info.Name}: {count} observations need {count} result slots, got {results.Length}", nameof(results));
        }

        SmtFunction f = invoke;
        int[] index = narrowIndex;
        ulong[] mask = narrowMask;
        int offset = 0;
        for (int i = 0; i < count; i++, offset += arity)
        {
            for (int k = 0; k < index.Length; k++)
            {
                if (argsFlat[offset + index[k]] > mask[k])
                {
                    CheckRanges(argsFlat, offset, i, nameof(argsFlat));
                }
            }

            results[i] = f(argsFlat, offset) != 0;
        }
    }

    private void RequireBool()
    {
        if (!Info.Result.IsBool)
        {
            throw new InvalidOperationException($"{Info.Name} returns {Info.Result}, not Bool: use Evaluate");
        }
    }

    private void CheckRanges(ulong[] args, int offset, int observation, string parameter)
    {
        for (int k = 0; k < narrowIndex.Length; k++)
        {
            ulong value = args[offset + narrowIndex[k]];
            if (value > narrowMask[k])
            {
                SmtParameter p = Info.Parameters[narrowIndex[k]];
                string where = observation < 0 ? "" : $" in observation {observation}";
                throw new ArgumentException(
                    $"{Info.Name}: argument {p.Name} = 0x{value:x}{where} does not fit {p.Sort}{(p.Sort.IsBool ? " (Bool is 0 or 1)" : "")}",
                    parameter);
            }
        }
    }

    private string ParameterList() => string.Join(", ", Info.Parameters.Select(p => $"{p.Name} {p.Sort}"));
}
