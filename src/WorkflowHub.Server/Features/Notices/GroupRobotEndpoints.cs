using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Notices;

public sealed record GroupRobotRequest(RobotKind? Kind, string? Url, string? Secret, bool? Enabled);

/// <summary>A robot as the API shows it: the URL's host only (the rest carries the access token), never the secret.</summary>
public sealed record GroupRobotDto(string GroupId, RobotKind Kind, string UrlHost, bool Signed, bool Enabled, DateTimeOffset UpdatedAt, string? UpdatedBy);

/// <summary>Administrators set up each group's chat robot (企业微信, 钉钉, 飞书); notices to the group are also posted there.</summary>
public static class GroupRobotEndpoints
{
    public static RouteGroupBuilder MapGroupRobotEndpoints(this RouteGroupBuilder notices)
    {
        var group = notices.MapGroup("/robots").WithTags("Notices").RequireAuthorization(HubPolicies.Administrators);

        group.MapGet("", async (string? page, string? pageSize, HubDbContext db, RobotSecrets secrets, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(await PagedList<GroupRobotDto>.QueryAsync(
                    db.Set<GroupRobotRecord>().AsNoTracking().OrderBy(r => r.GroupId), ApiRequest.Paging(http, page, pageSize), r => Dto(r, secrets), ct)))
            .WithSummary("The groups' robots.");

        group.MapPut("/{groupId}", async Task<Results<Ok<GroupRobotDto>, NotFound>> (string groupId, GroupRobotRequest request, HubDbContext db,
                RobotSecrets secrets, IOptions<NoticesOptions> options, TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                if (!await db.Set<HubGroup>().AnyAsync(g => g.Id == groupId, ct))
                {
                    return TypedResults.NotFound();
                }
                var robot = await db.Set<GroupRobotRecord>().FirstOrDefaultAsync(r => r.GroupId == groupId, ct);
                if (robot is null)
                {
                    robot = new GroupRobotRecord { GroupId = groupId };
                    db.Add(robot);
                    if (request.Url is null)
                    {
                        throw ApiRequestException.Invalid("url", "The robot's webhook URL is required");
                    }
                }
                robot.Kind = request.Kind ?? robot.Kind;
                if (request.Url is not null)
                {
                    var https = Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out var url)
                        && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && options.Value.Robots.AllowHttp));
                    robot.ProtectedUrl = https && request.Url.Length <= 2000
                        ? secrets.Protect(url!.AbsoluteUri)
                        : throw ApiRequestException.Invalid("url", "An https:// URL is required");
                }
                if (request.Secret is not null)
                {
                    robot.ProtectedSecret = request.Secret.Length == 0 ? null
                        : request.Secret.Length <= 500 ? secrets.Protect(request.Secret)
                        : throw ApiRequestException.Invalid("secret", "At most 500 characters");
                }
                robot.Enabled = request.Enabled ?? robot.Enabled;
                robot.UpdatedAt = time.GetUtcNow();
                robot.UpdatedBy = http.User.UserName();
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(Dto(robot, secrets));
            })
            .WithSummary("Sets a group's robot: kind (WeCom, DingTalk, Feishu), webhook URL (https), signing secret (empty string removes it), enabled.");

        group.MapDelete("/{groupId}", async Task<Results<NoContent, NotFound>> (string groupId, HubDbContext db, CancellationToken ct) =>
                await db.Set<GroupRobotRecord>().Where(r => r.GroupId == groupId).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Removes a group's robot; notices still queued for it fail with an incident.");
        return notices;
    }

    private static GroupRobotDto Dto(GroupRobotRecord r, RobotSecrets secrets) =>
        new(r.GroupId, r.Kind, Uri.TryCreate(secrets.Unprotect(r.ProtectedUrl), UriKind.Absolute, out var url) ? url.Host : "", r.ProtectedSecret is not null,
            r.Enabled, r.UpdatedAt, r.UpdatedBy);
}
