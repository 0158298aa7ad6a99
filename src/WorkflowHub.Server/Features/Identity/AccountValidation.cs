using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>
/// Bearer tokens are self-contained, so a disabled or deleted account's token would work until it expires: this
/// middleware looks the account up (through <see cref="AccountStatusCache"/>: at once after a change on this node,
/// within seconds after one on another) and answers 401 when it is gone or disabled. (Cookies are
/// checked by Identity's security-stamp validator on every request, which also gives them the current roles.)
/// </summary>
public sealed class AccountValidation(RequestDelegate next, AccountStatusCache cache, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Identity names every identity it makes "Identity.Application", so the header tells a bearer request apart.
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id)
        {
            var active = await cache.IsActiveAsync(id, async () =>
            {
                // Only on a miss: building the scoped user manager (its stores, validators and token providers) per
                // request cost more than the cached answer.
                var user = await context.RequestServices.GetRequiredService<UserManager<HubUser>>().FindByIdAsync(id);
                return user is not null && !UserAdministration.IsDisabled(user);
            });
            if (!active)
            {
                // Answered here: authorization would authenticate the token again and accept it.
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 401, Title = "Unauthorized", Detail = "This account is disabled; ask an administrator." },
                });
                return;
            }
        }
        await next(context);
    }
}

public static class AccountValidationExtensions
{
    public static IApplicationBuilder UseAccountValidation(this IApplicationBuilder app) => app.UseMiddleware<AccountValidation>();
}
