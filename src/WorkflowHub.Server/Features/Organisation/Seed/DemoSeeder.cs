using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Organisation.Seed;

/// <summary>
/// Seeds <see cref="DemoOrganisation"/> once when Demo:SeedOnFirstStart is on, and prints the demo users' passwords
/// once, like the administrator's: only their hashes are stored.
/// </summary>
public sealed class DemoSeeder(
    HubDbContext db,
    UserManager<HubUser> users,
    IOptions<DemoOptions> options,
    HubConsole console,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string RunName = "demo-organisation";

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        if (!options.Value.SeedOnFirstStart || await SeedRun.HasRunAsync(db, RunName, ct))
        {
            return false;
        }
        var now = time.GetUtcNow();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var printed = new StringBuilder();
        foreach (var seed in DemoOrganisation.Users())
        {
            var user = await users.FindByNameAsync(seed.UserName);
            if (user is null)
            {
                var password = string.IsNullOrEmpty(options.Value.Password) ? AdminBootstrapper.GeneratePassword() : options.Value.Password;
                // Notices reach people by mail: without an address a group notice would have nobody to go to.
                user = new HubUser { UserName = seed.UserName, DisplayName = seed.DisplayName, Email = $"{seed.UserName}@{DemoOrganisation.MailDomain}", EmailConfirmed = true };
                Check(await users.CreateAsync(user, password), seed.UserName);
                Check(await users.AddToRoleAsync(user, seed.Role), seed.UserName);
                if (string.IsNullOrEmpty(options.Value.Password))
                {
                    printed.AppendLine($"   {seed.UserName,-20} {password}   {seed.Role,-11} {seed.DisplayName}");
                }
            }
            ids[seed.UserName] = user.Id;
        }

        foreach (var g in DemoOrganisation.Groups)
        {
            if (await db.Set<HubGroup>().FindAsync([g.Id], ct) is not null)
            {
                continue;
            }
            var members = DemoOrganisation.Users().Where(u => u.Group == g.Id).ToList();
            db.Add(new HubGroup
            {
                Id = g.Id, Name = g.Name, Kind = g.Kind, CreatedAt = now,
                HeadUserId = members.Where(m => m.Head).Select(m => ids[m.UserName]).FirstOrDefault(),
                Members = [.. members.Select(m => new HubGroupMember { GroupId = g.Id, UserId = ids[m.UserName] })],
            });
        }

        db.Add(new Area { Code = DemoOrganisation.District, Name = "某县城区", Level = AreaLevel.District, UpdatedAt = now });
        foreach (var street in DemoOrganisation.Streets)
        {
            db.Add(new Area { Code = street.Code, Name = street.Name, Level = AreaLevel.Street, ParentCode = DemoOrganisation.District, AreaGroupId = street.Group, UpdatedAt = now });
            var staff = ids[$"{street.Prefix}-staff"];
            foreach (var (code, name) in street.Communities)
            {
                db.Add(new Area { Code = code, Name = name, Level = AreaLevel.Community, ParentCode = street.Code, UpdatedAt = now });
                foreach (var (n, ordinal) in new[] { (1, "第一"), (2, "第二") })
                {
                    db.Add(Grid($"{code}-0{n}", $"{name}{ordinal}网格", code, staff, now));
                }
            }
        }
        // A sub-grid (子网格) around a difficult complex, as seed 000 splits base grids by block.
        db.Add(Grid("DG01-01-A", "东关社区第一网格·幸福里子网格", "DG01-01", ids["dongge-staff"], now));

        foreach (var (leader, kind, target, area) in DemoOrganisation.Links)
        {
            db.Add(new LeaderLink { LeaderUserId = ids[leader], Kind = kind, Target = target, AreaCode = area });
        }
        foreach (var (street, name, remit) in DemoOrganisation.DualReportUnits())
        {
            db.Add(new DualReportUnit { StreetCode = street, Name = name, Remit = remit, Contact = "值班室" });
        }
        db.Add(new RoutingRule
        {
            Priority = 10, CategoryCode = null, AreaCode = "KF", SectorGroupId = "sector-municipal",
            Note = "原经济开发区的道路和绿化由市政设施整治组协助（示例规则）",
        });
        SeedRun.Mark(db, RunName, now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the demo organisation: {Groups} groups, {Streets} streets, {Users} users",
            DemoOrganisation.Groups.Length, DemoOrganisation.Streets.Length, ids.Count);

        if (printed.Length > 0)
        {
            await console.Out.WriteLineAsync(
                $"""

                ====================================================================
                 WorkflowHub seeded the demo organisation (Demo:SeedOnFirstStart).
                 Demo users and passwords, shown only this once:
                {printed}
                ====================================================================

                """.AsMemory(), ct);
            await console.Out.FlushAsync(ct);
        }
        return true;
    }

    private static Area Grid(string code, string name, string parent, string leader, DateTimeOffset now) => new()
    {
        Code = code, Name = name, Level = AreaLevel.Grid, ParentCode = parent, GridLeaderUserId = leader, UpdatedAt = now,
        Members = [new AreaMember { AreaCode = code, UserId = leader }],
    };

    private static void Check(IdentityResult result, string user)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo user '{user}' could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>Runs the demo seed on start, after the administrator and roles exist.</summary>
internal sealed class DemoSeedHostedService(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
