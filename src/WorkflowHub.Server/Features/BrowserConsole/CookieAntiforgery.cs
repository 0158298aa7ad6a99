using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace WorkflowHub.Server.Features.BrowserConsole;

/// <summary>
/// Anti-forgery for the browser: an unsafe request (POST, PUT, PATCH, DELETE) that carries a valid Identity cookie
/// must also carry the <see cref="HeaderName"/> token the console got from GET /api/session. A form posted from
/// another site carries the cookie (same-site hosts share SameSite=Strict cookies) but cannot read the token, so it
/// is refused with 400. Bearer-token clients and anonymous calls (sign-in, signed webhooks) are not affected.
/// </summary>
public sealed class CookieAntiforgery(RequestDelegate next)
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method)
            && !HttpMethods.IsPatch(context.Request.Method) && !HttpMethods.IsDelete(context.Request.Method))
        {
            await next(context);
            return;
        }
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || IsSignIn(context.Request.Path))
        {
            await next(context);
            return;
        }

        // Runs before the authentication middleware: the token is bound to the signed-in user, so authenticate here.
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
        {
            await next(context);
            return;
        }
        context.User = cookie.Principal;
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Antiforgery token missing or invalid",
                    Detail = $"A request signed in by cookie must send the {HeaderName} header from GET /api/session.",
                },
            });
            return;
        }
        await next(context);
    }

    /// <summary>Signing in (and refreshing a bearer token) happens before there is a user the token could be bound to.</summary>
    private static bool IsSignIn(PathString path) =>
        path.StartsWithSegments("/api/identity/login", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/identity/refresh", StringComparison.OrdinalIgnoreCase);
}
