using Conformance.Adapters;
using Conformance.Requirements;
using Conformance.Suite;

namespace Conformance.Tests.Suite;

/// <summary>
/// The state watch judges one runtime instance at a time: when the adapter replaces the runtime behind the same
/// object (an exec adapter restarting a crashed process), objects of the old instance are not judged against the new
/// one's. Found in the real-runtime matrix: gccgo-12 on ppc64 crashed once (an adapter error), the restarted
/// process boxed a value at the address the dead one had used, and ZV-015 reported the two as overlapping.
/// </summary>
public sealed class StateWatchInstanceTests
{
    private static readonly Judge Judge = new(new ScriptedOracle()
        .Define("ZV-015.ok", ["a", "alen", "b", "blen"], x => x[0] + x[1] <= x[2] || x[2] + x[3] <= x[0] ? 1UL : 0UL)
        .Define("ZV-009.ok", ["nonzerobytes"], x => x[0] == 0 ? 1UL : 0UL),
        RequirementCatalog.LoadEmbedded());

    [Theory]
    [InlineData(true, Verdict.Pass)]
    [InlineData(false, Verdict.Fail)]
    public void ObjectsOfAReplacedRuntime_AreNotJudgedAgainstTheNewOnes(bool replaced, Verdict expected)
    {
        var runtime = new BoxingRuntime();
        var watch = new StateWatch(Judge, runtime.Info, 1);
        using var observed = watch.Watch(runtime, _ => 8);
        observed.Convert(ValueKind.Uint64, 0x1234); // boxed at 0x5000
        watch.Check(observed, full: false);
        if (replaced)
        {
            runtime.Instance = 2; // a restarted process: its heap starts where the dead one's did
            runtime.Next = 0x5000;
        }
        else
        {
            runtime.Next = 0x5000; // the same instance handing out the same address twice: a real overlap
        }
        observed.Convert(ValueKind.Uint64, 0x5678);
        watch.Check(observed, full: false);
        var outcome = watch.Outcome("ZV-015");
        Assert.True(expected == outcome.Verdict, $"{outcome.Verdict}: {outcome.Input} | {outcome.Observed}");
        if (replaced)
        {
            Assert.Equal(2, observed.Instance);
        }
    }

    /// <summary>A runtime that boxes every value at the next 8-byte address; the test moves <see cref="Next"/> and <see cref="Instance"/>.</summary>
    private sealed class BoxingRuntime : IRuntimeAdapter
    {
        public ulong Next { get; set; } = 0x5000;

        public long Instance { get; set; } = 1;

        public RuntimeInfo Info { get; } = DeclaringRuntime.Declare("64le", "core", "maps", "zero.shared-static");

        public RegionMap Regions() => new(null, new Region("zero", 0x1000, 1024), null, []);

        public byte[] Read(ulong address, int length) => new byte[length];

        public Pointed Convert(ValueKind kind, ulong bits)
        {
            var at = Next;
            Next += 8;
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
}
