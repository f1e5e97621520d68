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

/// <summary>
/// A runtime that boxes every value at the next 8-byte address (with <see cref="Reuse"/>, the second value at the
/// first one's; tests move <see cref="Next"/> and <see cref="Instance"/> to stage overlaps and restarts), reports a
/// 1 KiB static zero of zeros at 0x1000, faults reading anything else, and with <see cref="Dead"/> fails its regions
/// request as a crashed adapter would.
/// </summary>
internal sealed class BoxingRuntime(string arch = "64le", params string[] features) : IRuntimeAdapter
{
    public ulong Next { get; set; } = 0x5000;

    public long Instance { get; set; } = 1;

    public bool Reuse { get; init; }

    public bool Dead { get; set; }

    /// <summary>How many values were converted.</summary>
    public int Objects { get; private set; }

    public RuntimeInfo Info { get; } = DeclaringRuntime.Declare(arch, features.Length > 0 ? features : ["core", "small.table", "maps", "zero.shared-static"]);

    public RegionMap Regions() => Dead ? throw new AdapterException("adapter fault [crash]: the adapter died before answering")
        : new(null, new Region("zero", 0x1000, 1024), null, []);

    public byte[] Read(ulong address, int length) => address >= 0x1000 && address + (ulong)length <= 0x1400
        ? new byte[length] : throw new MemoryFaultException(address, (ulong)length, "SIGSEGV");

    public Pointed Convert(ValueKind kind, ulong bits)
    {
        Objects++;
        var at = Next;
        Next += Reuse && Objects == 1 ? 0UL : 8UL;
        return new(at, new Allocation(1, 8));
    }

    public CreatedType CreateType(TypeKind kind, ulong length, TypeRef? element) => throw new NotSupportedException();

    public IReadOnlyList<CreatedType> CompilerTypes() => [];

    public ulong ZeroPointer(TypeRef type) => throw new NotSupportedException();

    public MapCreation MakeMap(TypeRef element) => throw new NotSupportedException();

    public Lookup LookupMissing(MapRef map, ulong key) => throw new NotSupportedException();

    public void Assign(MapRef map, ulong key, byte fill) => throw new NotSupportedException();

    public Pointed OneByteString(byte value) => throw new NotSupportedException();

    public Pointed EmptyString() => throw new NotSupportedException();

    public Pointed NilSlice() => throw new NotSupportedException();

    public Pointed EmptySlice() => throw new NotSupportedException();

    public IReadOnlyList<IReadOnlyList<RaceSighting>> RaceFirstUse(IReadOnlyList<TypeRef> types, int threads) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
