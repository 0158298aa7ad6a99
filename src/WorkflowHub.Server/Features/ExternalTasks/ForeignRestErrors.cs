using System.Text.Json;

namespace WorkflowHub.Server.Features.ExternalTasks;

/// <summary>
/// The error answers of the other engines' REST shapes (Camunda's /engine-rest, Flowable's /external-job-api): their
/// clients read their own error bodies, not RFC 7807 problems. Exceptions the shape does not describe (5xx) go on to
/// the API's own handler.
/// </summary>
internal static class ForeignRestErrors
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task HandleAsync(HttpContext http, RequestDelegate next, Func<Exception, (int Status, object Body)?> describe)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && describe(ex) is { } error)
        {
            http.Response.Clear();
            http.Response.StatusCode = error.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(JsonSerializer.Serialize(error.Body, Json));
        }
    }
}
