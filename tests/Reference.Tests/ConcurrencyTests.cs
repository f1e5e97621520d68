namespace Reference.Tests;

public class ConcurrencyTests
{
    public class MakeMapRace
    {
        [Theory]
        [Requirement("ZV-011", "ZV-003", "ZV-016")]
        [MemberData(nameof(Arches.Names), MemberType = typeof(Arches))]
        public void ThreadsRacingOnFirstUse_AllSeeSameAdequateZero(string name)
        {
            const int threads = 8;
            const int typeCount = 300;
            var runtime = Arches.Runtime(name);
            var random = new Random(1234);
            var types = Enumerable.Range(0, typeCount)
                .Select(i => runtime.ByteArrayOf(i % 3 == 0 ? (ulong)random.Next(0, 1025) : (ulong)random.Next(1025, 600_000) + (ulong)i))
                .Distinct()
                .ToArray();
            var sightings = new ulong[threads, types.Length];
            var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var barrier = new Barrier(threads);

            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                // Half the threads go in order, half shuffled, so that both same-type and cross-type races happen.
                var order = Enumerable.Range(0, types.Length).ToArray();
                if (t % 2 == 1)
                {
                    new Random(t).Shuffle(order);
                }

                barrier.SignalAndWait();
                foreach (var i in order)
                {
                    var type = types[i];
                    runtime.MakeMapOf(type);
                    var zero = type.ZeroPointer;
                    sightings[t, i] = zero;
                    var ready = zero != 0 && runtime.Memory.IsMapped(zero, Math.Max(type.Size, 1))
                        && runtime.Memory.IsZero(zero, type.Size);
                    if (!ready)
                    {
                        failures.Enqueue($"thread {t} saw 0x{zero:x} for {type} not ready");
                    }
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());

            Assert.Empty(failures);
            for (var i = 0; i < types.Length; i++)
            {
                for (var t = 1; t < threads; t++)
                {
                    Assert.True(sightings[t, i] == sightings[0, i], $"{name} {types[i]}: thread {t} saw 0x{sightings[t, i]:x}, thread 0 0x{sightings[0, i]:x}");
                }

                Assert.Equal(sightings[0, i], types[i].ZeroPointer);
                var region = runtime.Memory.FindRegion(types[i].ZeroPointer, types[i].Size);
                Assert.True(region is not null && runtime.ZeroRegions.Contains(region), $"{types[i]} zero in {region}");
            }

            var buffers = runtime.ZeroBuffers;
            Assert.Equal(runtime.ZeroBufferSize, buffers[^1].Size);
            Assert.True(buffers.Zip(buffers.Skip(1)).All(p => p.First.Size < p.Second.Size), "buffers only grow");
        }
    }
}
