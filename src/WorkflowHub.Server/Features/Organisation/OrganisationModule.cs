using WorkflowHub.Server.Localization;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Organisation.Seed;
using WorkflowHub.Server.Features.Organisation.Tables;

namespace WorkflowHub.Server.Features.Organisation;

/// <summary>The city's organisation: areas and grids, groups with heads, leaders' links, 双报到 units, the routing table, demo data.</summary>
public static class OrganisationModule
{
    public static IServiceCollection AddHubOrganisation(this IServiceCollection services)
    {
        services.AddProblemTexts<OrganisationText>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddSingleton<IOrgTable, AreasTable>();
        services.AddSingleton<IOrgTable, GroupsTable>();
        services.AddSingleton<IOrgTable, LeaderLinksTable>();
        services.AddSingleton<IOrgTable, DualReportUnitsTable>();
        services.AddSingleton<IOrgTable, RoutingRulesTable>();
        services.AddScoped<DemoSeeder>();
        services.AddHostedService<DemoSeedHostedService>();
        return services;
    }

    public static WebApplication MapHubOrganisation(this WebApplication app)
    {
        app.MapOrganisationEndpoints();
        return app;
    }

    public static ModelBuilder ApplyOrganisationModel(this ModelBuilder builder)
    {
        builder.Entity<Area>(e =>
        {
            e.ToTable("hub_areas");
            e.HasKey(a => a.Code);
            e.Property(a => a.Code).HasMaxLength(Area.CodeMaxLength);
            e.Property(a => a.Name).HasMaxLength(100).IsRequired();
            e.Property(a => a.Level).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.ParentCode).HasMaxLength(Area.CodeMaxLength);
            e.Property(a => a.AreaGroupId).HasMaxLength(HubGroup.IdMaxLength);
            e.Property(a => a.GridLeaderUserId).HasMaxLength(450);
            e.HasOne<Area>().WithMany().HasForeignKey(a => a.ParentCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<HubGroup>().WithMany().HasForeignKey(a => a.AreaGroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.AreaCode).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => a.ParentCode);
        });
        builder.Entity<AreaMember>(e =>
        {
            e.ToTable("hub_area_members");
            e.HasKey(m => new { m.AreaCode, m.UserId });
            e.Property(m => m.AreaCode).HasMaxLength(Area.CodeMaxLength);
            e.Property(m => m.UserId).HasMaxLength(450);
            e.HasOne<WorkflowHub.Server.Identity.HubUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
        });
        builder.Entity<LeaderLink>(e =>
        {
            e.ToTable("hub_leader_links");
            e.HasKey(l => l.Id);
            e.Property(l => l.LeaderUserId).HasMaxLength(450);
            e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(l => l.Target).HasMaxLength(200).IsRequired();
            e.Property(l => l.AreaCode).HasMaxLength(Area.CodeMaxLength);
            e.Property(l => l.Note).HasMaxLength(500);
            e.HasOne<WorkflowHub.Server.Identity.HubUser>().WithMany().HasForeignKey(l => l.LeaderUserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Area>().WithMany().HasForeignKey(l => l.AreaCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<DualReportUnit>(e =>
        {
            e.ToTable("hub_dual_report_units");
            e.HasKey(u => u.Id);
            e.Property(u => u.StreetCode).HasMaxLength(Area.CodeMaxLength);
            e.Property(u => u.Name).HasMaxLength(200).IsRequired();
            e.Property(u => u.Remit).HasMaxLength(500);
            e.Property(u => u.Contact).HasMaxLength(100);
            e.Property(u => u.Phone).HasMaxLength(50);
            e.HasOne<Area>().WithMany().HasForeignKey(u => u.StreetCode).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<RoutingRule>(e =>
        {
            e.ToTable("hub_routing_rules");
            e.HasKey(r => r.Id);
            e.Property(r => r.CategoryCode).HasMaxLength(32);
            e.Property(r => r.AreaCode).HasMaxLength(Area.CodeMaxLength);
            e.Property(r => r.AreaGroupId).HasMaxLength(HubGroup.IdMaxLength);
            e.Property(r => r.SectorGroupId).HasMaxLength(HubGroup.IdMaxLength);
            e.Property(r => r.Note).HasMaxLength(500);
        });
        builder.Entity<SeedRun>(e =>
        {
            e.ToTable("hub_seed_runs");
            e.HasKey(s => s.Name);
            e.Property(s => s.Name).HasMaxLength(64);
        });
        return builder.UseUnixMilliseconds(typeof(Area), typeof(SeedRun));
    }
}
