using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Operations;

/// <summary>The engine's database gauges: jobs due and not taken, jobs leased (running on some node), and open incidents.</summary>
internal sealed class JobsDueGauge(TimeProvider time) : IOperationalGauge
{
    public string Name => "workflowhub.jobs.due";
    public string Unit => "{job}";
    public string Description => "Jobs due now that no node holds (a growing number means the nodes do not keep up).";

    public Task<long> ReadAsync(HubDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.Set<JobRecord>().LongCountAsync(j => !j.Suspended && j.DueAt <= now && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now), ct);
    }
}

internal sealed class JobsLeasedGauge(TimeProvider time) : IOperationalGauge
{
    public string Name => "workflowhub.jobs.leased";
    public string Unit => "{job}";
    public string Description => "Jobs held under a live lease by some node (running or queued there).";

    public Task<long> ReadAsync(HubDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.Set<JobRecord>().LongCountAsync(j => j.LeaseExpiresAt != null && j.LeaseExpiresAt >= now, ct);
    }
}

internal sealed class JobsSuspendedGauge : IOperationalGauge
{
    public string Name => "workflowhub.jobs.suspended";
    public string Unit => "{job}";
    public string Description => "Jobs that ran out of retries (each has an incident).";

    public Task<long> ReadAsync(HubDbContext db, CancellationToken ct) => db.Set<JobRecord>().LongCountAsync(j => j.Suspended, ct);
}

internal sealed class OpenIncidentsGauge : IOperationalGauge
{
    public string Name => "workflowhub.incidents.open";
    public string Unit => "{incident}";
    public string Description => "Incidents not yet resolved.";

    public Task<long> ReadAsync(HubDbContext db, CancellationToken ct) => db.Set<IncidentRecord>().LongCountAsync(i => i.ResolvedAt == null, ct);
}

/// <summary>
/// Reads every registered <see cref="IOperationalGauge"/> on a schedule and exports the last values as observable
/// gauges. A gauge whose read fails keeps no stale value: it is left out of the export until it reads again.
/// </summary>
internal sealed class OperationalGaugeSampler : BackgroundService
{
    private readonly IReadOnlyList<IOperationalGauge> _gauges;
    private readonly IDbContextFactory<HubDbContext> _contexts;
    private readonly IOptions<OperationsOptions> _options;
    private readonly ILogger<OperationalGaugeSampler> _logger;
    private readonly ConcurrentDictionary<string, long> _values = new(StringComparer.Ordinal);

    public OperationalGaugeSampler(IEnumerable<IOperationalGauge> gauges, IDbContextFactory<HubDbContext> contexts,
        IOptions<OperationsOptions> options, IMeterFactory meters, ILogger<OperationalGaugeSampler> logger)
    {
        _gauges = gauges.ToList();
        _contexts = contexts;
        _options = options;
        _logger = logger;
        // A meter of this host's own (tests run several hosts in one process).
        var meter = meters.Create(HubMetrics.MeterName);
        foreach (var gauge in _gauges)
        {
            var name = gauge.Name;
            meter.CreateObservableGauge(name, () => _values.TryGetValue(name, out var v) ? [new Measurement<long>(v)] : Array.Empty<Measurement<long>>(),
                gauge.Unit, gauge.Description);
        }
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        foreach (var gauge in _gauges)
        {
            try
            {
                await using var db = await _contexts.CreateDbContextAsync(ct);
                _values[gauge.Name] = await gauge.ReadAsync(db, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _values.TryRemove(gauge.Name, out _);
                _logger.LogDebug(ex, "Gauge {Gauge} could not be read.", gauge.Name);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken);
                await Task.Delay(_options.Value.GaugeInterval, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
