using Microsoft.EntityFrameworkCore;
using Npgsql;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests;

/// <summary>The shared test infrastructure cleans up after itself; a leak would fill CI's disk or server.</summary>
public sealed class TestDatabaseTests
{
    [Fact]
    public async Task A_SQLite_test_database_is_a_temporary_file_deleted_on_dispose()
    {
        string path;
        await using (var database = TestDatabase.CreateSqlite())
        {
            path = database.Name;
            await using var db = new ProbeContext(database.CreateOptions<ProbeContext>());
            await db.Database.EnsureCreatedAsync();
            db.Probes.Add(new Probe { Id = 1 });
            await db.SaveChangesAsync();
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public async Task A_PostgreSQL_test_database_is_created_on_the_server_and_dropped_on_dispose()
    {
        string name;
        await using (var database = await TestDatabase.CreatePostgresAsync())
        {
            name = database.Name;
            Assert.StartsWith("wfh_test_", name, StringComparison.Ordinal);
            await using var db = new ProbeContext(database.CreateOptions<ProbeContext>());
            await db.Database.EnsureCreatedAsync();
            db.Probes.Add(new Probe { Id = 1 });
            await db.SaveChangesAsync();
            Assert.True(await DatabaseExistsAsync(name));
        }

        Assert.False(await DatabaseExistsAsync(name));
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.RequireConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private sealed class Probe
    {
        public int Id { get; set; }
    }

    private sealed class ProbeContext(DbContextOptions<ProbeContext> options) : DbContext(options)
    {
        public DbSet<Probe> Probes => Set<Probe>();
    }
}
