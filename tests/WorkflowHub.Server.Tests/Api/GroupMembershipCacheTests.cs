using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Tests.Support;
using WorkflowHub.Testing;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// A node remembers a user's groups for a few seconds (<see cref="GroupMembershipCache"/>): a membership removed on
/// the node must take the group's tasks away from the next request, whichever endpoint removed it; a change the node
/// did not make itself (another node's) is seen once the remembered groups expire. The wall clock stands still, so
/// nothing here expires unless the test moves it.
/// </summary>
public abstract class GroupMembershipCacheTests(GroupMembershipCacheTests.Server server)
{
    public abstract class Server(TestDatabaseProvider provider) : ApiServer(provider)
    {
        public FakeTimeProvider Wall { get; } = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

        protected override void AddServices(IServiceCollection services) =>
            services.AddKeyedSingleton<TimeProvider>(WebhookReceiver.WallClockKey, Wall);
    }

    public sealed class SqliteServer() : Server(TestDatabaseProvider.Sqlite);

    public sealed class PostgresServer() : Server(TestDatabaseProvider.Postgres);

    [SkippableFact]
    public async Task A_member_removed_from_the_group_no_longer_sees_its_task_at_the_next_request()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("cachefix", "area-cache"));
        await StartAsync(admin, "cachefix");
        var (staff, _, _) = await app.UserAsync(admin, "cached", ["Staff"], "area-cache");
        var task = Assert.Single(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=cachefix"), HttpStatusCode.OK)));
        var taskId = task!["id"]!.GetValue<string>();
        await ExpectAsync(await staff.GetAsync($"/api/tasks/{taskId}"), HttpStatusCode.OK);

        // The group's members without the user (the groups endpoint).
        await ExpectAsync(await admin.PutAsJsonAsync("/api/groups/area-cache/members", new { userIds = Array.Empty<string>() }), HttpStatusCode.OK);

        Assert.Empty(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=cachefix"), HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { })).StatusCode);
    }

    [SkippableFact]
    public async Task Groups_taken_away_in_the_user_editor_apply_at_the_next_request()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("cacheedit", "area-edit"));
        await StartAsync(admin, "cacheedit");
        var (staff, _, id) = await app.UserAsync(admin, "edited", ["Staff"], "area-edit");
        Assert.Single(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=cacheedit"), HttpStatusCode.OK)));

        await ExpectAsync(await admin.PutAsJsonAsync($"/api/users/{id}", new { groups = Array.Empty<string>() }), HttpStatusCode.OK);

        Assert.Empty(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=cacheedit"), HttpStatusCode.OK)));
    }

    [SkippableFact]
    public async Task A_change_this_node_did_not_save_is_seen_once_the_remembered_groups_expire()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, GroupTask("cacheother", "area-other"));
        await StartAsync(admin, "cacheother");
        var (staff, _, id) = await app.UserAsync(admin, "other", ["Staff"], "area-other");
        Assert.Single(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=cacheother"), HttpStatusCode.OK)));

        // As another node would: straight in the database, past this node's saves.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            await db.Set<HubGroupMember>().Where(m => m.UserId == id).ExecuteDeleteAsync();
        }
        Assert.Single(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=cacheother"), HttpStatusCode.OK)));

        server.Wall.Advance(GroupMembershipCache.Lifetime);
        Assert.Empty(Items(await ExpectAsync(await staff.GetAsync("/api/tasks?processKey=cacheother"), HttpStatusCode.OK)));
    }
}

public sealed class GroupMembershipCacheTests_Sqlite(GroupMembershipCacheTests.SqliteServer server)
    : GroupMembershipCacheTests(server), IClassFixture<GroupMembershipCacheTests.SqliteServer>;

public sealed class GroupMembershipCacheTests_Postgres(GroupMembershipCacheTests.PostgresServer server)
    : GroupMembershipCacheTests(server), IClassFixture<GroupMembershipCacheTests.PostgresServer>;
