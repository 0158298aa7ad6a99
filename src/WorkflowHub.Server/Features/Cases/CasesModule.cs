using WorkflowHub.Server.Localization;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Cases.Handlers;
using WorkflowHub.Server.Features.Categories;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>The problem ledger (问题台账): cases, photos, timeline, numbering, the case.* handlers, the API, demo cases.</summary>
public static class CasesModule
{
    public static IServiceCollection AddHubCases(this IServiceCollection services)
    {
        services.AddProblemTexts<CaseText>();
        services.AddOptions<CaseOptions>().BindConfiguration(CaseOptions.Section)
            .PostConfigure(o =>
            {
                if (o.PhotoContentTypes.Count == 0)
                {
                    o.PhotoContentTypes.AddRange(CaseOptions.DefaultPhotoContentTypes);
                }
            })
            .Validate(o => o.MaxPhotoBytes > 0 && o.MaxPhotosPerCase > 0, "Cases:MaxPhotoBytes and Cases:MaxPhotosPerCase must be positive.")
            .Validate(o => o.Duplicates.DistanceMetres is >= 0 and <= 10_000 && o.Duplicates.WindowDays is >= 1 and <= 366 && o.Duplicates.MaxCandidates is >= 1 and <= 20,
                "Cases:Duplicates: DistanceMetres 0–10000, WindowDays 1–366, MaxCandidates 1–20.")
            .Validate(o => System.Text.RegularExpressions.Regex.IsMatch(o.NumberPrefix, "^[A-Z]{1,8}$"), "Cases:NumberPrefix is 1 to 8 capital letters.")
            .ValidateOnStart();
        services.AddSingleton<CaseLedger>();
        services.AddSingleton<CasePhotoStore>();
        services.AddScoped<CaseScope>();
        services.AddScoped<CaseReader>();
        services.AddSingleton<IServiceTaskHandler, RegisterCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, RouteCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, AssignCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, EscalateCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, ForwardCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, VerifyCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, CloseCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, ReopenCaseHandler>();
        services.AddSingleton<IServiceTaskHandler, ScheduleLookbackHandler>();
        services.AddSingleton<IServiceTaskHandler, FindDuplicatesHandler>();
        services.AddSingleton<IServiceTaskHandler, ResolveDuplicateHandler>();
        services.AddHostedService<DemoCasesHostedService>();
        return services;
    }

    public static WebApplication MapHubCases(this WebApplication app)
    {
        app.MapCaseEndpoints();
        return app;
    }

    public static ModelBuilder ApplyCaseModel(this ModelBuilder builder)
    {
        builder.Entity<ProblemCase>(e =>
        {
            e.ToTable("hub_cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.Number).HasMaxLength(40);
            e.HasIndex(c => c.Number).IsUnique();
            e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(10);
            e.Property(c => c.ExternalRef).HasMaxLength(100);
            e.Property(c => c.ReporterName).HasMaxLength(100);
            e.Property(c => c.ReporterContact).HasMaxLength(100);
            e.Property(c => c.Address).HasMaxLength(300).IsRequired();
            e.Property(c => c.AreaCode).HasMaxLength(32);
            e.Property(c => c.StreetCode).HasMaxLength(32);
            e.Property(c => c.CategoryCode).HasMaxLength(ProblemCategory.CodeMaxLength).IsRequired();
            e.Property(c => c.Description).HasMaxLength(CaseLedger.DescriptionMaxLength).IsRequired();
            e.Property(c => c.AreaGroupId).HasMaxLength(64);
            e.Property(c => c.SectorGroupId).HasMaxLength(64);
            e.Property(c => c.Assignee).HasMaxLength(256);
            e.Property(c => c.LastVerificationNote).HasMaxLength(1000);
            e.Property(c => c.ProcessInstanceId).HasMaxLength(64);
            e.Property(c => c.MergedInto).HasMaxLength(40);
            e.Property(c => c.DuplicateCandidates).HasMaxLength(DuplicateFinder.CandidatesMaxLength);
            e.Property(c => c.CreatedBy).HasMaxLength(256);
            e.Ignore(c => c.IsOpen);
            e.HasIndex(c => c.ProcessInstanceId);
            e.HasIndex(c => new { c.AreaGroupId, c.ReportedAt });
            e.HasIndex(c => new { c.SectorGroupId, c.ReportedAt });
            e.HasIndex(c => new { c.Status, c.DueAt });
            e.HasIndex(c => c.ReportedAt);
            e.HasMany(c => c.Photos).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CasePhoto>(e =>
        {
            e.ToTable("hub_case_photos");
            e.HasKey(p => p.Id);
            e.Property(p => p.Stage).HasConversion<string>().HasMaxLength(10);
            e.Property(p => p.FileName).HasMaxLength(200);
            e.Property(p => p.ContentType).HasMaxLength(50);
            e.Property(p => p.StoragePath).HasMaxLength(200);
            e.Property(p => p.UploadedBy).HasMaxLength(256);
            e.HasIndex(p => p.CaseId);
        });
        builder.Entity<CaseTimelineEntry>(e =>
        {
            e.ToTable("hub_case_timeline");
            e.HasKey(t => t.Id);
            e.Property(t => t.Actor).HasMaxLength(256);
            e.Property(t => t.Action).HasMaxLength(40);
            e.Property(t => t.FromStatus).HasConversion<string>().HasMaxLength(30);
            e.Property(t => t.ToStatus).HasConversion<string>().HasMaxLength(30);
            e.Property(t => t.Note).HasMaxLength(1000);
            e.Property(t => t.ProcessInstanceId).HasMaxLength(64);
            e.Property(t => t.ElementId).HasMaxLength(255);
            e.HasIndex(t => t.CaseId);
        });
        builder.Entity<CaseNumberCounter>(e =>
        {
            e.ToTable("hub_case_counters");
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
        });
        return builder.UseUnixMilliseconds(typeof(ProblemCase), typeof(CasePhoto), typeof(CaseTimelineEntry));
    }
}
