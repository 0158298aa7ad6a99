using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Tasks.Stream;

/// <summary>What the console is told about polling when a stream opens.</summary>
public sealed record TaskStreamReady(int HeartbeatSeconds, int ConnectedPollSeconds, int FallbackPollSeconds);

/// <summary>A new task the user may see, as the stream announces it.</summary>
public sealed record TaskStreamItem(string Id, string? Name, string ElementId, string ProcessKey, string? BusinessKey, string? Assignee, DateTimeOffset? DueDate);

/// <summary>
/// The inbox's live updates: <c>GET /api/tasks/stream</c> is a server-sent-event stream (<c>event: ready</c> with the
/// polling intervals, then <c>event: task</c> per new task the user may see, and a heartbeat comment line), and
/// <c>GET /api/tasks/stream/settings</c> tells a console without a stream how often to poll.
/// </summary>
public static class TaskStreamModule
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public static IServiceCollection AddHubTaskStream(this IServiceCollection services)
    {
        services.AddOptions<TaskStreamOptions>().BindConfiguration(TaskStreamOptions.Section)
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.MaxConnectionsPerUser > 0 && o.MaxConnections > 0
                && o.ConnectedPollInterval >= TimeSpan.FromSeconds(1) && o.FallbackPollInterval >= TimeSpan.FromSeconds(1),
                "Tasks:Stream needs a positive HeartbeatInterval and connection limits, and poll intervals of at least a second.")
            .ValidateOnStart();
        services.AddSingleton<TaskStreamHub>();
        services.AddSingleton<ITaskCreationObserver>(sp => sp.GetRequiredService<TaskStreamHub>());
        return services;
    }

    public static WebApplication MapHubTaskStream(this WebApplication app)
    {
        // Signed-in users only, by the API's fallback policy (cookie or bearer), like the rest of /api/tasks.
        var tasks = app.MapApiGroup("/api/tasks").WithTags("Tasks");
        tasks.MapGet("/stream", StreamAsync)
            .ExcludeFromDescription()
            .WithSummary("Server-sent events: a 'task' event for each new task the user may see, heartbeats, bounded connections per user.");
        tasks.MapGet("/stream/settings", (IOptions<TaskStreamOptions> options) => TypedResults.Ok(Ready(options.Value)))
            .WithSummary("The inbox's polling intervals: with a stream open, and without one (the fallback).");
        return app;
    }

    private static TaskStreamReady Ready(TaskStreamOptions o) =>
        new((int)o.HeartbeatInterval.TotalSeconds, (int)o.ConnectedPollInterval.TotalSeconds, (int)o.FallbackPollInterval.TotalSeconds);

    private static async Task StreamAsync(HttpContext http, TaskAccess access, TaskStreamHub hub, IOptions<TaskStreamOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(http.User, ct);
        var (subscriber, refused) = hub.TryOpen(viewer);
        if (subscriber is null)
        {
            throw new ApiRequestException(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = refused,
                Title = refused == StatusCodes.Status429TooManyRequests ? "Too Many Requests" : "Service Unavailable",
                Detail = refused == StatusCodes.Status429TooManyRequests
                    ? "Too many live inbox connections for this user; close another tab. The inbox keeps polling."
                    : "The server has no room for another live inbox connection. The inbox keeps polling.",
            });
        }
        try
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            // A proxy or the browser must not hold back the first bytes.
            http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
            var o = options.Value;
            await WriteAsync(http, $"retry: {(int)o.FallbackPollInterval.TotalMilliseconds}\nevent: ready\ndata: {JsonSerializer.Serialize(Ready(o), Json)}\n\n", ct);
            var reader = subscriber.Pending.Reader;
            while (!ct.IsCancellationRequested)
            {
                using var quiet = new CancellationTokenSource(o.HeartbeatInterval, time);
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct, quiet.Token);
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteAsync(http, ": heartbeat\n\n", ct);
                    continue;
                }
                if (!ready)
                {
                    return;
                }
                var text = new StringBuilder();
                while (reader.TryRead(out var task))
                {
                    var item = new TaskStreamItem(task.Id, task.Name, task.ElementId, task.ProcessKey, task.BusinessKey, task.Assignee, task.DueDate);
                    text.Append("event: task\nid: ").Append(task.Id).Append("\ndata: ").Append(JsonSerializer.Serialize(item, Json)).Append("\n\n");
                }
                await WriteAsync(http, text.ToString(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            hub.Close(subscriber);
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
