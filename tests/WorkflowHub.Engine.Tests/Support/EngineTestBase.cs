using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Testing;

namespace WorkflowHub.Engine.Tests.Support;

/// <summary>
/// Base of the engine's behaviour tests: each test gets its own database of the class's provider and a fresh
/// engine. Every test class has a _Sqlite and a _Postgres subclass, so the whole suite runs on both.
/// </summary>
public abstract class EngineTestBase(TestDatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;
    private EngineHarness? _engine;

    protected TestDatabaseProvider Provider { get; } = provider;

    protected EngineHarness Engine => _engine ?? throw new InvalidOperationException("call StartEngineAsync first");

    /// <summary>Handlers and settings a test class adds to the engine.</summary>
    protected virtual void Configure(IServiceCollection services)
    {
    }

    /// <summary>Creates the database (a Postgres test is skipped here without a server, failed under CI) and the engine.</summary>
    protected async Task<EngineHarness> StartEngineAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        _engine = await EngineHarness.CreateAsync(_database, Configure);
        return _engine;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
