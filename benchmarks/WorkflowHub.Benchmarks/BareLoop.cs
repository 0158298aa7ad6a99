using Microsoft.Data.Sqlite;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The durable floor: per instance, two transactions that each insert one small row, on one open connection
/// per client with a prepared command. Nothing can persist two steps of an instance faster on this file.
/// </summary>
/// <param name="synchronous">PRAGMA synchronous set on every connection open (FULL, NORMAL, OFF), or null for SQLite's default.</param>
internal sealed class BareLoop(string path, string? synchronous, bool connectionPerTransaction = false, string? name = null) : IScenario
{
    private readonly string _connectionString = SqliteFiles.ConnectionString(path);
    private readonly WriteGate _gate = new();

    public string Name => name ?? (connectionPerTransaction ? "bare loop, pooled open per tx" : "bare loop (2 tx x 1 row)");

    public void Setup()
    {
        SqliteFiles.EnableWal(_connectionString);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SqliteFiles.Execute(connection, "CREATE TABLE IF NOT EXISTS bare_step (id INTEGER PRIMARY KEY, instance INTEGER NOT NULL, step INTEGER NOT NULL, at INTEGER NOT NULL)");
    }

    public string Describe() => SqliteFiles.Describe(_connectionString, synchronous);

    public async Task<RunResult> RunAsync(int firstInstance, int count, int clients)
    {
        var measurement = new Measurement();
        if (connectionPerTransaction)
        {
            await Measurement.RunClientsAsync(count, clients, i =>
            {
                for (var step = 1; step <= 2; step++)
                {
                    using var writer = _gate.Enter();
                    using var worker = new Worker(_connectionString, synchronous, gate: null);
                    worker.Step(firstInstance + i, step);
                }
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            return measurement.Stop(Name, count);
        }
        var workers = Enumerable.Range(0, clients).Select(_ => new Worker(_connectionString, synchronous, _gate)).ToList();
        try
        {
            var free = new System.Collections.Concurrent.ConcurrentBag<Worker>(workers);
            await Measurement.RunClientsAsync(count, clients, i =>
            {
                free.TryTake(out var worker);
                try
                {
                    worker!.Instance(firstInstance + i);
                }
                finally
                {
                    free.Add(worker!);
                }
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
        return measurement.Stop(Name, count);
    }

    private sealed class Worker : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly WriteGate? _gate;

        /// <param name="gate">Taken around each transaction; null when the caller holds it around the whole worker.</param>
        public Worker(string connectionString, string? synchronous, WriteGate? gate)
        {
            _gate = gate;
            _connection = SqliteFiles.Open(connectionString, synchronous);
            _insert = _connection.CreateCommand();
            _insert.CommandText = "INSERT INTO bare_step (instance, step, at) VALUES ($instance, $step, $at)";
            _insert.Parameters.Add("$instance", SqliteType.Integer);
            _insert.Parameters.Add("$step", SqliteType.Integer);
            _insert.Parameters.Add("$at", SqliteType.Integer);
            _insert.Prepare();
        }

        public void Instance(int instance)
        {
            Step(instance, 1);
            Step(instance, 2);
        }

        public void Step(int instance, int step)
        {
            using var writer = _gate?.Enter();
            using var tx = _connection.BeginTransaction();
            _insert.Transaction = tx;
            _insert.Parameters[0].Value = instance;
            _insert.Parameters[1].Value = step;
            _insert.Parameters[2].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            _insert.ExecuteNonQuery();
            tx.Commit();
        }

        public void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
        }
    }
}
