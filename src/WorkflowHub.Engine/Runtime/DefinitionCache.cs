using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Compiled processes by definition id. A deployed version never changes, so each is parsed once per node and
/// shared by every step; nothing at run time reads XML again.
/// </summary>
internal sealed class DefinitionCache(IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<string, ProcessModel> _models = new(StringComparer.Ordinal);

    /// <summary>Models by key and version: a version, once deployed, is never replaced (unique, never deleted).</summary>
    private readonly ConcurrentDictionary<(string Key, int Version), ProcessModel> _versions = new();

    /// <summary>Definition rows by id, without their XML: like a version, a row never changes and is never deleted.</summary>
    private readonly ConcurrentDictionary<string, ProcessDefinitionRecord> _records = new(StringComparer.Ordinal);

    public bool TryGetVersion(string key, int version, out ProcessModel model) => _versions.TryGetValue((key, version), out model!);

    public void RememberVersion(string key, int version, ProcessModel model) => _versions.TryAdd((key, version), model);

    /// <summary>
    /// A deployed definition's row (without its XML), or null when there is none. Read once per node: every instance a
    /// message, timer or condition starts needs it, and on PostgreSQL the read was a round trip per start.
    /// </summary>
    public async Task<ProcessDefinitionRecord?> GetRecordAsync(StepContext step, string definitionId, CancellationToken ct)
    {
        if (_records.TryGetValue(definitionId, out var known))
        {
            return known;
        }
        var definition = await InstanceStore.DefinitionByIdAsync(step, definitionId, ct).ConfigureAwait(false);
        return definition is null ? null : _records.GetOrAdd(definitionId, definition);
    }

    public async Task<ProcessModel> GetAsync(StepContext step, string definitionId, CancellationToken ct)
    {
        // Stryker disable once Block : equivalent, the cache is only a shortcut: Compile's GetOrAdd hands back the model already cached
        if (_models.TryGetValue(definitionId, out var model))
        {
            return model;
        }
        var definition = await GetRecordAsync(step, definitionId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Definition '{definitionId}' is missing.");
        var xml = await InstanceStore.DefinitionXmlAsync(step, definitionId, ct).ConfigureAwait(false) ?? "";
        return Compile(definitionId, definition.Key, xml);
    }

    /// <summary>The same, outside a step (queries that show an instance's activities).</summary>
    public async Task<ProcessModel> GetAsync(DbContext db, string definitionId, CancellationToken ct)
    {
        // Stryker disable once Block : equivalent, the cache is only a shortcut: Compile's GetOrAdd hands back the model already cached
        if (_models.TryGetValue(definitionId, out var model))
        {
            return model;
        }
        var definition = await db.Set<ProcessDefinitionRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Definition '{definitionId}' is missing.");
        return Compile(definitionId, definition.Key, definition.Xml);
    }

    /// <summary>The same, on a reader's session (the API's per-request reads).</summary>
    public async Task<ProcessModel> GetAsync(SqlSession session, string definitionId, CancellationToken ct)
    {
        // Stryker disable once Block : equivalent, the cache is only a shortcut: Compile's GetOrAdd hands back the model already cached
        if (_models.TryGetValue(definitionId, out var model))
        {
            return model;
        }
        var (key, xml) = await ReadStore.DefinitionSourceAsync(session, definitionId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Definition '{definitionId}' is missing.");
        return Compile(definitionId, key, xml);
    }

    /// <summary>Parses the XML in deploy mode and keeps the process with the key; a stored definition always compiled once.</summary>
    public ProcessModel Compile(string definitionId, string key, string xml)
    {
        // Stryker disable once Boolean : equivalent, the mode only grades problems (error or warning) and Compile reads none of them
        var document = new BpmnParser(new BpmnParserOptions { DeployMode = true, MaxBytes = options.Value.MaxBpmnBytes }).Parse(xml);
        var model = document.Processes.FirstOrDefault(p => p.Key == key)
            ?? throw new InvalidOperationException($"Definition '{definitionId}' does not hold process '{key}'.");
        return _models.GetOrAdd(definitionId, model);
    }

    public void Add(string definitionId, ProcessModel model) => _models.TryAdd(definitionId, model);
}
