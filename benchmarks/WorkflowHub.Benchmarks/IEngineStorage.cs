using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// The database an engine scenario runs on, configured as the server configures that provider: the DbContext
/// options its pooled contexts are built from, how the engine's tables are created, and what the scenario's header
/// line reports about it (read back from the database, not from the harness's own settings).
/// </summary>
internal interface IEngineStorage
{
    DbContextOptions<BenchDbContext> Options { get; }

    /// <summary>The SQLite statement profiler of the profiled run; none elsewhere.</summary>
    SqlProfile? Profile => null;

    Task CreateSchemaAsync();

    /// <summary>The durability settings a connection opened like the engine's sees, and the server's version.</summary>
    string Describe();

    /// <summary>How the history table numbers its rows, read from the schema.</summary>
    string HistoryId();
}
