using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Organisation.Tables;

namespace WorkflowHub.Server.Features.Categories;

/// <summary>Problem categories (一类问题、一个标准): the table, the seed from the source documents, <c>deadlineFor</c>.</summary>
public static class CategoriesModule
{
    public static IServiceCollection AddHubCategories(this IServiceCollection services)
    {
        services.AddSingleton<CategoryStore>();
        services.AddSingleton<IOrgTable, CategoriesTable>();
        services.AddSingleton<IExpressionFunction, DeadlineForFunction>();
        services.AddHostedService<CategoryStartup>();
        return services;
    }

    public static WebApplication MapHubCategories(this WebApplication app)
    {
        app.MapApiGroup("/api/categories").WithTags("Categories")
            .MapGet("", async (string? page, string? pageSize, IEnumerable<IOrgTable> tables, HubDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                return TypedResults.Ok(PagedList<System.Text.Json.Nodes.JsonObject>.Slice(await tables.First(t => t is CategoriesTable).ListAsync(db, ct), paging));
            })
            .WithSummary("Every problem category with its standards and time limits (for registration forms; administrators edit them under /api/organisation/categories).");
        return app;
    }

    public static ModelBuilder ApplyCategoryModel(this ModelBuilder builder)
    {
        builder.Entity<ProblemCategory>(e =>
        {
            e.ToTable("hub_problem_categories");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(ProblemCategory.CodeMaxLength);
            e.Property(c => c.Name).HasMaxLength(100).IsRequired();
            e.Property(c => c.ParentCode).HasMaxLength(ProblemCategory.CodeMaxLength);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.FilingStandard).HasMaxLength(2000);
            e.Property(c => c.ClosingStandard).HasMaxLength(2000);
            e.Property(c => c.SectorGroupId).HasMaxLength(HubGroup.IdMaxLength);
            foreach (var clock in new[] { nameof(ProblemCategory.UrgentClock), nameof(ProblemCategory.NormalClock), nameof(ProblemCategory.ComplexClock) })
            {
                e.Property(clock).HasConversion<string>().HasMaxLength(20);
            }
            e.HasOne<ProblemCategory>().WithMany().HasForeignKey(c => c.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });
        return builder.UseUnixMilliseconds(typeof(ProblemCategory));
    }

    /// <summary>Seeds the categories once (see <see cref="CategorySeed"/>), then loads them for <c>deadlineFor</c>.</summary>
    private sealed class CategoryStartup(CategoryStore store, IDbContextFactory<HubDbContext> contexts, TimeProvider time) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await CategorySeed.EnsureAsync(db, time, cancellationToken);
            }
            await store.ReloadAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
