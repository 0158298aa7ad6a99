using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowHub.Server.Data;

#pragma warning disable EF1001 // EF Core's SQLite connection is internal API; replacing it is the only way to leave out its functions.
/// <summary>
/// EF Core's SQLite connection without the seven functions EF registers on every connection it creates (regexp and the
/// ef_* decimal arithmetic). Microsoft.Data.Sqlite registers them again on the pooled native connection at every open,
/// and every request opens several: each registration allocates callbacks and a GC handle that the finalizer thread
/// later frees. The hub's model has no decimal column and no query uses Regex, so nothing calls them.
/// </summary>
internal sealed class SqliteConnectionWithoutEfFunctions(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    /// <summary>As EF's own, with the configured command timeout, only without the functions.</summary>
    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(GetValidatedConnectionString());
        if (CommandTimeout is { } seconds)
        {
            connection.DefaultTimeout = seconds;
        }
        return connection;
    }
}

internal static class SqliteWithoutEfFunctions
{
    public static DbContextOptionsBuilder WithoutEfFunctions(this DbContextOptionsBuilder builder) =>
        builder.ReplaceService<ISqliteRelationalConnection, SqliteConnectionWithoutEfFunctions>();
}
#pragma warning restore EF1001
