using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// "Who edits what" in the designer is kept in the database: two nodes on one database agree on it, a heartbeat keeps
/// an editor, silence past the timeout or closing the designer removes them.
/// </summary>
public abstract class DesignerPresenceTests(TestDatabaseProvider provider) : IDisposable
{
    private readonly TestNodes _nodes = new();

    public void Dispose()
    {
        _nodes.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Two_nodes_on_one_database_see_the_same_editors_until_they_time_out_or_leave()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var factoryA = _nodes.Node(database);
        await using var nodeA = _nodes.WithWallClock(factoryA);
        var adminA = await nodeA.AdminAsync();
        var (otherA, other, _) = await nodeA.UserAsync(adminA, "admin2", ["Administrator"]);
        await using var factoryB = _nodes.Node(database);
        await using var nodeB = _nodes.WithWallClock(factoryB);
        var otherB = await nodeB.LoginAsync(other, UserPassword);
        var adminB = await nodeB.AdminAsync();
        _ = otherA;

        // The admin opens the flow on node A; the other administrator, on node B, sees them and is seen.
        Assert.Equal(["admin"], Editors(await ExpectArrayAsync(await adminA.PostAsync("/api/drafts/presence-flow/editing", null))));
        _nodes.Wall.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["admin", other], Editors(await ExpectArrayAsync(await otherB.PostAsync("/api/drafts/presence-flow/editing", null))));
        await ExpectAsync(await adminB.PutAsJsonAsync("/api/drafts/presence-flow", new { xml = GroupTask("presence-flow", "g1") }), HttpStatusCode.OK);
        var listedOnA = (await adminA.GetFromJsonAsync<JsonObject>("/api/drafts"))!["items"]!.AsArray();
        Assert.Equal(["admin", other], Editors(listedOnA!.Single(d => d!["key"]!.GetValue<string>() == "presence-flow")!["editors"]!.AsArray()));

        // The admin keeps sending heartbeats; the other goes quiet for longer than the timeout and disappears on both nodes.
        _nodes.Wall.Advance(TimeSpan.FromMinutes(2));
        await ExpectAsync(await adminA.PostAsync("/api/drafts/presence-flow/editing", null), HttpStatusCode.OK);
        _nodes.Wall.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(["admin"], Editors(await ExpectArrayAsync(await adminB.PostAsync("/api/drafts/presence-flow/editing", null))));
        Assert.Equal(["admin"], Editors((await adminA.GetFromJsonAsync<JsonObject>("/api/drafts/presence-flow"))!["editors"]!.AsArray()));

        // Closing the designer on node B removes the admin at once, for node A too.
        Assert.Equal(HttpStatusCode.NoContent, (await adminB.DeleteAsync("/api/drafts/presence-flow/editing")).StatusCode);
        Assert.Empty((await adminA.GetFromJsonAsync<JsonObject>("/api/drafts/presence-flow"))!["editors"]!.AsArray());
    }


    private static async Task<JsonArray> ExpectArrayAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private static string[] Editors(JsonArray editors) => editors.Select(e => e!["userName"]!.GetValue<string>()).ToArray();
}

public sealed class DesignerPresenceTests_Sqlite() : DesignerPresenceTests(TestDatabaseProvider.Sqlite);

public sealed class DesignerPresenceTests_Postgres() : DesignerPresenceTests(TestDatabaseProvider.Postgres);
