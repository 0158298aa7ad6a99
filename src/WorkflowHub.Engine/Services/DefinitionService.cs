using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Jobs;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

internal sealed class DefinitionService(
    StepRunner steps, IEngineDbContextFactory contexts, DefinitionCache cache, IOptions<EngineOptions> options, IHandlerRegistry handlers) : IDefinitionService
{
    private const string BpmnNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    public BpmnDocument Validate(string xml) => Parser(deploy: false).Parse(xml);

    public BpmnDocument Validate(byte[] xml)
    {
        using var stream = new MemoryStream(xml, writable: false);
        return Parser(deploy: false).Parse(stream);
    }

    private BpmnParser Parser(bool deploy) => new(new BpmnParserOptions { DeployMode = deploy, MaxBytes = options.Value.MaxBpmnBytes });

    /// <summary>Deploys the bytes of a file, decoded as its XML declaration says; stored as UTF-8 text.</summary>
    public Task<DeploymentResult> DeployAsync(string resourceName, byte[] xml, string? actor = null, CancellationToken ct = default)
    {
        BpmnDocument document;
        using (var stream = new MemoryStream(xml, writable: false))
        {
            document = Parser(deploy: true).Parse(stream);
        }
        return DeployAsync(resourceName, document, document.SourceText ?? "", actor, ct);
    }

    /// <summary>
    /// Deploys each executable process of the file as a new version when its content changed (the process element and
    /// the messages, errors and signals it may use, not the diagram); registers message and timer start events of the
    /// new version and withdraws those of the version it replaces.
    /// </summary>
    public Task<DeploymentResult> DeployAsync(string resourceName, string xml, string? actor = null, CancellationToken ct = default) =>
        DeployAsync(resourceName, Parser(deploy: true).Parse(xml), xml, actor, ct);

    private async Task<DeploymentResult> DeployAsync(string resourceName, BpmnDocument document, string xml, string? actor, CancellationToken ct)
    {
        if (!document.HasErrors)
        {
            CheckDelegates(document);
        }
        if (document.HasErrors)
        {
            throw new BpmnValidationException(document.Problems);
        }
        var hashes = ContentHashes(xml);
        var deploymentId = Ids.New();
        var compiled = new List<(string Id, ProcessModel Model)>();
        var deployed = await steps.RunAsync(async (step, token) =>
        {
            compiled.Clear();
            var result = new List<DeployedProcess>();
            foreach (var process in document.Processes)
            {
                var hash = hashes.GetValueOrDefault(process.Key, "");
                var latest = await InstanceStore.LatestDefinitionAsync(step, process.Key, token).ConfigureAwait(false);
                if (latest is not null && latest.ContentHash == hash)
                {
                    result.Add(new DeployedProcess(latest.Id, latest.Key, latest.Version, latest.Name, IsNew: false));
                    continue;
                }
                var version = (latest?.Version ?? 0) + 1;
                var record = new ProcessDefinitionRecord
                {
                    Id = $"{process.Key}:{version}:{deploymentId[..8]}",
                    Key = process.Key,
                    Version = version,
                    Name = process.Name,
                    ContentHash = hash,
                    Xml = xml,
                    ResourceName = resourceName,
                    DeploymentId = deploymentId,
                    DeployedAt = step.Now,
                    DeployedBy = actor,
                };
                step.Db.Add(record);
                await ReplaceStartEventsAsync(step, record, process, options.Value.DefaultRetryCycle, token).ConfigureAwait(false);
                compiled.Add((record.Id, process));
                result.Add(new DeployedProcess(record.Id, record.Key, record.Version, record.Name, IsNew: true));
            }
            return result;
        }, actor, FailureMode.Throw, ct).ConfigureAwait(false);
        foreach (var (id, model) in compiled)
        {
            cache.Add(id, model);
        }
        return new DeploymentResult(deploymentId, deployed, document.Problems.Where(p => p.Severity == ProblemSeverity.Warning).ToList());
    }

    /// <summary>A model ported from a Java platform runs once a C# handler of each delegate's name is registered; until then deploy refuses it.</summary>
    private void CheckDelegates(BpmnDocument document)
    {
        var owners = document.Processes.SelectMany(p => p.Nodes.Values.Select(n => (n.Id, n.ElementType, n.Position, Names: n.DelegateNames()))
            .Concat(p.Flows.Values.Select(f => (f.Id, ElementType: "sequenceFlow", f.Position, Names: f.Listeners.Select(l => l.Delegate).OfType<string>()))));
        foreach (var node in owners)
        {
            foreach (var name in node.Names)
            {
                if (HandlerRegistry.FindDelegate(handlers, name) is null)
                {
                    document.Problems.Add(new BpmnProblem(ProblemSeverity.Error,
                        $"no in-process handler is registered under '{name}' (camunda:delegateExpression / camunda:class): register an IServiceTaskHandler with Topic \"{name}\"",
                        node.Position.Line, node.Position.Column, node.Id, node.ElementType));
                }
            }
        }
    }

    private static async Task ReplaceStartEventsAsync(StepContext step, ProcessDefinitionRecord record, ProcessModel process, string defaultRetryCycle, CancellationToken ct)
    {
        var withdraw = new SqlBatch()
            .Append($"DELETE FROM {EngineTables.Subscriptions} WHERE kind IN (").Param((int)SubscriptionKind.MessageStart).Append(", ").Param((int)SubscriptionKind.SignalStart)
            .Append(", ").Param((int)SubscriptionKind.ConditionalStart).Append(")")
            .Append($" AND definition_id IN (SELECT id FROM {EngineTables.Definitions} WHERE key = ").Param(record.Key).Append(")").End()
            .Append($"DELETE FROM {EngineTables.Jobs} WHERE kind = ").Param((int)JobKind.TimerStart)
            .Append($" AND definition_id IN (SELECT id FROM {EngineTables.Definitions} WHERE key = ").Param(record.Key).Append(")");
        await step.Session.ExecuteAsync(withdraw, ct).ConfigureAwait(false);
        foreach (var start in process.MessageStartEvents.Concat(process.SignalStartEvents).Concat(process.ConditionalStartEvents))
        {
            // A conditional start has no name to be found by: it is filed under its process key.
            var (kind, name) = start.Event.Kind switch
            {
                EventKind.Signal => (SubscriptionKind.SignalStart, start.Event.SignalName!),
                EventKind.Conditional => (SubscriptionKind.ConditionalStart, record.Key),
                _ => (SubscriptionKind.MessageStart, start.Event.MessageName!),
            };
            step.Effects.NewSubscriptions.Add(new MessageSubscriptionRecord
            {
                Id = Ids.New(),
                Kind = kind,
                MessageName = name,
                ElementId = start.Id,
                DefinitionId = record.Id,
                CreatedAt = step.Now,
            });
        }
        foreach (var start in process.TimerStartEvents)
        {
            var timer = start.Event.Timer!;
            if (!timer.Value.IsLiteral)
            {
                throw new BpmnValidationException([new BpmnProblem(ProblemSeverity.Error,
                    "a timer start event needs a literal date, duration or cycle (there are no variables before the start)",
                    start.Position.Line, start.Position.Column, start.Id, start.ElementType)]);
            }
            TimerDue due;
            try
            {
                due = TimerSchedule.First(timer.Kind, timer.Value.Text, step.Now);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                throw new BpmnValidationException([new BpmnProblem(ProblemSeverity.Error, $"the timer cannot be scheduled: {ex.Message}",
                    start.Position.Line, start.Position.Column, start.Id, start.ElementType)]);
            }
            step.Effects.AddJob(new JobRecord
            {
                Id = Ids.New(),
                Kind = JobKind.TimerStart,
                ElementId = start.Id,
                DefinitionId = record.Id,
                DueAt = due.DueAt,
                Payload = due.Payload,
                RetriesLeft = RetryCycle.Parse(start.FailedJobRetryTimeCycle ?? defaultRetryCycle).Retries,
                CreatedAt = step.Now,
            });
        }
    }

    public async Task<IReadOnlyList<DefinitionInfo>> ListLatestAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var all = await Headers(db.Set<ProcessDefinitionRecord>()).ToListAsync(ct).ConfigureAwait(false);
        return all.GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<DefinitionInfo>> ListVersionsAsync(string key, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await Headers(db.Set<ProcessDefinitionRecord>().Where(d => d.Key == key)).ToListAsync(ct).ConfigureAwait(false);
        return rows.OrderByDescending(d => d.Version).ToList();
    }

    public async Task<string?> GetXmlAsync(string key, int? version = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var q = db.Set<ProcessDefinitionRecord>().AsNoTracking().Where(d => d.Key == key);
        q = version is { } v ? q.Where(d => d.Version == v) : q.OrderByDescending(d => d.Version);
        return await q.Select(d => d.Xml).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    public async Task<ProcessModel?> GetModelAsync(string key, int? version = null, CancellationToken ct = default)
    {
        // A given version is read once per node (every task view asks for its instance's version); the latest is read
        // every time, since another node may have deployed a newer one.
        if (version is { } known && cache.TryGetVersion(key, known, out var cached))
        {
            return cached;
        }
        await using var db = contexts.CreateDbContext();
        var q = db.Set<ProcessDefinitionRecord>().AsNoTracking().Where(d => d.Key == key);
        q = version is { } v ? q.Where(d => d.Version == v) : q.OrderByDescending(d => d.Version);
        var id = await q.Select(d => d.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (id is null)
        {
            return null;
        }
        var model = await cache.GetAsync(db, id, ct).ConfigureAwait(false);
        if (version is { } read)
        {
            cache.RememberVersion(key, read, model);
        }
        return model;
    }

    private static IQueryable<DefinitionInfo> Headers(IQueryable<ProcessDefinitionRecord> definitions) =>
        definitions.AsNoTracking()
            .Select(d => new DefinitionInfo(d.Id, d.Key, d.Version, d.Name, d.ResourceName, d.DeployedAt, d.DeployedBy));

    /// <summary>A hash per process id over the process element and the definitions-level elements it can refer to.</summary>
    private static Dictionary<string, string> ContentHashes(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var root = XDocument.Load(reader).Root!;
        XNamespace bpmn = BpmnNs;
        var shared = string.Concat(root.Elements().Where(e => e.Name.Namespace == bpmn && e.Name.LocalName is "message" or "error" or "signal" or "escalation")
            .Select(e => e.ToString(SaveOptions.DisableFormatting)));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var process in root.Elements(bpmn + "process"))
        {
            var id = (string?)process.Attribute("id") ?? "";
            var bytes = Encoding.UTF8.GetBytes(process.ToString(SaveOptions.DisableFormatting) + shared);
            result[id] = Convert.ToHexString(SHA256.HashData(bytes));
        }
        return result;
    }
}
