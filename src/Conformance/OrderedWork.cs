using System.Runtime.ExceptionServices;

namespace Conformance;

/// <summary>
/// Independent work items computed on several threads and handed on in their own order: item i reaches
/// <c>emit</c> as soon as it and every item before it are done, so output streams as in a sequential run
/// and reads the same whatever the thread count.
/// </summary>
public static class OrderedWork
{
    /// <summary>The default thread count: one per processor, at most 4.</summary>
    public static int DefaultJobs => Math.Min(Environment.ProcessorCount, 4);

    /// <summary>
    /// Computes items 0..<paramref name="count"/>-1 on <paramref name="jobs"/> threads (0: <see cref="DefaultJobs"/>),
    /// each thread with its own state from <paramref name="newState"/> (disposed at the end when disposable),
    /// taking items in order; emits each on the calling thread, in order. An exception in a worker is
    /// rethrown on the calling thread after the items before it were emitted.
    /// </summary>
    public static IReadOnlyList<T> Run<TState, T>(int count, int jobs, Func<TState> newState, Func<TState, int, T> compute, Action<int, T> emit)
    {
        ArgumentNullException.ThrowIfNull(newState);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(emit);
        var done = new (bool Ok, T Value, ExceptionDispatchInfo? Error)[count];
        var ready = new bool[count];
        int next = -1;
        var gate = new object();
        void Worker()
        {
            TState? state = default;
            ExceptionDispatchInfo? broken = null;
            try
            {
                state = newState();
            }
            catch (Exception e)
            {
                broken = ExceptionDispatchInfo.Capture(e);
            }
            for (int k; (k = Interlocked.Increment(ref next)) < count;)
            {
                (bool, T, ExceptionDispatchInfo?) result;
                try
                {
                    result = broken is null ? (true, compute(state!, k), null) : (false, default!, broken);
                }
                catch (Exception e)
                {
                    result = (false, default!, ExceptionDispatchInfo.Capture(e));
                }
                lock (gate)
                {
                    done[k] = result;
                    ready[k] = true;
                    Monitor.PulseAll(gate);
                }
            }
            (state as IDisposable)?.Dispose();
        }
        int threads = Math.Clamp(jobs > 0 ? jobs : DefaultJobs, 1, Math.Max(1, count));
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(Worker) { IsBackground = true }).ToList();
        workers.ForEach(t => t.Start());
        var results = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            (bool Ok, T Value, ExceptionDispatchInfo? Error) item;
            lock (gate)
            {
                while (!ready[i])
                {
                    Monitor.Wait(gate);
                }
                item = done[i];
            }
            if (!item.Ok)
            {
                item.Error!.Throw();
            }
            results.Add(item.Value);
            emit(i, item.Value);
        }
        workers.ForEach(t => t.Join());
        return results;
    }
}
