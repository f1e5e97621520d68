using FsCheck;
using FsCheck.Fluent;

namespace Reference.Tests;

/// <summary>FsCheck properties with shrinking; failures report the shrunk counterexample (its ToString).</summary>
public class PropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static readonly string[] ArchNames = [.. Architecture.All.Select(a => a.Name)];

    /// <summary>Sizes that matter: boundaries of ZV-004..006 and their neighbours.</summary>
    private static readonly ulong[] BoundarySizes =
    [
        0, 1, 1023, 1024, 1025, 4095, 4096, 4097, 8192, 8193, 1UL << 20, (1UL << 31) - 1, 1UL << 31, (1UL << 31) + 1,
        uint.MaxValue, 1UL << 32, 1UL << 40, 1UL << 62, (1UL << 63) - 1, 1UL << 63, (1UL << 63) + 1, ulong.MaxValue,
    ];

    public sealed record SizeCase(string Arch, ulong Size)
    {
        public override string ToString() => $"{Arch} size {Size} (0x{Size:x})";
    }

    private static Gen<ulong> SizeGen =>
        Gen.Frequency(
            (3, Gen.Elements(BoundarySizes)),
            (3, Gen.Choose(0, 200_000).Select(i => (ulong)i)),
            (2, Gen.Choose(0, 63).SelectMany(bits => Gen.Choose(0, int.MaxValue).Select(r => (1UL << bits) + (ulong)r))));

    private static IEnumerable<ulong> ShrinkSize(ulong size)
    {
        if (size == 0)
        {
            yield break;
        }

        foreach (var b in BoundarySizes.Where(b => b < size).Reverse().Take(3))
        {
            yield return b;
        }

        yield return size / 2;
        yield return size - 1;
    }

    public class MapZeroSizes
    {
        [Fact]
        [Requirement("ZV-004", "ZV-005", "ZV-006", "ZV-007", "ZV-016")]
        public void RandomSize_FreshRuntime_GetsZeroOfSpecifiedShape()
        {
            var gen = Gen.Elements(ArchNames).SelectMany(a => SizeGen.Select(s => new SizeCase(a, s)));
            var arb = Arb.From(gen, c => ShrinkSize(c.Size).Select(s => c with { Size = s }));
            Check.One(Quick, Prop.ForAll(arb, CheckSize));
        }

        private static void CheckSize(SizeCase c)
        {
            var runtime = Arches.Runtime(c.Arch);
            var arch = runtime.Architecture;
            if (!arch.FitsWord(c.Size))
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => runtime.ByteArrayOf(c.Size));
                return;
            }

            var type = runtime.ByteArrayOf(c.Size);
            if (c.Size > arch.HalfRange)
            {
                Assert.Throws<MapElementTooLargeException>(() => runtime.MakeMapOf(type));
                Assert.True(type.ZeroPointer == 0 && runtime.ZeroBuffers.Count == 0, $"{c}: state changed by the throw");
                return;
            }

            runtime.MakeMapOf(type);
            if (c.Size <= ReferenceRuntime.StaticZeroSize)
            {
                Assert.True(type.ZeroPointer == runtime.StaticZero.Base && runtime.ZeroBuffers.Count == 0, $"{c}: expected the static zero");
                return;
            }

            var buffer = Assert.Single(runtime.ZeroBuffers);
            var size = buffer.Size;
            var floor = Math.Max(c.Size, ReferenceRuntime.InitialZeroBufferSize);
            Assert.True(ulong.IsPow2(size), $"{c}: buffer {size} not a power of two");
            Assert.True(size >= floor && (size == floor || size / 2 < floor), $"{c}: buffer {size} not the least doubling >= {floor}");
            Assert.True(buffer.Base % 64 == 0, $"{c}: buffer at 0x{buffer.Base:x} not 64-aligned");
            Assert.True(type.ZeroPointer == buffer.Base, $"{c}: zero pointer 0x{type.ZeroPointer:x}, buffer 0x{buffer.Base:x}");
        }
    }

    public abstract record Op;

    public sealed record CreateType(ulong Size) : Op;

    public sealed record MakeMap(int Type) : Op;

    public sealed record Lookup(int Map, ulong Key) : Op;

    public sealed record Assign(int Map, ulong Key, byte Fill) : Op;

    public sealed record ConvertValue(ValueKind Kind, ulong Bits) : Op;

    public sealed record OneByteString(byte Value) : Op;

    public sealed record EmptyValues : Op;

    public sealed record Sequence(string Arch, IReadOnlyList<Op> Ops)
    {
        public override string ToString() => $"{Arch}: [{string.Join("; ", Ops)}]";
    }

    public class OperationSequences
    {
        [Fact]
        [Requirement("SV-007", "ZV-003", "ZV-008", "ZV-009", "ZV-016", "ZV-014", "ZV-015", "SV-002")]
        public void RandomSequence_KeepsEveryInvariant()
        {
            var op = Gen.Frequency(
                (4, SizeGen.Select(s => (Op)new CreateType(s))),
                (4, Gen.Choose(0, 20).Select(i => (Op)new MakeMap(i))),
                (3, Gen.Choose(0, 10).SelectMany(m => Gen.Choose(0, 5).Select(k => (Op)new Lookup(m, (ulong)k)))),
                (3, Gen.Choose(0, 10).SelectMany(m => Gen.Choose(0, 5).SelectMany(k => Gen.Choose(1, 255).Select(f => (Op)new Assign(m, (ulong)k, (byte)f))))),
                (3, Gen.Elements(Enum.GetValues<ValueKind>()).SelectMany(kind => Gen.Elements<ulong>(0, 1, 255, 256, 0xFFFF, ulong.MaxValue, 0x1234_5678).Select(b => (Op)new ConvertValue(kind, kind switch { ValueKind.Bool => b & 1, ValueKind.ZeroSized => 0, _ => b })))),
                (1, Gen.Choose(0, 255).Select(b => (Op)new OneByteString((byte)b))),
                (1, Gen.Constant((Op)new EmptyValues())));
            var gen = Gen.Elements(ArchNames).SelectMany(a => Gen.ListOf(op).Select(ops => new Sequence(a, [.. ops])));
            var arb = Arb.From(gen, Shrink);
            Check.One(Quick, Prop.ForAll(arb, Run));
        }

        private static IEnumerable<Sequence> Shrink(Sequence s)
        {
            for (var i = 0; i < s.Ops.Count; i++)
            {
                yield return s with { Ops = [.. s.Ops.Take(i), .. s.Ops.Skip(i + 1)] };
            }

            for (var i = 0; i < s.Ops.Count; i++)
            {
                if (s.Ops[i] is CreateType c)
                {
                    foreach (var smaller in ShrinkSize(c.Size).Take(2))
                    {
                        yield return s with { Ops = [.. s.Ops.Take(i), new CreateType(smaller), .. s.Ops.Skip(i + 1)] };
                    }
                }
            }
        }

        private static void Run(Sequence s)
        {
            var runtime = Arches.Runtime(s.Arch);
            var memory = runtime.Memory;
            var table = memory.Read(runtime.Table.Base, (int)runtime.Table.Size);
            var types = new List<RType>();
            var maps = new List<GoMap>();
            var firstZero = runtime.CompilerTypes.ToDictionary(t => t, t => t.ZeroPointer);
            var step = 0;

            foreach (var op in s.Ops)
            {
                step++;
                var where = $"{s} at step {step} ({op})";
                var before = memory.Counters;
                switch (op)
                {
                    case CreateType c when runtime.Architecture.FitsWord(c.Size):
                        types.Add(runtime.ByteArrayOf(c.Size));
                        Assert.True((memory.Counters - before).IsNone, $"{where}: creating a type allocated");
                        break;
                    case MakeMap m when m.Type < types.Count:
                        var type = types[m.Type];
                        var (pointer, size, count) = (runtime.ZeroBufferPointer, runtime.ZeroBufferSize, runtime.ZeroBuffers.Count);
                        try
                        {
                            maps.Add(runtime.MakeMapOf(type));
                            Assert.True(type.ZeroPointer != 0, $"{where}: no zero pointer after MakeMap");
                        }
                        catch (Exception e) when (e is MapElementTooLargeException or RuntimeOutOfMemoryException)
                        {
                            Assert.True(type.ZeroPointer == 0, $"{where}: {e.Message} but zero pointer set");
                            Assert.True(pointer == runtime.ZeroBufferPointer && size == runtime.ZeroBufferSize && count == runtime.ZeroBuffers.Count, $"{where}: {e.Message} changed the buffer");
                        }

                        break;
                    case Lookup l when l.Map < maps.Count:
                        var map = maps[l.Map];
                        var found = runtime.Lookup(map, l.Key);
                        Assert.True((memory.Counters - before).IsNone, $"{where}: lookup allocated");
                        if (!map.TryGetSlot(l.Key, out _))
                        {
                            Assert.True(found == map.ElementType.ZeroPointer, $"{where}: missing key gave 0x{found:x}");
                        }

                        break;
                    case Assign a when a.Map < maps.Count && maps[a.Map].ElementType.Size <= 65_536:
                        runtime.Assign(maps[a.Map], a.Key, a.Fill);
                        break;
                    case ConvertValue v:
                        var data = runtime.ConvertToInterface(v.Kind, v.Bits);
                        var width = runtime.Architecture.StorageWidth(v.Kind);
                        if (width == 0)
                        {
                            Assert.True((memory.Counters - before).IsNone, $"{where}: SV-010 a zero-sized value allocated");
                            break;
                        }

                        var value = Architecture.Truncate(v.Bits, width);
                        bool fromTable = width == 1 || (runtime.Architecture.TakesTablePath(width, runtime.Architecture.Alignment(v.Kind)) && value < 256);
                        Assert.True(memory.ReadUnsigned(data, width) == value, $"{where}: reads back wrong value");
                        Assert.True((memory.Counters - before).HeapObjects == (fromTable ? 0UL : 1UL), $"{where}: wrong allocation count");
                        break;
                    case OneByteString o:
                        Assert.True(memory.Read(runtime.OneByteString(o.Value), 1)[0] == o.Value && (memory.Counters - before).IsNone, $"{where}: one-byte string");
                        break;
                    case EmptyValues:
                        Assert.True(runtime.EmptyStringToInterface() == runtime.StaticZero.Base && runtime.NilSliceToInterface() == runtime.StaticZero.Base, $"{where}: empty values");
                        Assert.True(memory.ReadUnsigned(runtime.EmptySliceToInterface(), runtime.Architecture.WordBytes) == runtime.ZeroBase.Base, $"{where}: SV-011 empty slice");
                        break;
                    default:
                        break; // an index that does not exist yet: no-op
                }

                foreach (var t in types)
                {
                    firstZero.TryAdd(t, 0);
                }

                CheckInvariants(runtime, table, firstZero, where);
            }
        }

        private static void CheckInvariants(ReferenceRuntime runtime, byte[] table, Dictionary<RType, ulong> firstZero, string where)
        {
            var memory = runtime.Memory;
            Assert.True(memory.Read(runtime.Table.Base, table.Length).AsSpan().SequenceEqual(table), $"{where}: SV-007 table changed");
            foreach (var zero in runtime.ZeroRegions)
            {
                Assert.True(memory.IsZero(zero.Base, zero.Size), $"{where}: ZV-009 {zero} not all zero");
            }

            foreach (var (type, first) in firstZero.ToList())
            {
                var now = type.ZeroPointer;
                if (first != 0)
                {
                    Assert.True(now == first, $"{where}: ZV-003 {type} zero moved 0x{first:x} -> 0x{now:x}");
                }
                else if (now != 0)
                {
                    firstZero[type] = now;
                }

                if (now != 0)
                {
                    var region = memory.FindRegion(now, type.Size);
                    Assert.True(region is not null && runtime.ZeroRegions.Contains(region), $"{where}: ZV-016 {type} zero 0x{now:x} lies in {region}");
                }
            }

            var regions = memory.Regions.OrderBy(r => r.Base).ToList();
            for (var i = 1; i < regions.Count; i++)
            {
                Assert.True(regions[i - 1].End <= regions[i].Base, $"{where}: ZV-015 {regions[i - 1]} overlaps {regions[i]}");
            }

            var total = memory.Counters.ZeroBufferBytes;
            var current = runtime.ZeroBufferSize;
            // total <= 2 * current, written so that it cannot overflow at current = 2^63.
            Assert.True(total <= current || total - current <= current, $"{where}: ZV-014 {total} bytes of buffers, current {runtime.ZeroBufferSize}");
            Assert.True(memory.GuardViolations == 0, $"{where}: a guarded write went through");
        }
    }
}
