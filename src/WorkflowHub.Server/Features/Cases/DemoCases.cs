using Microsoft.Extensions.Options;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Organisation;
using WorkflowHub.Server.Features.Organisation.Seed;

namespace WorkflowHub.Server.Features.Cases;

/// <summary>A few demo cases across the streets and statuses, so the ledger is not empty after the first start.</summary>
internal sealed class DemoCasesHostedService(IServiceScopeFactory scopes, IOptions<DemoOptions> options, TimeProvider time) : IHostedService
{
    public const string RunName = "demo-cases";

    private static readonly (CaseChannel Channel, string Category, Urgency Urgency, string Area, string Address, string Description, CaseStatus Status)[] Cases =
    [
        (CaseChannel.Patrol, "HJ02", Urgency.Normal, "DG01-01", "东关路与人民路交叉口东北角商超门前", "商超门前垃圾落地，保洁未及时清理。", CaseStatus.InProgress),
        (CaseChannel.Hotline12345, "SZ04", Urgency.Urgent, "DG01-01-A", "幸福里小区东门外人行道", "检查井盖缺失，夜间有行人跌落隐患。", CaseStatus.Registered),
        (CaseChannel.CityPlatform, "SZ01", Urgency.Normal, "LY01-02", "李园路 88 号南侧车行道", "车行道坑槽约一平方米，雨后积水。", CaseStatus.InProgress),
        (CaseChannel.ThirdParty, "GD03", Urgency.Normal, "KF01-01", "创业大道科技园二期工地", "土方作业未覆盖，扬尘明显，六个100%未落实。", CaseStatus.AwaitingVerification),
        (CaseChannel.LeaderWalk, "WY03", Urgency.Normal, "TH02-01", "和平小区 3 号楼北侧", "楼后卫生死角堆积杂物。", CaseStatus.Closed),
        (CaseChannel.Kiosk, "SR01", Urgency.Normal, "FT01-02", "凤台农贸市场北门", "市场门口车辆违停，堵塞通道。", CaseStatus.Forwarded),
        (CaseChannel.Patrol, "HJ08", Urgency.Complex, "DG02-01", "阁前社区游园", "绿化带缺株断档、枯枝未清。", CaseStatus.Registered),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedOnFirstStart)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (await SeedRun.HasRunAsync(db, RunName, cancellationToken) || !await SeedRun.HasRunAsync(db, DemoSeeder.RunName, cancellationToken))
        {
            return;
        }
        var ledger = scope.ServiceProvider.GetRequiredService<CaseLedger>();
        var now = time.GetUtcNow();
        var by = new CaseActor("collector");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (channel, category, urgency, area, address, description, status) in Cases)
        {
            var @case = await ledger.RegisterAsync(db, new CaseDraft(channel, category, urgency, description, address, area), by, now, cancellationToken);
            foreach (var next in Path(status))
            {
                if (next == CaseStatus.Closed)
                {
                    @case.Verifications = 1;
                    @case.LastVerificationPassed = true;
                    @case.ClosedAt = now;
                }
                CaseLedger.Transition(db, @case, next, "demo", by, now, "演示数据");
            }
        }
        SeedRun.Mark(db, RunName, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static CaseStatus[] Path(CaseStatus status) => status switch
    {
        CaseStatus.InProgress => [CaseStatus.InProgress],
        CaseStatus.Forwarded => [CaseStatus.Forwarded],
        CaseStatus.AwaitingVerification => [CaseStatus.InProgress, CaseStatus.AwaitingVerification],
        CaseStatus.Closed => [CaseStatus.InProgress, CaseStatus.AwaitingVerification, CaseStatus.Closed],
        _ => [],
    };

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
