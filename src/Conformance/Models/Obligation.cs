using Conformance.Adapters;

namespace Conformance.Models;

/// <summary>The verdict a model file expects from the solver for an obligation (set-info :status).</summary>
public enum ExpectedStatus
{
    /// <summary>The negated claim is unsatisfiable: the claim holds for the whole domain (a proof).</summary>
    Unsat,

    /// <summary>The script is satisfiable (a witness the file expects to exist).</summary>
    Sat,
}

/// <summary>A constant an obligation declares (the universally quantified variables of its claim).</summary>
/// <param name="Name">The SMT-LIB2 symbol.</param>
/// <param name="Sort">The sort text, e.g. "(_ BitVec 64)", "Bool", "(Array (_ BitVec 64) (_ BitVec 8))".</param>
public sealed record DeclaredConstant(string Name, string Sort)
{
    /// <summary>The width when the sort is a bit-vector, else null.</summary>
    public int? BitVecWidth
    {
        get
        {
            const string prefix = "(_ BitVec ";
            if (Sort.StartsWith(prefix, StringComparison.Ordinal) && Sort.EndsWith(')'))
            {
                return int.TryParse(Sort.AsSpan(prefix.Length, Sort.Length - prefix.Length - 1), out int w) ? w : null;
            }

            return null;
        }
    }

    /// <summary>True when the sort is Bool.</summary>
    public bool IsBool => Sort == "Bool";
}

/// <summary>
/// One proof obligation of a model file: a (push 1) ... (pop 1) block with its labels, the constants
/// it declares and the script that checks it (the file's shared definitions, then the block without
/// push, pop, set-info and check-sat).
/// </summary>
/// <param name="Name">The label, "&lt;ID&gt;/&lt;short-name&gt;", e.g. "ZV-005/loop-step".</param>
/// <param name="Requirements">The requirement IDs the obligation checks (at least one).</param>
/// <param name="Arch">The architecture the instance is for.</param>
/// <param name="Statement">One-line English statement of the claim.</param>
/// <param name="Expected">The expected verdict.</param>
/// <param name="File">The model file name.</param>
/// <param name="Line">The 1-based line of the block's (push 1).</param>
/// <param name="Constants">The constants the block declares, in order.</param>
/// <param name="Script">Shared definitions and the block's declarations and assertions, without check-sat.</param>
public sealed record Obligation(
    string Name,
    IReadOnlyList<string> Requirements,
    Arch Arch,
    string Statement,
    ExpectedStatus Expected,
    string File,
    int Line,
    IReadOnlyList<DeclaredConstant> Constants,
    string Script)
{
    /// <summary>"ZV-005/loop-step@64le": unique in a catalog.</summary>
    public string Key => $"{Name}@{Arch.Name}";

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{Arch.Name}] ({File}:{Line})";
}
