using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Support;

/// <summary>Reads a test database's catalog directly, independent of the EF model under test.</summary>
public static class Schema
{
    public static async Task<IReadOnlySet<string>> TablesAsync(TestDatabase database)
    {
        var sql = database.Provider == TestDatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
        await using DbConnection connection = database.Provider == TestDatabaseProvider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    /// <summary>Tables every migrated database has: EF's history, Identity's and the engine's.</summary>
    public static readonly string[] ExpectedTables =
    [
        "__EFMigrationsHistory", "AspNetUsers", "AspNetRoles", "AspNetUserRoles",
        "wf_definitions", "wf_instances", "wf_tasks", "wf_task_candidates", "wf_jobs",
        "wf_subscriptions", "wf_incidents", "wf_history", "hub_data_protection_keys",
    ];
}
