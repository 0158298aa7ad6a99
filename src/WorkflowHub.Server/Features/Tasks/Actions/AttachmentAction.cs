using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>Settings section <c>Tasks:Attachments</c>.</summary>
public sealed class TaskAttachmentOptions
{
    public const string Section = "Tasks:Attachments";

    /// <summary>Where files go (relative to the repository root).</summary>
    public string Directory { get; set; } = "data/attachments";
    public long MaxBytes { get; set; } = 8 * 1024 * 1024;
    public List<string> AllowedTypes { get; set; } =
        ["image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf", "text/plain",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];
}

/// <summary>Files on a task (photos from the site, documents), stored under data/attachments with type and size limits.</summary>
public static class AttachmentAction
{
    public static void Map(RouteGroupBuilder tasks, RouteGroupBuilder api, TaskAttachmentOptions limits)
    {
        tasks.MapPost("/{id}/attachments", async (string id, TaskActions actions, IOptions<TaskAttachmentOptions> options, HubPaths paths,
                HttpContext http, CancellationToken ct) =>
            {
                var o = options.Value;
                var (viewer, task) = await actions.VisibleAsync(http.User, id, ct);
                if (!http.Request.HasFormContentType)
                {
                    throw ApiRequestException.Invalid("file", "Send the file as multipart/form-data.");
                }
                var form = await http.Request.ReadFormAsync(ct);
                var file = form.Files.GetFile("file") ?? throw ApiRequestException.Invalid("file", "Choose a file.");
                if (file.Length == 0 || file.Length > o.MaxBytes)
                {
                    throw ApiRequestException.Invalid("file", $"The file must be between 1 byte and {o.MaxBytes / 1024 / 1024} MB.");
                }
                if (!o.AllowedTypes.Contains(file.ContentType, StringComparer.OrdinalIgnoreCase))
                {
                    throw ApiRequestException.Invalid("file", $"The file type {file.ContentType} is not accepted. Allowed: {string.Join(", ", o.AllowedTypes)}.");
                }
                var row = new TaskAttachment
                {
                    Id = Guid.CreateVersion7().ToString(),
                    TaskId = task.Id,
                    InstanceId = task.InstanceId,
                    FileName = Path.GetFileName(file.FileName).Length is > 0 and <= 200 ? Path.GetFileName(file.FileName) : "file",
                    ContentType = file.ContentType.ToLowerInvariant(),
                    Size = file.Length,
                    UploadedBy = viewer.UserName,
                    CreatedAt = actions.Now,
                };
                var path = FilePath(paths, o, row);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using (var target = File.Create(path))
                {
                    await file.CopyToAsync(target, ct);
                }
                try
                {
                    await actions.RecordAsync(task, viewer.UserName, TaskActionKind.Attachment, row.FileName, null, null, (stepDb, _, _) =>
                    {
                        stepDb.Add(row);
                        return Task.CompletedTask;
                    }, ct);
                }
                catch
                {
                    File.Delete(path);
                    throw;
                }
                return TypedResults.Ok(row);
            })
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limits.MaxBytes + 64 * 1024))
            .WithSummary("Attaches a file (multipart field 'file'; type and size limits from Tasks:Attachments).");

        tasks.MapGet("/{id}/attachments", async (string id, string? page, string? pageSize, TaskActions actions, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                var (_, task) = await actions.VisibleAsync(http.User, id, ct);
                return TypedResults.Ok(await PagedList<TaskAttachment>.QueryAsync(
                    actions.Db.Set<TaskAttachment>().AsNoTracking().Where(a => a.InstanceId == task.InstanceId).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id),
                    paging, a => a, ct));
            })
            .WithSummary("The files of the task's instance.");

        api.MapGet("/attachments/{attachmentId}", async (string attachmentId, TaskActions actions, ITaskService tasks, IOptions<TaskAttachmentOptions> options,
                HubPaths paths, HttpContext http, CancellationToken ct) =>
            {
                var row = await actions.Db.Set<TaskAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct)
                    ?? throw new WorkflowNotFoundException($"Attachment '{attachmentId}' does not exist.");
                var viewer = await actions.ViewerAsync(http.User, ct);
                var open = (await tasks.QueryAsync(new TaskQuery { InstanceId = row.InstanceId, InvolvedUser = viewer.SeesAll ? null : viewer.UserName,
                    InvolvedGroups = viewer.SeesAll ? null : viewer.Groups, PageSize = 1 }, ct)).Total > 0;
                var allowed = row.UploadedBy == viewer.UserName || open || HubPolicies.OperatorRoles.Any(http.User.IsInRole)
                    || await actions.Db.Set<TaskComment>().AnyAsync(c => c.InstanceId == row.InstanceId && c.Author == viewer.UserName, ct);
                if (!allowed)
                {
                    throw new WorkflowNotFoundException($"Attachment '{attachmentId}' does not exist.");
                }
                return TypedResults.PhysicalFile(FilePath(paths, options.Value, row), row.ContentType, row.FileName);
            })
            .WithTags("Tasks")
            .WithSummary("Downloads an attachment (those involved in its instance and operators).");
    }

    private static string FilePath(HubPaths paths, TaskAttachmentOptions o, TaskAttachment row) =>
        Path.Combine(paths.Resolve(o.Directory), row.InstanceId, row.Id);
}
