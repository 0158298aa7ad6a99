using System.Diagnostics;
using System.Globalization;

namespace WorkflowHub.Benchmarks;

/// <summary>Wall time, process CPU time, allocations and GCs of one measured run.</summary>
internal sealed class Measurement
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: false);
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen2 = GC.CollectionCount(2);

    public RunResult Stop(string name, int instances)
    {
        var elapsed = Stopwatch.GetElapsedTime(_start);
        return new RunResult(name, instances, elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - _cpu,
            GC.GetTotalAllocatedBytes(precise: false) - _allocated,
            GC.CollectionCount(0) - _gen0, GC.CollectionCount(2) - _gen2);
    }

    /// <summary>Spreads <paramref name="count"/> instances over <paramref name="clients"/> concurrent clients.</summary>
    public static async Task RunClientsAsync(int count, int clients, Func<int, Task> instance)
    {
        var next = -1;
        async Task Client()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await instance(i).ConfigureAwait(false);
            }
        }
        if (clients == 1)
        {
            await Client().ConfigureAwait(false);
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client))).ConfigureAwait(false);
    }
}

/// <summary>One way of running instances, measured in blocks interleaved with the other scenarios.</summary>
internal interface IScenario
{
    string Name { get; }

    Task<RunResult> RunAsync(int firstInstance, int count, int clients);

    /// <summary>Clears the scenario's own counters at the start of a round.</summary>
    void Reset()
    {
    }

    /// <summary>Breakdown lines for a round of <paramref name="instances"/> that took <paramref name="wallMs"/>.</summary>
    IEnumerable<string> Details(int instances, double wallMs, int clients) => [];
}

internal sealed record RunResult(string Name, int Instances, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen2)
{
    public double PerSecond => Instances / Elapsed.TotalSeconds;
    public double MsPerInstance => Elapsed.TotalMilliseconds / Instances;
    public double CpuMsPerInstance => Cpu.TotalMilliseconds / Instances;
    public double KbPerInstance => AllocatedBytes / 1024.0 / Instances;

    /// <summary>The blocks of one round, as one run.</summary>
    public static RunResult Sum(string name, IReadOnlyCollection<RunResult> blocks) => new(name, blocks.Sum(b => b.Instances),
        TimeSpan.FromTicks(blocks.Sum(b => b.Elapsed.Ticks)), TimeSpan.FromTicks(blocks.Sum(b => b.Cpu.Ticks)),
        blocks.Sum(b => b.AllocatedBytes), blocks.Sum(b => b.Gen0), blocks.Sum(b => b.Gen2));

    /// <summary>Extra lines (the engine's time breakdown) printed under the run.</summary>
    public List<string> Details { get; } = [];

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-34} {PerSecond,10:F1}/s  {MsPerInstance,8:F3} ms/inst  cpu {CpuMsPerInstance,7:F3} ms/inst  alloc {KbPerInstance,8:F1} KB/inst  gc0 {Gen0,5} gc2 {Gen2,3}  ({Instances} in {Elapsed.TotalSeconds:F2} s)");
}

/// <summary>Per-phase timers shared by concurrent clients.</summary>
internal sealed class PhaseTimer
{
    private long _ticks;
    private long _count;

    public void Add(long stopwatchTicks)
    {
        Interlocked.Add(ref _ticks, stopwatchTicks);
        Interlocked.Increment(ref _count);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _ticks, 0);
        Interlocked.Exchange(ref _count, 0);
    }

    public long Count => Interlocked.Read(ref _count);
    public double TotalMs => Interlocked.Read(ref _ticks) * 1000.0 / Stopwatch.Frequency;
    public double MsPer(int instances) => TotalMs / instances;
}

/// <summary>
/// One writing transaction at a time on a file, queued in process, as the engine queues its SQLite
/// steps: without it concurrent clients of a baseline hit SQLITE_BUSY, and Microsoft.Data.Sqlite sleeps before it
/// retries, so with --parallel the baselines would measure that sleep rather than the storage.
/// </summary>
internal sealed class WriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Releaser Enter()
    {
        _gate.Wait();
        return new Releaser(_gate);
    }

    public async ValueTask<Releaser> EnterAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        return new Releaser(_gate);
    }

    public readonly struct Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
