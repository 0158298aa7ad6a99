using System.Globalization;
using WorkflowHub.Testing;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// CPU time (user and system) of the processes a scenario runs on this machine, read from /proc: the server nodes, the
/// PostgreSQL server's processes (by name, so its backends count whoever started them) and the harness itself. On a
/// small machine they share the cores, so a latency figure reads better beside where the CPU went.
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<ServerNode> nodes)
{
    private readonly (TimeSpan Nodes, TimeSpan Postgres, TimeSpan Harness) _start = Read(nodes);

    /// <summary>CPU used since the meter was made: by the nodes, by PostgreSQL and by the harness.</summary>
    public (TimeSpan Nodes, TimeSpan Postgres, TimeSpan Harness) Used()
    {
        var now = Read(nodes);
        return (now.Nodes - _start.Nodes, now.Postgres - _start.Postgres, now.Harness - _start.Harness);
    }

    /// <summary>CPU per unit of work since the start, e.g. "nodes 1.20 ms + PostgreSQL 0.40 ms + harness 0.30 ms per delivery".</summary>
    public string PerUnit(int units, string unit)
    {
        var used = Used();
        string Ms(TimeSpan t) => (t.TotalMilliseconds / Math.Max(1, units)).ToString("0.00", CultureInfo.InvariantCulture) + " ms";
        return $"nodes {Ms(used.Nodes)} + PostgreSQL {Ms(used.Postgres)} + harness {Ms(used.Harness)} per {unit}";
    }

    private static (TimeSpan Nodes, TimeSpan Postgres, TimeSpan Harness) Read(IReadOnlyList<ServerNode> nodes) => (
        nodes.Aggregate(TimeSpan.Zero, (sum, n) => sum + n.ProcessorTime),
        PostgresCpu(),
        System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>Every process named postgres (zero where there is none or /proc is not there).</summary>
    private static TimeSpan PostgresCpu()
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }
                // Fields after the name: state is the 3rd field, utime the 14th and stime the 15th.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // A process that ended while it was read.
            }
        }
        // The kernel's clock tick for these fields is 100 per second on Linux (USER_HZ).
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
