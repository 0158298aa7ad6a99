using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Tasks.Actions;

public sealed record CarbonCopyRequest(List<string>? UserIds, List<string>? GroupIds, string? Reason);

/// <summary>抄送: users or groups get a read-only entry in "抄送我的" (and may open the task and its instance).</summary>
public static class CarbonCopyAction
{
    public const int MaxRecipients = 50;

    public static void Map(RouteGroupBuilder tasks, RouteGroupBuilder api)
    {
        tasks.MapPost("/{id}/cc", async (string id, CarbonCopyRequest request, TaskActions actions, UserDirectory directory, HttpContext http, CancellationToken ct) =>
            {
                var reason = TaskActions.RequireReason(request.Reason);
                var (viewer, task) = await actions.VisibleAsync(http.User, id, ct);
                var users = new List<string>();
                foreach (var u in request.UserIds ?? [])
                {
                    users.Add(await TaskActions.UserNameAsync(directory, u, "userIds"));
                }
                var groups = (request.GroupIds ?? []).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct().ToList();
                var known = await actions.Db.Set<HubGroup>().Where(g => groups.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
                if (known.Count != groups.Count)
                {
                    throw ApiRequestException.Invalid("groupIds", $"Unknown groups: {string.Join(", ", groups.Except(known))}.");
                }
                if (users.Count + groups.Count is 0 or > MaxRecipients)
                {
                    throw ApiRequestException.Invalid("userIds", $"Choose 1 to {MaxRecipients} recipients.");
                }
                var copies = Copies(task.InstanceId, task.Id, task.Name, task.ProcessKey, task.BusinessKey, users.Distinct(), groups, viewer.UserName, reason, actions.Now);
                await actions.RecordAsync(task, viewer.UserName, TaskActionKind.CarbonCopy, reason, null,
                    new JsonObject
                    {
                        ["users"] = new JsonArray(users.Select(u => (JsonNode?)u).ToArray()),
                        ["groups"] = new JsonArray(groups.Select(g => (JsonNode?)g).ToArray()),
                    },
                    (stepDb, _, _) =>
                    {
                        stepDb.AddRange(copies);
                        return Task.CompletedTask;
                    }, ct);
                return TypedResults.Ok(copies);
            })
            .WithSummary("抄送: copies the task to {userIds} and {groupIds} (read-only), with a reason.");

        api.MapGet("/copies", async (string? page, string? pageSize, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var viewer = await actions.ViewerAsync(http.User, ct);
                var groups = viewer.Groups.ToList();
                var q = actions.Db.Set<CarbonCopy>().AsNoTracking()
                    .Where(c => c.RecipientUser == viewer.UserName || (c.RecipientGroup != null && groups.Contains(c.RecipientGroup)))
                    .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
                return TypedResults.Ok(await PagedList<CarbonCopy>.QueryAsync(q, ApiRequest.Paging(http, page, pageSize), c => c, ct));
            })
            .WithTags("Tasks")
            .WithSummary("抄送我的: copies sent to the user or their groups, newest first.");
    }

    public static List<CarbonCopy> Copies(string instanceId, string? taskId, string? taskName, string processKey, string? businessKey,
        IEnumerable<string> users, IEnumerable<string> groups, string from, string? reason, DateTimeOffset now) =>
        users.Select(u => (User: (string?)u, Group: (string?)null)).Concat(groups.Select(g => (User: (string?)null, Group: (string?)g)))
            .Select(r => new CarbonCopy
            {
                Id = Guid.CreateVersion7().ToString(),
                InstanceId = instanceId,
                TaskId = taskId,
                TaskName = taskName,
                ProcessKey = processKey,
                BusinessKey = businessKey,
                RecipientUser = r.User,
                RecipientGroup = r.Group,
                From = from,
                Reason = reason,
                CreatedAt = now,
            }).ToList();
}
