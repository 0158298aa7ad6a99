using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// Where an instance's time goes on the database side: SQLite's own statement timer (sqlite3_profile, which sees
/// every statement, including the engine's hand-written SQL that bypasses EF Core) by statement kind, plus what
/// EF Core reports for opening connections, beginning and committing transactions and running LINQ queries.
/// </summary>
internal sealed class SqlProfile
{
    private static readonly string[] Kinds = ["BEGIN", "COMMIT", "SELECT", "INSERT", "UPDATE", "DELETE", "PRAGMA", "OTHER"];

    private readonly long[] _ns = new long[Kinds.Length];
    private readonly long[] _count = new long[Kinds.Length];
    private readonly SQLitePCL.strdelegate_profile _callback;
    private long _openTicks, _opens, _beginTicks, _begins, _commitTicks, _commits, _efQueryTicks, _efQueries;

    public SqlProfile() => _callback = OnStatement;

    public void Attach(SqliteConnection connection) => SQLitePCL.raw.sqlite3_profile(connection.Handle, _callback, null);

    public void Reset()
    {
        for (var i = 0; i < Kinds.Length; i++)
        {
            Interlocked.Exchange(ref _ns[i], 0);
            Interlocked.Exchange(ref _count[i], 0);
        }
        Interlocked.Exchange(ref _openTicks, 0);
        Interlocked.Exchange(ref _opens, 0);
        Interlocked.Exchange(ref _beginTicks, 0);
        Interlocked.Exchange(ref _begins, 0);
        Interlocked.Exchange(ref _commitTicks, 0);
        Interlocked.Exchange(ref _commits, 0);
        Interlocked.Exchange(ref _efQueryTicks, 0);
        Interlocked.Exchange(ref _efQueries, 0);
    }

    public void Opened(TimeSpan duration) => Add(ref _openTicks, ref _opens, duration);
    public void Began(TimeSpan duration) => Add(ref _beginTicks, ref _begins, duration);
    public void Committed(TimeSpan duration) => Add(ref _commitTicks, ref _commits, duration);
    public void EfQuery(TimeSpan duration) => Add(ref _efQueryTicks, ref _efQueries, duration);

    private static void Add(ref long ticks, ref long count, TimeSpan duration)
    {
        Interlocked.Add(ref ticks, duration.Ticks);
        Interlocked.Increment(ref count);
    }

    private void OnStatement(object userData, string statement, long ns)
    {
        var i = Classify(statement);
        Interlocked.Add(ref _ns[i], ns);
        Interlocked.Increment(ref _count[i]);
    }

    private static int Classify(string sql)
    {
        var s = sql.AsSpan().TrimStart();
        for (var i = 0; i < Kinds.Length - 1; i++)
        {
            if (s.StartsWith(Kinds[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return s.StartsWith("END", StringComparison.OrdinalIgnoreCase) ? 1 : Kinds.Length - 1;
    }

    public IEnumerable<string> Report(int instances, double wallMs, int clients)
    {
        var inv = CultureInfo.InvariantCulture;
        double Per(long value) => value / (double)instances;
        double Ms(long ticks) => TimeSpan.FromTicks(ticks).TotalMilliseconds / instances;
        var sqliteMs = _ns.Sum() / 1e6;
        var parts = string.Join("  ", Enumerable.Range(0, Kinds.Length).Where(i => _count[i] > 0)
            .Select(i => string.Create(inv, $"{Kinds[i]} {_ns[i] / 1e6 / instances:F3} ({Per(_count[i]):F1}x)")));
        yield return string.Create(inv, $"  inside SQLite (sqlite3_profile), ms/inst: total {sqliteMs / instances:F3} = {parts}");
        yield return string.Create(inv,
            $"  EF Core events, ms/inst: connection open {Ms(_openTicks):F3} ({Per(_opens):F1}x)  BEGIN {Ms(_beginTicks):F3} ({Per(_begins):F1}x)  COMMIT {Ms(_commitTicks):F3} ({Per(_commits):F1}x)  LINQ queries {Ms(_efQueryTicks):F3} ({Per(_efQueries):F1}x)");
        if (clients == 1)
        {
            var outside = wallMs - sqliteMs;
            yield return string.Create(inv,
                $"  outside SQLite (engine, EF Core, ADO.NET, JSON, GC): {outside / instances:F3} ms/inst = {100 * outside / wallMs:F0}% of wall time");
        }
    }
}
