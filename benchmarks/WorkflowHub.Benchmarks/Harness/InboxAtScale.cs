using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// Scenario 6: the inbox (GET /api/tasks) over 100,000 open tasks (times --scale) offered to 300 groups (an area
/// group and a sector group each), for a staff member in 3 groups and for a supervisor who sees all; p50/p95 over
/// 200 requests each. The open tasks are written straight into the run's SQLite database (the rows the engine
/// would have written); the closed instances and their history are not generated, since the inbox never reads them.
/// </summary>
internal static class InboxAtScale
{
    private const int Groups = 300;
    private const int Requests = 200;

    public static async Task<bool> RunAsync(HarnessOptions options)
    {
        const string name = "inbox";
        var tasks = options.Count(100_000);
        Console.WriteLine($"{name}: {tasks} open tasks over {Groups} groups; {Requests} inbox requests per user");
        await using var cluster = await Cluster.StartAsync(options, name, postgres: false, nodes: 1);
        var admin = await HubApi.AdminAsync(cluster.Nodes[0].BaseAddress);
        for (var g = 0; g < Groups; g++)
        {
            (await admin.PostAsJsonAsync("/api/groups", new { id = $"g{g}", name = $"网格 {g}", kind = g % 2 == 0 ? "Area" : "Sector" })).EnsureSuccessStatusCode();
        }
        var staff = await UserAsync(admin, cluster, "staff1", "Staff", ["g1", "g2", "g3"]);
        var supervisor = await UserAsync(admin, cluster, "super1", "Supervisor", []);

        var fill = Stopwatch.StartNew();
        await using (var connection = await cluster.Database.OpenAsync())
        {
            await FillAsync(connection, tasks);
        }
        Console.WriteLine($"  wrote {tasks} tasks in {fill.Elapsed.TotalSeconds:0.0} s");

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

    /// <summary>The rows a user task writes: the task and its two candidate groups, an area and a sector group.</summary>
    private static async Task FillAsync(DbConnection connection, int count)
    {
        var random = new Random(7);
        var created = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        const int Batch = 5_000;
        for (var start = 0; start < count; start += Batch)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var task = connection.CreateCommand();
            task.Transaction = tx;
            task.CommandText = "INSERT INTO wf_tasks (id, instance_id, token_id, element_id, name, process_key, business_key, priority, created_at, candidate_groups) VALUES ($id, $i, 't', 'handle', '处置', 'grid', $bk, 50, $at, $groups)";
            await using var candidate = connection.CreateCommand();
            candidate.Transaction = tx;
            candidate.CommandText = "INSERT INTO wf_task_candidates (task_id, kind, value) VALUES ($id, 1, $g)";
            foreach (var p in new[] { "$id", "$i", "$bk", "$at", "$groups" })
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
