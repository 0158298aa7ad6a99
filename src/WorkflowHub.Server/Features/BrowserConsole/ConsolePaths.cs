namespace WorkflowHub.Server.Features.BrowserConsole;

/// <summary>
/// Which paths belong to the console's client-side router. The API, the webhook receiver, the API reference, the
/// OpenAPI document and the health check are never answered with index.html, so their 404s stay theirs.
/// </summary>
public static class ConsolePaths
{
    public static readonly string[] ServerPrefixes = ["/api", "/hooks", "/docs", "/openapi", "/health"];

    /// <summary>A GET or HEAD no endpoint answered, for a path that is neither a server path nor a file.</summary>
    public static bool IsConsoleRoute(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint() is null
        && !Path.HasExtension(context.Request.Path.Value)
        && !ServerPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
