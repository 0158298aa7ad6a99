using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkflowHub.Benchmarks;

/// <summary>
/// On every (pooled) open of an EF Core scenario's connection: PRAGMA synchronous as --synchronous asks (the way the
/// server's connection interceptor sets it), and the SQLite statement profiler of the profiled run.
/// </summary>
internal sealed class SqliteOpenHook(string? synchronous, SqlProfile? profile) : DbConnectionInterceptor
{
    public bool Needed => synchronous is not null || profile is not null;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Opened(connection, eventData);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Opened(connection, eventData);
        return Task.CompletedTask;
    }

    private void Opened(DbConnection connection, ConnectionEndEventData eventData)
    {
        var sqlite = (SqliteConnection)connection;
        SqliteFiles.ApplySynchronous(sqlite, synchronous);
        if (profile is not null)
        {
            profile.Opened(eventData.Duration);
            profile.Attach(sqlite);
        }
    }
}
