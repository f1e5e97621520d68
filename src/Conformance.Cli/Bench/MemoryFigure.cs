using Reference;

namespace Conformance.Cli.Bench;

/// <summary>
/// Figure 4: host memory needed to simulate huge zeros. The reference's address space is sparse: a zero
/// buffer is a range, and only written pages hold host memory (zero buffers are never written, ZV-009).
/// </summary>
internal static class MemoryFigure
{
    public const string Target = "<= 1 MiB extra host memory for each scenario";
    private const long MiB = 1 << 20;
    private const ulong TwoTo40 = 1UL << 40;
    private const ulong OneGB = 1_000_000_000;

    public static Figure Measure(string load)
    {
        // Scenario A: a map of a 2^40-byte type on 64-bit; read the zero's first and last byte.
        var a = Scenario(rt =>
        {
            var type = rt.ByteArrayOf(TwoTo40);
            var map = rt.MakeMapOf(type);
            ulong zero = rt.LookupMissing(map, 1) ?? throw new InvalidOperationException("the reference reported a key absent in its on-demand design");
            byte first = rt.Memory.Read(zero, 1)[0];
            byte last = rt.Memory.Read(zero + TwoTo40 - 1, 1)[0];
            return first == 0 && last == 0 ? null : $"read {first} and {last}, not zeros";
        });

        // Scenario B, the seed's example: ten fresh types of 10^9 bytes (and a pointer to each), then
        // ten more ("asking again"); then a map of each, which makes the one shared 2^30-byte buffer.
        var b = Scenario(rt =>
        {
            var types = new List<RType>();
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < 10; i++)
                {
                    var t = rt.StructOf(OneGB);
                    rt.PtrTo(t);
                    types.Add(t);
                }
            }
            ulong afterTypes = rt.Memory.Counters.ZeroBufferBytes;
            foreach (var t in types)
            {
                rt.MakeMapOf(t);
            }
            return afterTypes == 0 ? null : $"creating types allocated {afterTypes} zero-buffer bytes";
        });

        bool met = a.Problem is null && b.Problem is null && a.Extra <= MiB && b.Extra <= MiB;
        var details = new List<string>
        {
            $"2^40-byte zero on 64le (make the type, a map of it, read first and last byte): {a.Describe()}",
            $"20 types of 10^9 bytes + PtrTo each, then a map of each (seed's example): {b.Describe()}",
            "allocated = GC.GetAllocatedBytesForCurrentThread delta of the operations (runtime construction excluded, shown apart); retained = GC.GetTotalMemory(forced collection) delta with the runtime still alive",
        };
        var values = new Dictionary<string, double>
        {
            ["zero_2to40_allocated_bytes"] = a.Allocated,
            ["zero_2to40_retained_bytes"] = a.Retained,
            ["zero_2to40_pages"] = a.Pages,
            ["seed_example_allocated_bytes"] = b.Allocated,
            ["seed_example_retained_bytes"] = b.Retained,
            ["seed_example_pages"] = b.Pages,
            ["runtime_construction_allocated_bytes"] = a.Construction,
        };
        return new Figure(4, "memory", $"2^40-byte zero: {Kib(a.Extra)} extra; seed's example: {Kib(b.Extra)} extra (simulated zero buffers: {Gib(a.Simulated)} and {Gib(b.Simulated)})",
            Target, met, load, details, values);
    }

    private static string Kib(long bytes) => $"{bytes / 1024.0:0.0} KiB";

    private static string Gib(ulong bytes) => $"{bytes / (double)(1UL << 30):0.#} GiB";

    private sealed record Result(long Construction, long Allocated, long Retained, int Pages, int PagesAtStart, ulong Simulated, string? Problem)
    {
        public long Extra => Math.Max(Allocated, Retained);

        public string Describe() =>
            $"allocated {Kib(Allocated)}, retained {Kib(Retained)}, pages materialised {Pages} (of which {PagesAtStart} by construction: the table), simulated zero-buffer bytes {Simulated:N0}; runtime construction {Kib(Construction)}{(Problem is null ? "" : "; PROBLEM: " + Problem)}";
    }

    private static Result Scenario(Func<ReferenceRuntime, string?> operations)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long c0 = GC.GetAllocatedBytesForCurrentThread();
        var rt = new ReferenceRuntime(Architecture.Le64);
        long construction = GC.GetAllocatedBytesForCurrentThread() - c0;
        int pagesAtStart = rt.Memory.MaterializedPages;
        long retained0 = GC.GetTotalMemory(forceFullCollection: true);
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        string? problem = operations(rt);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - a0;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - retained0;
        var result = new Result(construction, allocated, Math.Max(0, retained), rt.Memory.MaterializedPages, pagesAtStart,
            rt.Memory.Counters.ZeroBufferBytes, problem);
        GC.KeepAlive(rt);
        return result;
    }
}
