using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>Sign-in by user name or e-mail address: <c>userName</c>, or Identity's own <c>email</c> field.</summary>
public sealed record LoginRequest(string? Password, string? UserName = null, string? Email = null);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? OldPassword, string? NewPassword);

/// <summary>The signed-in user's own account, whether or not it has an e-mail address.</summary>
public sealed record AccountInfo(string Id, string UserName, string? DisplayName, string? Email, string? PhoneNumber, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups);

/// <summary>
/// The account endpoints under /api/identity: sign-in (cookie or bearer token), refresh, sign-out, the user's own
/// info and password, and the password policy. Self-registration, e-mail confirmation, password-reset mail and
/// two-factor sign-in are not offered: accounts are made by administrators and no mail confirms anything.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/identity").WithTags("Identity");
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Signs in with the user name or e-mail address (userName or email) and password: ?useCookies=true sets the " +
                         "browser's cookie, otherwise the answer carries a bearer accessToken and a refreshToken.");
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("A new bearer token for a refresh token; it carries the user's current roles, and fails for a disabled account.");
        group.MapPost("/logout", async (SignInManager<HubUser> signIn) =>
            {
                await signIn.SignOutAsync();
                return TypedResults.NoContent();
            })
            .WithSummary("Ends the cookie session.");
        group.MapGet("/manage/info", InfoAsync).WithSummary("The signed-in user's account: name, e-mail (if any), phone, roles and groups.");
        group.MapPost("/manage/password", ChangePasswordAsync)
            .WithSummary("Changes the signed-in user's password; every rule the new password breaks is listed together.");
        group.MapGet("/policy", (IOptions<IdentityOptions> options) => TypedResults.Ok(PasswordPolicy.From(options.Value))).AllowAnonymous()
            .WithSummary("The password rules and the lockout, so a form can show them before the user types.");
        return endpoints;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, bool? useCookies, bool? useSessionCookies, SignInManager<HubUser> signIn, HubDbContext db, CancellationToken ct)
    {
        var name = (request.UserName ?? request.Email)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw ApiRequestException.Invalid("userName", "A user name or e-mail address is required.");
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            throw ApiRequestException.Invalid("password", "A password is required.");
        }
        var user = await FindAsync(signIn.UserManager, db, name, ct);
        if (user is null)
        {
            return WrongPassword();
        }
        if (UserAdministration.IsDisabled(user))
        {
            return TypedResults.Problem(title: "Unauthorized", detail: "This account is disabled; ask an administrator.", statusCode: 401);
        }
        var cookies = useCookies == true || useSessionCookies == true;
        signIn.AuthenticationScheme = cookies ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: useCookies == true, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var until = (await signIn.UserManager.GetLockoutEndDateAsync(user))?.ToUniversalTime();
            return TypedResults.Problem(title: "Unauthorized", statusCode: 401,
                detail: $"Too many wrong passwords: the account is locked until {until:yyyy-MM-dd HH:mm:ss} UTC.",
                extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });
        }
        // The bearer scheme writes the token answer itself; the cookie scheme sets its cookie.
        return result.Succeeded ? TypedResults.Empty : WrongPassword();
    }

    private static ProblemHttpResult WrongPassword() =>
        TypedResults.Problem(title: "Unauthorized", detail: "The user name (or e-mail address) or the password is wrong.", statusCode: 401);

    /// <summary>By user name first; else by e-mail address when exactly one account has it (e-mail is not unique here).</summary>
    private static async Task<HubUser?> FindAsync(UserManager<HubUser> users, HubDbContext db, string name, CancellationToken ct)
    {
        if (await users.FindByNameAsync(name) is { } byName)
        {
            return byName;
        }
        var normalized = users.NormalizeEmail(name);
        var byEmail = await db.Users.Where(u => u.NormalizedEmail == normalized).Take(2).ToListAsync(ct);
        return byEmail.Count == 1 ? byEmail[0] : null;
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<HubUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, CancellationToken ct)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        // A changed security stamp (password reset, disabled account) ends the refresh chain; roles come fresh from the database.
        if (ticket?.Properties.ExpiresUtc is not { } expires || TimeProvider.System.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || UserAdministration.IsDisabled(user))
        {
            return TypedResults.Challenge();
        }
        return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<Ok<AccountInfo>, NotFound>> InfoAsync(ClaimsPrincipal principal, UserManager<HubUser> users, UserDirectory directory, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new AccountInfo(user.Id, user.UserName ?? "", user.DisplayName, user.Email, user.PhoneNumber,
            (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(), await directory.GroupsOfAsync(user.Id, ct)));
    }

    private static async Task<Results<NoContent, NotFound>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<HubUser> users, SignInManager<HubUser> signIn)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        if (string.IsNullOrEmpty(request.OldPassword))
        {
            throw ApiRequestException.Invalid("oldPassword", "The current password is required.");
        }
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            throw ApiRequestException.Invalid("newPassword", "A new password is required.");
        }
        var changed = await users.ChangePasswordAsync(user, request.OldPassword, request.NewPassword);
        if (!changed.Succeeded)
        {
            throw UserAdministration.Problem(changed, passwordField: "newPassword");
        }
        // The stamp changed with the password; a cookie session is renewed so this browser stays signed in.
        if (principal.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return TypedResults.NoContent();
    }
}

/// <summary>The password rules and lockout as GET /api/identity/policy shows them.</summary>
public sealed record PasswordPolicy(
    int RequiredLength, int RequiredUniqueChars, bool RequireDigit, bool RequireLowercase, bool RequireUppercase, bool RequireNonAlphanumeric,
    int MaxFailedAccessAttempts, int LockoutMinutes)
{
    public static PasswordPolicy From(IdentityOptions o) => new(
        o.Password.RequiredLength, o.Password.RequiredUniqueChars, o.Password.RequireDigit, o.Password.RequireLowercase,
        o.Password.RequireUppercase, o.Password.RequireNonAlphanumeric, o.Lockout.MaxFailedAccessAttempts, (int)o.Lockout.DefaultLockoutTimeSpan.TotalMinutes);
}
