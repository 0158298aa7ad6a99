using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>The run's own database: a SQLite file in the run folder, or a fresh PostgreSQL database dropped at the end.</summary>
internal sealed class RunDatabase : IAsyncDisposable
{
    private readonly PostgresDatabase? _postgres;

    private RunDatabase(string connectionString, PostgresDatabase? postgres)
    {
        ConnectionString = connectionString;
        _postgres = postgres;
    }

    public string ConnectionString { get; }
    public bool IsPostgres => _postgres is not null;
    public string Describe => _postgres is null ? "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource : $"PostgreSQL {_postgres.Server}/{_postgres.Name}";

    public static async Task<RunDatabase> CreateAsync(string? postgres, string runFolder, string name) =>
        postgres is null
            ? new RunDatabase(new SqliteConnectionStringBuilder { DataSource = Path.Combine(runFolder, name + ".db") }.ToString(), null)
            : await CreatePostgresAsync(postgres);

    private static async Task<RunDatabase> CreatePostgresAsync(string server)
    {
        var database = await PostgresDatabase.CreateAsync(server);
        return new RunDatabase(database.ConnectionString, database);
    }

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a query and reads each row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DropAsync();
        }
    }
}
