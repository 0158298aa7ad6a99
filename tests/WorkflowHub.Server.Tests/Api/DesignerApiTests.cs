using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Server.Tests.Support;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>The designer's server side: flow drafts (last save wins with a warning, presence) and versioned task forms.</summary>
public abstract class DesignerApiTests(ApiServer server)
{
    [SkippableFact]
    public async Task A_draft_is_saved_read_listed_and_discarded_and_a_save_over_someone_else_names_them()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var (other, otherName, _) = await app.UserAsync(admin, "admin2", ["Administrator"]);
        var xml = GroupTask("drafted", "g1");

        var first = await ExpectAsync(await admin.PutAsJsonAsync("/api/drafts/drafted", new { xml, name = "草稿流程", basedOnVersion = (int?)null, baseRevision = (int?)null }), HttpStatusCode.OK);
        Assert.Equal(1, first["draft"]!["revision"]!.GetValue<int>());
        Assert.Null(first["overwritten"]);

        // The other administrator saves over revision 1 knowingly: no warning. The first then saves from revision 1 again.
        var second = await ExpectAsync(await other.PutAsJsonAsync("/api/drafts/drafted", new { xml = xml.Replace("g1", "g2", StringComparison.Ordinal), baseRevision = 1 }), HttpStatusCode.OK);
        Assert.Null(second["overwritten"]);
        var third = await ExpectAsync(await admin.PutAsJsonAsync("/api/drafts/drafted", new { xml, baseRevision = 1 }), HttpStatusCode.OK);
        Assert.Equal(otherName, third["overwritten"]!["by"]!.GetValue<string>());
        Assert.Equal(2, third["overwritten"]!["revision"]!.GetValue<int>());

        var draft = await admin.GetFromJsonAsync<JsonObject>("/api/drafts/drafted");
        Assert.Equal(3, draft!["revision"]!.GetValue<int>());
        Assert.Contains("candidateGroups=\"g1\"", draft["xml"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("草稿流程", draft["name"]!.GetValue<string>());

        var editing = await ExpectAsync(await other.PostAsync("/api/drafts/drafted/editing", null), HttpStatusCode.OK);
        var editors = await admin.GetItemsAsync("/api/drafts");
        Assert.Contains(otherName, editors!.Single(d => d!["key"]!.GetValue<string>() == "drafted")!["editors"]!.AsArray().Select(e => e!["userName"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/drafts/drafted")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/drafts/drafted")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/drafts/drafted")).StatusCode);
        _ = editing;
    }

    [SkippableFact]
    public async Task A_draft_must_be_XML_without_a_DTD_and_only_administrators_touch_drafts()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var problem = await ExpectFieldErrorAsync(await admin.PutAsJsonAsync("/api/drafts/bad", new { xml = "<definitions>\n<oops" }), "xml");
        Assert.Contains("Line 2", problem["errors"]!["xml"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync("/api/drafts/bad", new { xml = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>" }), "xml");
        await ExpectFieldErrorAsync(await admin.PutAsJsonAsync("/api/drafts/bad", new { xml = "" }), "xml");

        var (staff, _, _) = await app.UserAsync(admin, "staff", ["Staff"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/drafts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync("/api/drafts/x", new { xml = "<x/>" })).StatusCode);
    }

    [SkippableFact]
    public async Task A_form_gets_a_new_version_only_when_it_changes_and_everyone_reads_it()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var schema = new JsonObject { ["type"] = "default", ["components"] = new JsonArray(new JsonObject { ["type"] = "textfield", ["key"] = "comment", ["label"] = "处理意见" }) };
        var v1 = await ExpectAsync(await admin.PostAsJsonAsync("/api/forms", new { key = "test-verify", name = "核查表", schema }), HttpStatusCode.OK);
        Assert.Equal(1, v1["version"]!.GetValue<int>());
        var same = await ExpectAsync(await admin.PostAsJsonAsync("/api/forms", new { key = "test-verify", name = "核查表", schema }), HttpStatusCode.OK);
        Assert.Equal(1, same["version"]!.GetValue<int>());
        schema["components"]!.AsArray().Add(new JsonObject { ["type"] = "checkbox", ["key"] = "fixed", ["label"] = "已整改" });
        var v2 = await ExpectAsync(await admin.PostAsJsonAsync("/api/forms", new { key = "test-verify", name = "核查表", schema }), HttpStatusCode.OK);
        Assert.Equal(2, v2["version"]!.GetValue<int>());

        var (staff, _, _) = await app.UserAsync(admin, "staff", ["Staff"]);
        var latest = await staff.GetFromJsonAsync<JsonObject>("/api/forms/test-verify");
        Assert.Equal(2, latest!["schema"]!["components"]!.AsArray().Count);
        var first = await staff.GetFromJsonAsync<JsonObject>("/api/forms/test-verify?version=1");
        Assert.Single(first!["schema"]!["components"]!.AsArray());
        Assert.Equal(2, (await staff.GetItemsAsync("/api/forms/test-verify/versions"))!.Count);
        Assert.Contains((await staff.GetItemsAsync("/api/forms"))!, f => f!["key"]!.GetValue<string>() == "test-verify" && f["version"]!.GetValue<int>() == 2);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/forms", new { key = "x1", schema })).StatusCode);

        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/forms", new { key = "1bad key", schema }), "key");
        await ExpectFieldErrorAsync(await admin.PostAsJsonAsync("/api/forms", new { key = "nocomponents", schema = new JsonObject() }), "schema");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/forms/nothing")).StatusCode);
    }

    [SkippableFact]
    public async Task Shipped_forms_from_workflows_forms_are_loaded_on_start()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        var forms = await admin.GetItemsAsync("/api/forms");
        var shipped = Directory.GetFiles(Path.Combine(WorkflowHub.Server.Hosting.HubPaths.Discover(AppContext.BaseDirectory).Root, "workflows", "forms"), "*.form");
        Assert.NotEmpty(shipped);
        foreach (var file in shipped)
        {
            var key = JsonNode.Parse(File.ReadAllText(file))!["id"]!.GetValue<string>();
            Assert.Contains(forms!, f => f!["key"]!.GetValue<string>() == key && f["source"]!.GetValue<string>() == "shipped");
        }
    }
}

public sealed class DesignerApiTests_Sqlite(SqliteApiServer server) : DesignerApiTests(server), IClassFixture<SqliteApiServer>;

public sealed class DesignerApiTests_Postgres(PostgresApiServer server) : DesignerApiTests(server), IClassFixture<PostgresApiServer>;
