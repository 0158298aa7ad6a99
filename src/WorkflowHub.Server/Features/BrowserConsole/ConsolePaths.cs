namespace WorkflowHub.Server.Features.BrowserConsole;

/// <summary>
/// Which paths belong to the console's client-side router. The API, the webhook receiver, the API reference, the
/// OpenAPI document and the health check are never answered with index.html, so their 404s stay theirs.
/// </summary>
public sealed class ConsolePathConstraint : IRouteConstraint
{
    public const string Name = "consolePath";

    public static readonly string[] ServerPrefixes = ["/api", "/hooks", "/docs", "/openapi", "/health"];

    public static bool IsConsolePath(PathString path) =>
        !ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is null || IsConsolePath(httpContext.Request.Path);
}
