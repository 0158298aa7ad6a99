using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>The API's JSON answers go out whole, with their length, in one write; files and empty answers pass through.</summary>
public sealed class WholeBodyResultsTests
{
    /// <summary>A response body that records each write the server makes to it.</summary>
    private sealed class RecordingBody : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes++;
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }
    }

    private static async Task<(HttpContext Http, RecordingBody Body, object? Result)> RunAsync(object? answer, string method = "GET")
    {
        var body = new RecordingBody();
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Method = method;
        http.Response.Body = body;
        var result = await new WholeBodyResults().InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult(answer));
        if (result is IResult executable)
        {
            await executable.ExecuteAsync(http);
        }
        return (http, body, result);
    }

    [Fact]
    public async Task A_value_is_written_once_with_its_length()
    {
        var (http, body, _) = await RunAsync(TypedResults.Ok(new { id = "t1", name = "整改 rectify", items = Enumerable.Range(0, 3000).ToArray() }));

        var text = Encoding.UTF8.GetString(body.ToArray());
        Assert.Equal(1, body.Writes);
        Assert.Equal(body.Length, http.Response.ContentLength);
        Assert.Equal("整改 rectify", JsonNode.Parse(text)!["name"]!.GetValue<string>());
        Assert.Equal(200, http.Response.StatusCode);
        Assert.StartsWith("application/json", http.Response.ContentType);
    }

    [Fact]
    public async Task A_large_answer_arrives_whole_with_its_length_in_one_write()
    {
        // Several hundred KB (the names are escaped): far past one network buffer or one pipe segment.
        var (http, body, _) = await RunAsync(TypedResults.Ok(new { items = Enumerable.Range(0, 20_000).Select(i => $"问题-{i}").ToArray() }));

        var items = JsonNode.Parse(Encoding.UTF8.GetString(body.ToArray()))!["items"]!.AsArray();
        Assert.True(body.Length > 100_000, $"{body.Length} bytes");
        Assert.Equal(1, body.Writes);
        Assert.Equal(body.Length, http.Response.ContentLength);
        Assert.Equal(20_000, items.Count);
        Assert.Equal("问题-19999", items[^1]!.GetValue<string>());
    }

    [Fact]
    public async Task A_union_of_results_keeps_its_status_and_headers()
    {
        Results<Ok<string>, Created<JsonObject>> created = TypedResults.Created("/api/instances/i1", new JsonObject { ["id"] = "i1" });

        var (http, body, _) = await RunAsync(created, "POST");

        Assert.Equal(1, body.Writes);
        Assert.Equal(201, http.Response.StatusCode);
        Assert.Equal("/api/instances/i1", http.Response.Headers.Location.ToString());
        Assert.Equal(body.Length, http.Response.ContentLength);
    }

    [Fact]
    public async Task Answers_without_a_value_and_files_pass_through_untouched()
    {
        var noContent = TypedResults.NoContent();
        var file = TypedResults.Stream(new MemoryStream([1, 2, 3]), "application/octet-stream");

        Assert.Same(noContent, (await RunAsync(noContent)).Result);
        Assert.Same(file, (await RunAsync(file)).Result);
        Assert.Equal("plain", (await RunAsync("plain")).Result);
    }

    [Fact]
    public async Task A_head_request_gets_the_length_without_the_body()
    {
        var (http, body, _) = await RunAsync(TypedResults.Ok(new { id = "t1" }), "HEAD");

        Assert.Equal(0, body.Length);
        Assert.True(http.Response.ContentLength > 0);
    }
}
