using Conformance.Adapters;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>An oracle whose answers the test sets: predicate name to parameters and a function of the arguments.</summary>
internal sealed class ScriptedOracle : IPredicateOracle
{
    private readonly Dictionary<string, (string[] Parameters, Func<ulong[], ulong> Value)> functions = new(StringComparer.Ordinal);

    public int Evaluations { get; private set; }

    /// <summary>How often the judge asked for a function's parameter names.</summary>
    public int ParameterLookups { get; private set; }

    /// <summary>The thread's allocated bytes (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) when the last evaluation began.</summary>
    public long AllocatedAtLastEvaluation { get; private set; }

    public ScriptedOracle Define(string name, string[] parameters, Func<ulong[], ulong> value)
    {
        functions[name] = (parameters, value);
        return this;
    }

    public ulong Evaluate(string name, ReadOnlySpan<ulong> args)
    {
        AllocatedAtLastEvaluation = GC.GetAllocatedBytesForCurrentThread();
        Evaluations++;
        return functions[name].Value(args.ToArray());
    }

    public bool Defines(string name) => functions.ContainsKey(name);

    public IReadOnlyList<string> ParameterNames(string name)
    {
        ParameterLookups++;
        return functions[name].Parameters;
    }
}

/// <summary>A runtime that only declares itself; every operation fails with the exception the test chooses.</summary>
internal sealed class DeclaringRuntime(RuntimeInfo info, Func<Exception>? failure = null) : IRuntimeAdapter
{
    public int Calls { get; private set; }

    /// <summary>How often the runtime was asked for its declaration.</summary>
    public int InfoReads { get; private set; }

    public RuntimeInfo Info
    {
        get
        {
            InfoReads++;
            return info;
        }
    }

    public static RuntimeInfo Declare(string arch, params string[] features)
    {
        Assert.True(Arch.TryParse(arch, out var a));
        return new RuntimeInfo("fake", "1.0", a, new HashSet<string>(features, StringComparer.Ordinal));
    }

    private Exception Fail()
    {
        Calls++;
        return failure?.Invoke() ?? new AdapterException("fake runtime: no operations");
    }

    public RegionMap Regions() => throw Fail();

    public byte[] Read(ulong address, int length) => throw Fail();

    public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element) => throw Fail();

    public IReadOnlyList<CreatedType> CompilerTypes() => throw Fail();

    public ulong ZeroPointer(TypeRef type) => throw Fail();

    public MapCreation MakeMap(TypeRef element) => throw Fail();

    public Lookup LookupMissing(MapRef map, ulong key) => throw Fail();

    public void Assign(MapRef map, ulong key, byte fill) => throw Fail();

    public Pointed Convert(ValueKind kind, ulong bits) => throw Fail();

    public Pointed OneByteString(byte value) => throw Fail();

    public Pointed EmptyString() => throw Fail();

    public Pointed NilSlice() => throw Fail();

    public Pointed EmptySlice() => throw Fail();

    public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads) => throw Fail();

    public void Dispose()
    {
    }
}

/// <summary>Collects what a run streams, in order.</summary>
internal sealed class RecordingSink : IResultSink
{
    public List<string> Events { get; } = [];

    public List<CaseResult> Results { get; } = [];

    public RunHeader? Header { get; private set; }

    public RunSummary? Summary { get; private set; }

    public void Begin(RunHeader header)
    {
        Events.Add("begin");
        Header = header;
    }

    public void Add(CaseResult result)
    {
        Events.Add("add");
        Results.Add(result);
    }

    public void Finish(RunSummary summary)
    {
        Events.Add("finish");
        Summary = summary;
    }
}
