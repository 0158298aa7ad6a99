using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WorkflowHub.Testing;

public enum TestDatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>
/// A throw-away database for a test or a test class: a temporary SQLite file, or a <c>wfh_test_*</c> database
/// on the PostgreSQL server named by <see cref="TestPostgres.EnvironmentVariable"/>. Deleted on dispose.
/// The database starts empty: migrate it (or EnsureCreated a test-only context) before use.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable, IDisposable
{
    private readonly string? _adminConnectionString;

    private TestDatabase(TestDatabaseProvider provider, string name, string connectionString, string? adminConnectionString)
    {
        Provider = provider;
        Name = name;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
    }

    public TestDatabaseProvider Provider { get; }

    /// <summary>The SQLite file's path or the PostgreSQL database's name.</summary>
    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Postgres skips the calling test without a server (fails it under CI): see <see cref="TestPostgres"/>.</summary>
    public static Task<TestDatabase> CreateAsync(TestDatabaseProvider provider, CancellationToken ct = default) =>
        provider == TestDatabaseProvider.Postgres ? CreatePostgresAsync(ct) : Task.FromResult(CreateSqlite());

    public static TestDatabase CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wfh_test_{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        return new TestDatabase(TestDatabaseProvider.Sqlite, path, connectionString, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync(CancellationToken ct = default)
    {
        var admin = TestPostgres.RequireConnectionString();
        var name = $"wfh_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"", ct);
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, IncludeErrorDetail = true }.ToString();
        return new TestDatabase(TestDatabaseProvider.Postgres, name, connectionString, admin);
    }

    /// <summary>Points an options builder at this database with the matching EF Core provider.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Provider == TestDatabaseProvider.Postgres
            ? builder.UseNpgsql(ConnectionString)
            : builder.UseSqlite(ConnectionString);
    }

    public DbContextOptions<TContext> CreateOptions<TContext>(Action<DbContextOptionsBuilder<TContext>>? configure = null)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder);
        configure?.Invoke(builder);
        return builder.Options;
    }

    /// <summary>
    /// Deletes the database now (tests use it to make the database unreachable); safe to repeat, and dispose
    /// repeats it because opening a deleted SQLite file creates it again. Pools are cleared first: a pooled
    /// connection keeps a SQLite file open and blocks a PostgreSQL drop.
    /// </summary>
    public async Task DeleteAsync()
    {
        if (Provider == TestDatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(Name + suffix);
            }
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_adminConnectionString!, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await DeleteAsync();

    public void Dispose() => DeleteAsync().GetAwaiter().GetResult();

    public override string ToString() => $"{Provider} {Name}";

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        // The admin connection is not pooled so ClearAllPools and DROP ... WITH (FORCE) never race with it.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        await using var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
