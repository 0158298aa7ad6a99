using WorkflowHub.Server.Features.Drafts;
using WorkflowHub.Server.Features.Tasks.Actions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Features;
using WorkflowHub.Server.Features.Notices;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Organisation;
using WorkflowHub.Server.Features.Operations;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Data;

/// <summary>
/// The server's one model: Identity's tables plus the engine's. Provider-neutral; each provider has a derived
/// context (<see cref="SqliteHubDbContext"/>, <see cref="PostgresHubDbContext"/>) because EF Core keeps one
/// migrations set per context type, and the two providers need different column types.
/// </summary>
public abstract class HubDbContext : IdentityDbContext<HubUser, IdentityRole, string>, IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring, shared by every node (see <see cref="DataProtectionModule"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected HubDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyWorkflowEngineModel();
        builder.ApplyHubFeatureModel();
        builder.ApplyNoticeModel();
        builder.ApplyCalendarModel();
        builder.ApplyOrganisationModel();
        builder.ApplyCategoryModel();
        builder.ApplyCaseModel();
        builder.ApplyDesignerModel();
        builder.ApplyTaskActionModel();
        builder.ApplyDataProtectionModel();
        builder.Entity<HubUser>(e => e.Property(u => u.DisplayName).HasMaxLength(HubUser.DisplayNameMaxLength));
    }
}

/// <summary>The SQLite flavour of <see cref="HubDbContext"/>; its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // History is append-only and never deleted, so SQLite's plain rowid numbers it well enough; AUTOINCREMENT
        // would also write its sequence table on every step. Only the engine's own SQL inserts history rows.
        builder.Entity<HistoryRecord>().Property(h => h.Id).ValueGeneratedNever();
    }
}

/// <summary>The PostgreSQL flavour of <see cref="HubDbContext"/>; its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);
