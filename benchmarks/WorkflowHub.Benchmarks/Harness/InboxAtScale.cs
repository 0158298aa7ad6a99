using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 6: the inbox (GET /api/tasks) in a database of 1,000,000 instances with their history, 100,000 of them
/// running with an open task (times --scale) offered to 300 groups (an area group and a sector group each), for a
/// staff member in 3 groups and for a supervisor who sees all; p50/p95 over 200 requests each. The rows are written
/// straight into the run's SQLite database (the rows the engine would have written: instance, history row of its
/// steps, task and candidates), so the tables and the file have the size a city reaches after a few years.
/// </summary>
internal static class InboxAtScale
{
    private const int Groups = 300;
    private const int Requests = 200;

    public static async Task<bool> RunAsync(HarnessOptions options)
    {
        const string name = "inbox";
        var tasks = options.Count(100_000);
        var instances = options.Count(1_000_000);
        Console.WriteLine($"{name}: {instances} instances with history, {tasks} of them with an open task over {Groups} groups; {Requests} inbox requests per user");
        await using var cluster = await Cluster.StartAsync(options, name, postgres: false, nodes: 1);
        var admin = await HubApi.AdminAsync(cluster.Nodes[0].BaseAddress);
        for (var g = 0; g < Groups; g++)
        {
            (await admin.PostAsJsonAsync("/api/groups", new { id = $"g{g}", name = $"网格 {g}", kind = g % 2 == 0 ? "Area" : "Sector" })).EnsureSuccessStatusCode();
        }
        var staff = await UserAsync(admin, cluster, "staff1", "Staff", ["g1", "g2", "g3"]);
        var supervisor = await UserAsync(admin, cluster, "super1", "Supervisor", []);

        // Two instances through the API give the rows' real definition id and instance states (running, completed).
        await HubApi.DeployAsync(admin, GridFlow);
        var running = await StartGridAsync(admin, "template-running");
        var completed = await StartGridAsync(admin, "template-completed");
        var templateTask = (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/tasks?businessKey=template-completed"))!["items"]![0]!["id"]!.GetValue<string>();
        (await admin.PostAsJsonAsync($"/api/tasks/{templateTask}/complete", new { })).EnsureSuccessStatusCode();
        var template = new Template(
            await StringAsync(cluster, $"SELECT definition_id FROM wf_instances WHERE id = '{running}'"),
            await StringAsync(cluster, $"SELECT state FROM wf_instances WHERE id = '{running}'"),
            await StringAsync(cluster, $"SELECT state FROM wf_instances WHERE id = '{completed}'"),
            await StringAsync(cluster, $"SELECT token_id FROM wf_tasks WHERE instance_id = '{running}'"));

        var fill = Stopwatch.StartNew();
        await using (var connection = await cluster.Database.OpenAsync())
        {
            await FillInstancesAsync(connection, instances, tasks, template);
            await FillAsync(connection, tasks, template.TokenId);
        }
        Console.WriteLine($"  wrote {instances} instances with history and {tasks} tasks in {fill.Elapsed.TotalSeconds:0.0} s; file {new FileInfo(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cluster.Database.ConnectionString).DataSource).Length / 1_048_576} MB");

        var staffFigures = await MeasureAsync(staff);
        var supervisorFigures = await MeasureAsync(supervisor);
        Console.WriteLine($"  staff in 3 of {Groups} groups: {Figures.Describe(staffFigures)}");
        Console.WriteLine($"  supervisor (sees all):        {Figures.Describe(supervisorFigures)}");
        var p95 = Math.Max(Figures.Percentile(staffFigures, 95), Figures.Percentile(supervisorFigures, 95));
        return Figures.Verdict(name, p95 < 0.050, "p95 < 50 ms for both", $"staff p95 {Figures.Ms(Figures.Percentile(staffFigures, 95))}, supervisor p95 {Figures.Ms(Figures.Percentile(supervisorFigures, 95))}");
    }

    private static async Task<HttpClient> UserAsync(HttpClient admin, Cluster cluster, string user, string role, string[] groups)
    {
        const string password = "Harness-User-Pw-1!";
        var created = await admin.PostAsJsonAsync("/api/users", new { userName = user, password, roles = new[] { role } });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
        foreach (var group in groups)
        {
            (await admin.PutAsJsonAsync($"/api/groups/{group}/members", new { userIds = new[] { id } })).EnsureSuccessStatusCode();
        }
        var client = HubApi.Anonymous(cluster.Nodes[0].BaseAddress);
        var login = await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = user, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client)
    {
        for (var i = 0; i < 10; i++)
        {
            (await client.GetAsync("/api/tasks")).EnsureSuccessStatusCode();
        }
        var seconds = new List<double>(Requests);
        for (var i = 0; i < Requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync($"/api/tasks?page={1 + i % 3}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        return seconds;
    }

    /// <summary>
    /// Instances inst-0000000...: the first <paramref name="running"/> are running (their tasks follow), the others
    /// completed; each with the history rows its steps wrote (start, and for completed ones the completion).
    /// </summary>
    private static async Task FillInstancesAsync(DbConnection connection, int count, int running, Template template)
    {
        var started = DateTimeOffset.UtcNow.AddDays(-365).ToUnixTimeMilliseconds();
        const int Batch = 10_000;
        const string StartEvents = """[{"type":"instance.started","elementId":"s"},{"type":"activity.started","elementId":"handle"},{"type":"task.created","elementId":"handle"}]""";
        const string EndEvents = """[{"type":"task.completed","elementId":"handle","actor":"staff1"},{"type":"activity.completed","elementId":"handle"},{"type":"instance.completed","elementId":"e"}]""";
        long history;
        await using (var max = connection.CreateCommand())
        {
            max.CommandText = "SELECT COALESCE(MAX(id), 0) FROM wf_history";
            history = Convert.ToInt64(await max.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        for (var start = 0; start < count; start += Batch)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var instance = Command(connection, tx,
                "INSERT INTO wf_instances (id, definition_id, process_key, process_version, business_key, status, state, revision, started_at, ended_at, started_by) VALUES ($id, $def, 'grid', 1, $bk, $status, $state, 1, $at, $end, 'webhook:hotline')",
                "$id", "$def", "$bk", "$status", "$state", "$at", "$end");
            instance.Parameters["$def"].Value = template.DefinitionId;
            await using var row = Command(connection, tx,
                "INSERT INTO wf_history (id, instance_id, process_key, timestamp, events, actor, event_count) VALUES ($hid, $id, 'grid', $at, $events, NULL, 3)",
                "$hid", "$id", "$at", "$events");
            for (var n = start; n < Math.Min(count, start + Batch); n++)
            {
                var id = $"inst-{n:D7}";
                var at = started + n * 30_000L;
                var open = n < running;
                instance.Parameters["$id"].Value = id;
                instance.Parameters["$bk"].Value = $"12345-{n:D7}";
                instance.Parameters["$status"].Value = open ? 0 : 1;
                instance.Parameters["$state"].Value = open ? template.RunningState : template.CompletedState;
                instance.Parameters["$at"].Value = at;
                instance.Parameters["$end"].Value = open ? DBNull.Value : at + 86_400_000L;
                await instance.ExecuteNonQueryAsync();
                row.Parameters["$hid"].Value = ++history;
                row.Parameters["$id"].Value = id;
                row.Parameters["$at"].Value = at;
                row.Parameters["$events"].Value = StartEvents;
                await row.ExecuteNonQueryAsync();
                if (!open)
                {
                    row.Parameters["$hid"].Value = ++history;
                    row.Parameters["$at"].Value = at + 86_400_000L;
                    row.Parameters["$events"].Value = EndEvents;
                    await row.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }
    }

    private sealed record Template(string DefinitionId, string RunningState, string CompletedState, string TokenId);

    /// <summary>The flow whose rows the scenario writes: start → 处置 (offered to the instance's groups) → end.</summary>
    private const string GridFlow = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://workflowhub/harness">
          <bpmn:process id="grid" name="网格问题处置" isExecutable="true">
            <bpmn:startEvent id="s"/><bpmn:userTask id="handle" name="处置" camunda:candidateGroups="g0,g1"/><bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="handle"/><bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static async Task<string> StartGridAsync(HttpClient admin, string businessKey)
    {
        var response = await admin.PostAsJsonAsync("/api/processes/grid/start", new { businessKey });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<string> StringAsync(Cluster cluster, string sql) =>
        (await cluster.Database.QueryAsync(sql, r => r.GetString(0))).Single();

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>The rows a user task writes: the task and its two candidate groups, an area and a sector group.</summary>
    private static async Task FillAsync(DbConnection connection, int count, string tokenId)
    {
        var random = new Random(7);
        var created = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        const int Batch = 5_000;
        for (var start = 0; start < count; start += Batch)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var task = connection.CreateCommand();
            task.Transaction = tx;
            task.CommandText = "INSERT INTO wf_tasks (id, instance_id, token_id, element_id, name, process_key, business_key, priority, created_at, candidate_groups) VALUES ($id, $i, $token, 'handle', '处置', 'grid', $bk, 50, $at, $groups)";
            await using var candidate = connection.CreateCommand();
            candidate.Transaction = tx;
            candidate.CommandText = "INSERT INTO wf_task_candidates (task_id, kind, value) VALUES ($id, 1, $g)";
            foreach (var p in new[] { "$id", "$i", "$token", "$bk", "$at", "$groups" })
            {
                var parameter = task.CreateParameter();
                parameter.ParameterName = p;
                task.Parameters.Add(parameter);
            }
            foreach (var p in new[] { "$id", "$g" })
            {
                var parameter = candidate.CreateParameter();
                parameter.ParameterName = p;
                candidate.Parameters.Add(parameter);
            }
            for (var n = start; n < Math.Min(count, start + Batch); n++)
            {
                var area = random.Next(Groups / 2) * 2;
                var sector = random.Next(Groups / 2) * 2 + 1;
                var id = $"task-{n:D7}";
                task.Parameters["$id"].Value = id;
                task.Parameters["$i"].Value = $"inst-{n:D7}";
                task.Parameters["$token"].Value = tokenId;
                task.Parameters["$bk"].Value = $"12345-{n:D7}";
                task.Parameters["$at"].Value = created + n * 1000L;
                task.Parameters["$groups"].Value = $"g{area},g{sector}";
                await task.ExecuteNonQueryAsync();
                foreach (var g in new[] { area, sector })
                {
                    candidate.Parameters["$id"].Value = id;
                    candidate.Parameters["$g"].Value = $"g{g}";
                    await candidate.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }
    }
}
