using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>
/// Where a 催办 reminder goes: every registered sender writes through the urge's step DbContext — the in-app reminder
/// (below) and the notice mail (<see cref="NoticeTaskReminderSender"/>, through the outbox).
/// </summary>
public interface ITaskReminderSender
{
    /// <summary>Writes the reminder for whoever holds the task now, inside the urge's step.</summary>
    Task SendAsync(DbContext stepDb, TaskInfo task, string from, string? message, DateTimeOffset now, CancellationToken ct);
}

/// <summary>The in-app reminder: an entry in the holder's inbox (the assignee, or else each candidate user and group).</summary>
public sealed class InAppTaskReminderSender : ITaskReminderSender
{
    public Task SendAsync(DbContext stepDb, TaskInfo task, string from, string? message, DateTimeOffset now, CancellationToken ct)
    {
        var recipients = task.Assignee is not null
            ? [(task.Assignee, false)]
            : task.CandidateUsers.Select(u => (u, false)).Concat(task.CandidateGroups.Select(g => (g, true))).ToList();
        stepDb.AddRange(recipients.Select(r => new TaskReminder
        {
            Id = Guid.CreateVersion7().ToString(),
            Recipient = r.Item1,
            RecipientIsGroup = r.Item2,
            TaskId = task.Id,
            InstanceId = task.InstanceId,
            TaskName = task.Name,
            From = from,
            Message = message,
            CreatedAt = now,
        }));
        return Task.CompletedTask;
    }
}

/// <summary>催办: the instance's starter or a supervisor reminds whoever holds the task; the count shows on the task.</summary>
public static class UrgeAction
{
    public static void Map(RouteGroupBuilder tasks, RouteGroupBuilder api)
    {
        tasks.MapPost("/{id}/urge", async (string id, ReasonRequest request, TaskActions actions, IRuntimeService runtime,
                IEnumerable<ITaskReminderSender> senders, HttpContext http, CancellationToken ct) =>
            {
                var message = string.IsNullOrWhiteSpace(request.Reason) ? "请尽快办理。" : TaskActions.RequireReason(request.Reason);
                var (viewer, task) = await actions.VisibleAsync(http.User, id, ct);
                var instance = await runtime.GetInstanceAsync(task.InstanceId, ct);
                var mayUrge = instance?.Summary.StartedBy == viewer.UserName
                    || http.User.IsInRole(HubRoles.Supervisor) || http.User.IsInRole(HubRoles.Administrator) || http.User.IsInRole(HubRoles.Leader);
                if (!mayUrge)
                {
                    throw new ApiRequestException(new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Forbidden",
                        Detail = "Only the starter, a supervisor or a leader may urge.",
                    });
                }
                var count = 0;
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.Urge, message, null,
                    new JsonObject { ["holder"] = task.Assignee },
                    async (stepDb, current, token) =>
                    {
                        var state = await TaskActions.StateAsync(stepDb, current, token);
                        count = ++state.UrgeCount;
                        state.LastUrgedAt = actions.Now;
                        foreach (var sender in senders)
                        {
                            await sender.SendAsync(stepDb, current, viewer.UserName, message, actions.Now, token);
                        }
                    }, ct);
                return TypedResults.Ok(new { urgeCount = count });
            })
            .WithSummary("催办: reminds the task's holder in-app and by the task-urge notice (mail, group robot); the count is kept on the task.");

        api.MapGet("/reminders", async (string? page, string? pageSize, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var viewer = await actions.ViewerAsync(http.User, ct);
                var groups = viewer.Groups.ToList();
                var rows = actions.Db.Set<TaskReminder>().AsNoTracking()
                    .Where(r => (!r.RecipientIsGroup && r.Recipient == viewer.UserName) || (r.RecipientIsGroup && groups.Contains(r.Recipient)))
                    .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
                return TypedResults.Ok(await PagedList<TaskReminder>.QueryAsync(rows, ApiRequest.Paging(http, page, pageSize), r => r, ct));
            })
            .WithTags("Tasks")
            .WithSummary("The user's reminders (催办), newest first, a page at a time.");
    }
}
