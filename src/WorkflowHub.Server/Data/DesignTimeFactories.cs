using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WorkflowHub.Server.Data;

// dotnet-ef finds these before trying to start the host, so scripts/add-migration.sh works without a
// settings file, a database server or the server's startup work. Adding a migration never connects;
// removing one with --force tries to and carries on when it cannot.

internal sealed class SqliteHubDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteHubDbContext>
{
    public SqliteHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteHubDbContext>();
        HubDatabase.UseSqlite(options, "Data Source=:memory:");
        return new SqliteHubDbContext(options.Options);
    }
}

internal sealed class PostgresHubDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresHubDbContext>
{
    public PostgresHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresHubDbContext>();
        HubDatabase.UsePostgres(options, "Host=localhost;Database=workflowhub_design_time");
        return new PostgresHubDbContext(options.Options);
    }
}
