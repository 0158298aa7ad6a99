using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>A user as administrators see it: <c>lockedOut</c> after wrong passwords (until a time), <c>disabled</c> by an administrator.</summary>
public sealed record UserDto(
    string Id, string UserName, string? DisplayName, string? Email, string? PhoneNumber, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups,
    bool LockedOut, bool Disabled);

public sealed record CreateUserRequest(
    string? UserName, string? Password, string? DisplayName, string? Email, IReadOnlyList<string>? Roles, string? PhoneNumber = null, IReadOnlyList<string>? Groups = null);

public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);

public sealed record GroupMemberDto(string Id, string UserName, string? DisplayName);

public sealed record GroupDto(string Id, string Name, GroupKind Kind, IReadOnlyList<GroupMemberDto> Members);

public sealed record CreateGroupRequest(string? Id, string? Name, string? Kind);

public sealed record SetMembersRequest(IReadOnlyList<string>? UserIds);

/// <summary>Administrators manage users (with their roles) and the groups tasks are offered to.</summary>
public static partial class IdentityAdminEndpoints
{
    public static IEndpointRouteBuilder MapIdentityAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/users").WithTags("Users").RequireAuthorization(HubPolicies.Administrators);
        users.MapGet("", ListUsersAsync).WithSummary("Every user with roles and groups; ?q= finds a part of the user name, display name, e-mail or phone.");
        users.MapPost("", CreateUserAsync).WithSummary("Creates a user with a password and roles.");
        users.MapPut("/{id}/roles", SetRolesAsync).WithSummary("Replaces a user's roles.");

        var groups = endpoints.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("", ListGroupsAsync).RequireAuthorization(HubPolicies.Operators).WithSummary("The groups (area 片区, sector 行业领域组, functional 功能组) with their members.");
        groups.MapPost("", CreateGroupAsync).RequireAuthorization(HubPolicies.Administrators).WithSummary("Creates a group; its id is what camunda:candidateGroups names.");
        groups.MapPut("/{id}/members", SetMembersAsync).RequireAuthorization(HubPolicies.Administrators).WithSummary("Replaces a group's members (user ids or user names).");
        return endpoints;
    }

    private static async Task<Ok<PagedList<UserDto>>> ListUsersAsync(string? q, string? page, string? pageSize, HubDbContext db, HttpContext http, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Normalized (upper-case) names and addresses make the search case-blind on both providers.
            var text = q.Trim();
            var upper = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.NormalizedEmail!.Contains(upper)
                || u.DisplayName!.Contains(text) || u.PhoneNumber!.Contains(text));
        }
        var users = await PagedList<HubUser>.QueryAsync(query.OrderBy(u => u.UserName), ApiRequest.Paging(http, page, pageSize), u => u, ct);
        var ids = users.Items.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var members = await db.Set<HubGroupMember>().AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return TypedResults.Ok(users.With(users.Items.Select(u => new UserDto(
            u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.PhoneNumber,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order().ToList(),
            members.Where(m => m.UserId == u.Id).Select(m => m.GroupId).Order().ToList(),
            u.LockoutEnd is { } end && end > now && !UserAdministration.IsDisabled(u), UserAdministration.IsDisabled(u))).ToList()));
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> CreateUserAsync(
        CreateUserRequest request, UserManager<HubUser> userManager, UserDirectory directory, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            return Invalid("userName", "A user name is required.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            return Invalid("password", "A password is required.");
        }
        var roles = request.Roles ?? [];
        if (CheckRoles(roles) is { } bad)
        {
            return bad;
        }
        var groups = request.Groups ?? [];
        if (await directory.CheckGroupsAsync(groups, ct) is { Count: > 0 } unknown)
        {
            return TypedResults.ValidationProblem(unknown, detail: unknown.First().Value[0]);
        }
        if (await userManager.FindByNameAsync(request.UserName.Trim()) is not null)
        {
            return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = 409, Title = "Conflict", Detail = $"A user named '{request.UserName.Trim()}' exists already.",
            });
        }
        var user = new HubUser
        {
            UserName = request.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName.Trim() : request.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            EmailConfirmed = true,
            PhoneNumber = string.IsNullOrWhiteSpace(request.PhoneNumber) ? null : request.PhoneNumber.Trim(),
        };
        var created = await userManager.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            throw UserAdministration.Problem(created);
        }
        if (roles.Count > 0)
        {
            var added = await userManager.AddToRolesAsync(user, roles.Distinct());
            if (!added.Succeeded)
            {
                await userManager.DeleteAsync(user);
                throw UserAdministration.Problem(added);
            }
        }
        if (groups.Count > 0)
        {
            await directory.SetGroupsAsync(user.Id, groups, ct);
        }
        var dto = new UserDto(user.Id, user.UserName, user.DisplayName, user.Email, user.PhoneNumber, roles.Distinct().Order().ToList(),
            groups.Select(g => g.Trim()).Distinct().Order(StringComparer.Ordinal).ToList(), false, false);
        return TypedResults.Created($"/api/users/{user.Id}", dto);
    }

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> SetRolesAsync(
        string id, SetRolesRequest request, UserManager<HubUser> userManager, UserDirectory directory, CancellationToken ct)
    {
        var user = await directory.FindAsync(id);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var wanted = (request.Roles ?? []).Distinct().ToList();
        if (CheckRoles(wanted) is { } bad)
        {
            return bad;
        }
        await UserAdministration.SetRolesAsync(userManager, user, wanted);
        return TypedResults.Ok(await UserAdministration.ToDtoAsync(userManager, directory, user, ct));
    }

    private static async Task<Ok<PagedList<GroupDto>>> ListGroupsAsync(string? page, string? pageSize, HubDbContext db, HttpContext http, CancellationToken ct)
    {
        var groups = await PagedList<HubGroup>.QueryAsync(
            db.Set<HubGroup>().AsNoTracking().Include(g => g.Members).OrderBy(g => g.Id), ApiRequest.Paging(http, page, pageSize), g => g, ct);
        var ids = groups.Items.SelectMany(g => g.Members).Select(m => m.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return TypedResults.Ok(groups.With(groups.Items.Select(g => ToDto(g, names)).ToList()));
    }

    private static async Task<Results<Created<GroupDto>, ValidationProblem, Conflict<Microsoft.AspNetCore.Mvc.ProblemDetails>>> CreateGroupAsync(
        CreateGroupRequest request, HubDbContext db, TimeProvider time, CancellationToken ct)
    {
        var id = request.Id?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > HubGroup.IdMaxLength || !GroupId().IsMatch(id))
        {
            return Invalid("id", $"A group id of 1 to {HubGroup.IdMaxLength} letters, digits, '_', '-' or '.' is required (it is what camunda:candidateGroups names).");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > HubGroup.NameMaxLength)
        {
            return Invalid("name", $"A name of 1 to {HubGroup.NameMaxLength} characters is required.");
        }
        var kind = ApiRequest.Enum<GroupKind>(request.Kind, "kind")
            ?? throw ApiRequestException.Invalid("kind", "The kind is required: Area, Sector, Functional, CreationOffice or LeadingGroup.");
        if (await db.Set<HubGroup>().AnyAsync(g => g.Id == id, ct))
        {
            return TypedResults.Conflict(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 409, Title = "Conflict", Detail = $"The group '{id}' exists already." });
        }
        var group = new HubGroup { Id = id, Name = request.Name.Trim(), Kind = kind, CreatedAt = time.GetUtcNow() };
        db.Add(group);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/groups/{id}", new GroupDto(group.Id, group.Name, group.Kind, []));
    }

    private static async Task<Results<Ok<GroupDto>, NotFound, ValidationProblem>> SetMembersAsync(
        string id, SetMembersRequest request, HubDbContext db, UserDirectory directory, CancellationToken ct)
    {
        var group = await db.Set<HubGroup>().Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == id, ct);
        if (group is null)
        {
            return TypedResults.NotFound();
        }
        var wanted = new Dictionary<string, HubUser>();
        var given = request.UserIds ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var user = string.IsNullOrWhiteSpace(given[i]) ? null : await directory.FindAsync(given[i].Trim());
            if (user is null)
            {
                return Invalid($"userIds[{i}]", $"There is no user '{given[i]}'.");
            }
            wanted[user.Id] = user;
        }
        group.Members.RemoveAll(m => !wanted.ContainsKey(m.UserId));
        foreach (var userId in wanted.Keys.Where(u => group.Members.All(m => m.UserId != u)))
        {
            group.Members.Add(new HubGroupMember { GroupId = group.Id, UserId = userId });
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(group, wanted));
    }

    internal static GroupDto ToDto(HubGroup g, IReadOnlyDictionary<string, HubUser> users) => new(
        g.Id, g.Name, g.Kind,
        g.Members.Select(m => users.TryGetValue(m.UserId, out var u)
                ? new GroupMemberDto(u.Id, u.UserName ?? "", u.DisplayName)
                : new GroupMemberDto(m.UserId, "", null))
            .OrderBy(m => m.UserName, StringComparer.Ordinal).ToList());

    private static ValidationProblem? CheckRoles(IReadOnlyList<string> roles)
    {
        for (var i = 0; i < roles.Count; i++)
        {
            if (!HubRoles.All.Contains(roles[i]))
            {
                return Invalid($"roles[{i}]", $"'{roles[i]}' is not a role; the roles are {string.Join(", ", HubRoles.All)}.");
            }
        }
        return null;
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    [GeneratedRegex(@"^[\p{L}\p{N}_.\-]+$")]
    private static partial Regex GroupId();
}
