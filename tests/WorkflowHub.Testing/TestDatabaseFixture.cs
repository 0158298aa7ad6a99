using Xunit;

namespace WorkflowHub.Testing;

/// <summary>
/// One <see cref="TestDatabase"/> shared by the tests of a class (<c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>).
/// Creation is deferred to the first <see cref="GetAsync"/> inside a test, so a missing PostgreSQL server skips
/// (or, under CI, fails) that test instead of breaking the whole class in the fixture's constructor.
/// </summary>
public abstract class TestDatabaseFixture(TestDatabaseProvider provider) : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TestDatabase? _database;

    public TestDatabaseProvider Provider { get; } = provider;

    public async Task<TestDatabase> GetAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _database ??= await TestDatabase.CreateAsync(Provider, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _gate.Dispose();
    }
}

public sealed class SqliteDatabaseFixture() : TestDatabaseFixture(TestDatabaseProvider.Sqlite);

public sealed class PostgresDatabaseFixture() : TestDatabaseFixture(TestDatabaseProvider.Postgres);
