using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.BrowserConsole;

public sealed record SessionAnswer(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups, string AntiforgeryToken);

/// <summary>Who is signed in (for the console's layout and menu) and signing out of the cookie session.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/session").WithTags("Session");
        group.MapGet("", CurrentAsync)
            .WithSummary("The signed-in user's name, roles and groups, and the anti-forgery token to send as X-XSRF-TOKEN with cookie sign-in.");
        group.MapPost("/logout", async (HttpContext context) =>
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                return TypedResults.NoContent();
            })
            .WithSummary("Ends the cookie session.");
        return endpoints;
    }

    private static async Task<Results<Ok<SessionAnswer>, UnauthorizedHttpResult>> CurrentAsync(
        HttpContext context, UserManager<HubUser> users, HubDbContext db, IAntiforgery antiforgery, CancellationToken ct)
    {
        var user = await users.GetUserAsync(context.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var groups = await db.Set<HubGroupMember>().AsNoTracking().Where(m => m.UserId == user.Id)
            .Select(m => m.GroupId).OrderBy(g => g).ToListAsync(ct);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new SessionAnswer(user.UserName ?? "", user.DisplayName, roles, groups, tokens.RequestToken ?? ""));
    }
}
