using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Features.Notices;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>
/// 催办 by notice: renders the shipped <c>task-urge</c> template for whoever holds the task now (the assignee, or each
/// candidate user and the members of each candidate group, with their group robot) and writes one outbox row each
/// through the urge's step DbContext, so the mail commits with the urge or not at all. The hosted sender delivers it.
/// Holders without an e-mail address still get the in-app reminder.
/// </summary>
public sealed class NoticeTaskReminderSender(
    NoticeRenderer renderer, NoticeModelFactory models, NoticeOutboxWriter outbox, INoticeRecipientResolver recipients,
    INoticeOrganisation organisation, IOptions<NoticesOptions> options, ILogger<NoticeTaskReminderSender> logger) : ITaskReminderSender
{
    public const string TemplateKey = "task-urge";

    public async Task SendAsync(DbContext stepDb, TaskInfo task, string from, string? message, DateTimeOffset now, CancellationToken ct)
    {
        var record = await NoticeTemplateStore.LatestAsync(stepDb, TemplateKey, ct);
        if (record is null)
        {
            logger.LogWarning("The notice template {Template} does not exist; the urge of task {TaskId} stays in-app only.", TemplateKey, task.Id);
            return;
        }
        var reached = await HoldersAsync(stepDb, task, ct);
        if (reached.Count == 0)
        {
            return;
        }
        var state = await TaskActions.StateAsync(stepDb, task, ct);
        var urgedBy = await stepDb.Set<HubUser>().AsNoTracking().Where(u => u.UserName == from)
            .Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var variables = await VariablesAsync(stepDb, task.InstanceId, ct);
        JsonNode? Variable(string name) => variables.GetValueOrDefault(name);
        var values = new JsonObject
        {
            ["urgeMessage"] = message,
            ["urgedBy"] = from,
            ["urgedByName"] = string.IsNullOrWhiteSpace(urgedBy) ? from : urgedBy,
            ["urgeCount"] = state.UrgeCount,
        };
        var subject = new NoticeSubject(now, record.Key, record.Name, task.InstanceId, task.BusinessKey, task.ProcessKey,
            Variable, values, Describe(task),
            await organisation.DescribeAsync(new NoticeOrganisationRequest(stepDb, task.InstanceId, task.BusinessKey, Variable), ct),
            Number: null);
        var origin = new NoticeOrigin(task.InstanceId, task.ProcessKey, task.ElementId, null, task.BusinessKey, from);
        try
        {
            var template = renderer.Compile(record);
            // Every mail rendered before any is queued: all holders get it, or none by mail.
            var rendered = reached.Take(options.Value.Render.MaxRecipients)
                .Select(r => (Recipient: r, Notice: renderer.Render(template, models.Create(subject, r)))).ToList();
            foreach (var (recipient, notice) in rendered)
            {
                outbox.Add(stepDb, template, recipient, notice, origin, now);
            }
        }
        catch (NoticeTemplateException ex)
        {
            // An edited template that no longer renders must not refuse the urge itself: it is counted and reminded in-app.
            logger.LogError(ex, "The notice template {Template} does not render; the urge of task {TaskId} stays in-app only.", TemplateKey, task.Id);
        }
    }

    /// <summary>Everyone who can be reached among the task's holders, once per channel and address; the unreachable are skipped.</summary>
    private async Task<List<NoticeRecipient>> HoldersAsync(DbContext stepDb, TaskInfo task, CancellationToken ct)
    {
        IEnumerable<string> entries = task.Assignee is { } assignee ? [assignee] : [.. task.CandidateUsers, .. task.CandidateGroups];
        var result = new List<NoticeRecipient>();
        foreach (var entry in entries.Distinct(StringComparer.Ordinal))
        {
            try
            {
                result.AddRange(await recipients.ResolveAsync(stepDb, [entry], cc: false, ct));
            }
            catch (NoticeRecipientException ex)
            {
                // A holder without an address, or a role offered as a group: the in-app reminder reaches them.
                logger.LogInformation("The urge of task {TaskId} is not mailed to {Entry}: {Reason}", task.Id, entry, ex.Message);
            }
        }
        return result.DistinctBy(r => (r.Channel, r.Address.ToLowerInvariant())).ToList();
    }

    /// <summary>The instance's process variables, for templates that name them as <c>data.*</c>.</summary>
    private static async Task<Dictionary<string, JsonNode?>> VariablesAsync(DbContext stepDb, string instanceId, CancellationToken ct)
    {
        var state = await stepDb.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.State).FirstOrDefaultAsync(ct);
        return string.IsNullOrEmpty(state) ? [] : InstanceState.Deserialize(state).Variables;
    }

    private static JsonObject Describe(TaskInfo task) => new()
    {
        ["id"] = task.Id,
        ["name"] = task.Name,
        ["elementId"] = task.ElementId,
        ["assignee"] = task.Assignee,
        ["candidateGroups"] = string.Join(",", task.CandidateGroups),
        ["due"] = task.DueDate?.ToString("O", CultureInfo.InvariantCulture),
        ["created"] = task.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["priority"] = task.Priority,
    };
}
