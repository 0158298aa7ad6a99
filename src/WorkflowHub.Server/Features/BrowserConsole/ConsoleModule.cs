using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.BrowserConsole;

/// <summary>
/// The browser console (src/WorkflowHub.Web, built by <c>dotnet build</c>) on the API's own origin and port: its
/// static files, index.html for its client-side routes after a reload, the session endpoint and the cookie
/// anti-forgery check. Map it before the API so the static files are served without sign-in.
/// </summary>
public static class ConsoleModule
{
    /// <summary>Any path that is not a file and not a server path (see <see cref="ConsolePathConstraint"/>).</summary>
    public const string FallbackPattern = $"{{*path:nonfile:{ConsolePathConstraint.Name}}}";

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
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<ConsolePathConstraint>(ConsolePathConstraint.Name));
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
        // GET and HEAD only, and last: any other method on an unknown path, and every /api path, stays the API's answer.
        app.MapMethods(FallbackPattern, [HttpMethods.Get, HttpMethods.Head], async context =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                context.Response.Headers[HeaderNames.XFrameOptions] = "DENY";
                await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
            })
            .AllowAnonymous()
            .ExcludeFromDescription()
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
        return app;
    }
}
