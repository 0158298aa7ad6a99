using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Tests.Support;

/// <summary>A host model holding only the engine's tables, as the server's context includes them.</summary>
public sealed class EngineTestDbContext(DbContextOptions<EngineTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowEngineModel();
}
