using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.BrowserConsole;

/// <summary>
/// The browser console (src/WorkflowHub.Web, built by <c>dotnet build</c>) on the API's own origin and port: its
/// static files, index.html for its client-side routes after a reload (GET/HEAD that no endpoint answers), the session endpoint and the cookie
/// anti-forgery check. Map it before the API so the static files are served without sign-in.
/// </summary>
public static class ConsoleModule
{
    public static IServiceCollection AddHubConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieAntiforgery.HeaderName;
            o.Cookie.Name = "WorkflowHub.Antiforgery";
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }

    public static WebApplication MapHubConsole(this WebApplication app)
    {
        app.UseMiddleware<CookieAntiforgery>();
        app.MapSessionEndpoints();

        var options = app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var folder = string.IsNullOrWhiteSpace(options.AssetsPath) ? null : app.Services.GetRequiredService<HubPaths>().Resolve(options.AssetsPath);
        if (folder is null || !File.Exists(Path.Combine(folder, "index.html")))
        {
            app.Logger.LogWarning("The browser console is not built ({Folder} has no index.html); the API runs without it. `dotnet build src/WorkflowHub.Server` builds it.", folder);
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
                // Vite names assets by content hash: they never change; index.html must be fetched anew.
                c.Context.Response.Headers.CacheControl = c.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache",
        });
        // Not an endpoint: the API's own 404, 405 and 415 answers are decided by routing before this looks at the request.
        var index = files.GetFileInfo("index.html");
        app.Use(async (context, next) =>
        {
            if (!ConsolePaths.IsConsoleRoute(context))
            {
                await next(context);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            context.Response.Headers[HeaderNames.XFrameOptions] = "DENY";
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.SendFileAsync(index);
            }
            else
            {
                context.Response.ContentLength = index.Length;
            }
        });
        return app;
    }
}
