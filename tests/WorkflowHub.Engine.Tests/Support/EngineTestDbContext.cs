using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Tests.Support;

/// <summary>A host model with the engine's tables, as the server's context includes them, and one domain table for handlers to write.</summary>
public sealed class EngineTestDbContext(DbContextOptions<EngineTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyWorkflowEngineModel();
        modelBuilder.Entity<DomainNote>(e =>
        {
            e.ToTable("test_notes");
            e.HasKey(x => x.Id);
        });
    }
}

/// <summary>A row of the host's own, written by a handler through the step's DbContext.</summary>
public sealed class DomainNote
{
    public required string Id { get; set; }
    public required string Text { get; set; }
}
