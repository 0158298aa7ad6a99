using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// Camunda's and Flowable's own JavaScript worker clients. Camunda's (camunda-external-task-client-js 3.1.0, tests/external-worker) against the
/// real server executable, configured with nothing but its base URL and a bearer-token interceptor: it completes a
/// task with typed variables and the instance moves on; a worker killed while holding a lock loses the task when the
/// lock runs out, another worker completes it, and nothing is done twice. Needs Node.js 20+ and npm (CI installs
/// them); without them the test is skipped, and fails under CI=true.
/// </summary>
public abstract class ExternalWorkerClientTests(TestDatabaseProvider provider) : IAsyncLifetime
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly string _run = Path.Combine(Path.GetTempPath(), $"wfh_worker_{Guid.NewGuid():N}");
    private TestDatabase? _database;
    private ServerNode? _server;
    private readonly List<HttpClient> _clients = [];

    [SkippableFact]
    public async Task Camundas_js_client_completes_a_task_and_a_worker_killed_holding_a_lock_loses_it_to_another()
    {
        var worker = await PrepareWorkerAsync();
        var (admin, workerUser) = await StartServerAsync("js-worker");
        var token = workerUser.DefaultRequestHeaders.Authorization!.Parameter!;
        var deployed = await admin.PostAsync("/api/definitions", new StringContent(Bpmn.Process("loan", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="check" camunda:type="external" camunda:topic="loan.check"/>
            <bpmn:userTask id="decide"/><bpmn:endEvent id="e"/>
            """ + Bpmn.Chain("f", "s", "check", "decide", "e")), Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);

        // 1. A worker completes a task with variables; the instance moves on.
        var first = await StartAsync(admin, new { amount = 1200, applicant = "张三" });
        var run = await RunWorkerAsync(worker, token, "js-1", "complete", lockMs: 20000);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("completed ", run.Output, StringComparison.Ordinal);
        var vars = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{first}"))!["variables"]!.AsObject();
        Assert.True(vars["approved"]!.GetValue<bool>());
        Assert.Equal("js-1", vars["checkedBy"]!.GetValue<string>());
        Assert.Equal(0.75, vars["score"]!.GetValue<double>());
        Assert.Equal("张三", vars["details"]!["applicant"]!.GetValue<string>());
        Assert.Equal(1200, vars["details"]!["amount"]!.GetValue<int>());
        await AssertAtDecideAsync(admin, first);

        // 2. A worker is killed while it holds a lock of two seconds; the next worker's long poll gets the task once the
        //    lock has run out (the server wakes it then), completes it, and the dead worker's late answer is refused.
        var second = await StartAsync(admin, new { amount = 50000, applicant = "李四" });
        var dead = await RunWorkerAsync(worker, token, "js-dies", "die", lockMs: 2000);
        Assert.NotEqual(0, dead.ExitCode);
        var lockedId = dead.Output.Split('\n').Single(l => l.StartsWith("locked ", StringComparison.Ordinal))["locked ".Length..].Trim();
        var rescue = await RunWorkerAsync(worker, token, "js-2", "complete", lockMs: 20000);
        Assert.True(rescue.ExitCode == 0, rescue.Output);
        Assert.Contains($"completed {lockedId}", rescue.Output, StringComparison.Ordinal);
        var late = await workerUser.PostAsJsonAsync($"/engine-rest/external-task/{lockedId}/complete", new { workerId = "js-dies" });
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);

        var history = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{second}/history?pageSize=200"))!["items"]!.AsArray();
        var external = history.Where(e => e!["type"]!.GetValue<string>().StartsWith("externalTask.", StringComparison.Ordinal))
            .Select(e => (Type: e!["type"]!.GetValue<string>(), Worker: e["data"]?["workerId"]?.GetValue<string>())).ToList();
        Assert.Equal(new (string, string?)[] { ("externalTask.created", null), ("externalTask.locked", "js-dies"), ("externalTask.locked", "js-2"), ("externalTask.completed", "js-2") }, external);
        Assert.Single(history, e => e!["type"]!.GetValue<string>() == "task.created");
        var secondVars = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{second}"))!["variables"]!.AsObject();
        Assert.False(secondVars["approved"]!.GetValue<bool>());
        Assert.Equal("js-2", secondVars["checkedBy"]!.GetValue<string>());
        await AssertAtDecideAsync(admin, second);
    }

    /// <summary>
    /// Flowable's own JavaScript client (@flowable-oss/external-worker-client 1.0.2) against /external-job-api: it acquires a
    /// flowable:type="external-worker" job with Flowable-typed variables and completes it with typed variables; a BPMN
    /// error goes to the error boundary event; a failure with no retries left raises an incident.
    /// </summary>
    [SkippableFact]
    public async Task Flowables_js_client_acquires_completes_throws_a_bpmn_error_and_fails_jobs()
    {
        var worker = await PrepareWorkerAsync();
        var (admin, workerUser) = await StartServerAsync("fl-worker");
        var token = workerUser.DefaultRequestHeaders.Authorization!.Parameter!;
        // As Flowable's modeler saves it: flowable:type="external-worker" and flowable:topic.
        var xml = Bpmn.Process("loan", """
            <bpmn:startEvent id="s"/>
            <bpmn:serviceTask id="check" flowable:type="external-worker" flowable:topic="loan.check"/>
            <bpmn:boundaryEvent id="rejected" attachedToRef="check"><bpmn:errorEventDefinition errorRef="REJECTED"/></bpmn:boundaryEvent>
            <bpmn:userTask id="decide"/><bpmn:userTask id="appeal"/><bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>
            <bpmn:sequenceFlow id="r1" sourceRef="rejected" targetRef="appeal"/><bpmn:sequenceFlow id="r2" sourceRef="appeal" targetRef="e2"/>
            """ + Bpmn.Chain("f", "s", "check", "decide", "e")).Replace("xmlns:camunda=", "xmlns:flowable=\"http://flowable.org/bpmn\" xmlns:camunda=", StringComparison.Ordinal);
        var deployed = await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);

        // 1. Acquire with Flowable's typed variables, complete with typed variables: the instance moves on.
        var first = await StartAsync(admin, new { amount = 1200, applicant = "张三", meta = new { area = "东阁" } });
        var run = await RunFlowableWorkerAsync(worker, token, "fl-1", "complete");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("complete 204", run.Output, StringComparison.Ordinal);
        var acquired = JsonNode.Parse(run.Output.Split('\n').Single(l => l.StartsWith("acquired ", StringComparison.Ordinal)).Split(' ', 3)[2])!.AsArray();
        var amount = acquired.Single(v => v!["name"]!.GetValue<string>() == "amount")!;
        Assert.Equal(("integer", 1200), (amount["type"]!.GetValue<string>(), amount["value"]!.GetValue<int>()));
        Assert.Equal("string", acquired.Single(v => v!["name"]!.GetValue<string>() == "applicant")!["type"]!.GetValue<string>());
        var meta = acquired.Single(v => v!["name"]!.GetValue<string>() == "meta")!;
        Assert.Equal(("json", "东阁"), (meta["type"]!.GetValue<string>(), meta["value"]!["area"]!.GetValue<string>()));
        var vars = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{first}"))!["variables"]!.AsObject();
        Assert.True(vars["approved"]!.GetValue<bool>());
        Assert.Equal("fl-1", vars["checkedBy"]!.GetValue<string>());
        Assert.Equal(0.75, vars["score"]!.GetValue<double>());
        Assert.Equal(1200, vars["details"]!["amount"]!.GetValue<int>());
        await AssertAtDecideAsync(admin, first);

        // 2. A BPMN error with a variable: the error boundary event takes the token to "appeal".
        var second = await StartAsync(admin, new { amount = 50000 });
        var error = await RunFlowableWorkerAsync(worker, token, "fl-2", "bpmnError");
        Assert.True(error.ExitCode == 0, error.Output);
        var secondDetail = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{second}"))!;
        Assert.Contains(secondDetail["activities"]!.AsArray(), a => a!["elementId"]!.GetValue<string>() == "appeal");
        Assert.Equal("blacklisted", secondDetail["variables"]!["reason"]!.GetValue<string>());

        // 3. A failure with no retries left: a failedExternalTask incident, and the job shows 0 retries and the message.
        var third = await StartAsync(admin, new { amount = 1 });
        var failed = await RunFlowableWorkerAsync(worker, token, "fl-3", "fail");
        Assert.True(failed.ExitCode == 0, failed.Output);
        var incident = (await admin.GetFromJsonAsync<JsonObject>($"/api/incidents?instanceId={third}"))!["items"]!.AsArray().Single()!;
        Assert.Equal("failedExternalTask", incident["kind"]!.GetValue<string>());
        var jobs = (await workerUser.GetFromJsonAsync<JsonObject>($"/external-job-api/jobs?processInstanceId={third}"))!;
        var job = Assert.Single(jobs["data"]!.AsArray())!;
        Assert.Equal((0, "credit bureau down", "check"), (job["retries"]!.GetValue<int>(), job["exceptionMessage"]!.GetValue<string>(), job["elementId"]!.GetValue<string>()));

        // cmmnTerminate is refused (WorkflowHub runs no CMMN); an unknown job is Flowable's 404.
        var terminate = await workerUser.PostAsJsonAsync($"/external-job-api/acquire/jobs/{job["id"]}/cmmnTerminate", new { workerId = "fl-3" });
        Assert.Equal(HttpStatusCode.BadRequest, terminate.StatusCode);
        Assert.Contains("CMMN", (await terminate.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await workerUser.PostAsJsonAsync("/external-job-api/acquire/jobs/nope/complete", new { workerId = "fl-3" })).StatusCode);
    }

    private Task<(int ExitCode, string Output)> RunFlowableWorkerAsync(string folder, string token, string workerId, string mode) =>
        RunScriptAsync("flowable-worker.mjs", folder, token, workerId, mode, lockMs: null);

    /// <summary>Starts the server executable on a fresh database; the administrator and a new Worker user, signed in (disposed with the test).</summary>
    private async Task<(HttpClient Admin, HttpClient Worker)> StartServerAsync(string workerName)
    {
        _database = await TestDatabase.CreateAsync(provider);
        Directory.CreateDirectory(_run);
        _server = new ServerNode("hub", provider == TestDatabaseProvider.Postgres, _database.ConnectionString, _run);
        _server.Start();
        await _server.WaitHealthyAsync(TimeSpan.FromMinutes(4));

        var admin = Keep(await SignInAsync("admin", ServerNode.AdminPassword));
        var created = await admin.PostAsJsonAsync("/api/users", new { userName = workerName, password = "Worker-Password-42!", roles = new[] { "Worker" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (admin, Keep(await SignInAsync(workerName, "Worker-Password-42!")));
    }

    private HttpClient Keep(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    private HttpClient Client() => new() { BaseAddress = _server!.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private async Task<HttpClient> SignInAsync(string user, string password)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/identity/login", new { userName = user, password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> StartAsync(HttpClient admin, object variables)
    {
        var response = await admin.PostAsJsonAsync("/api/processes/loan/start", new { variables });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task AssertAtDecideAsync(HttpClient admin, string instance)
    {
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}"))!;
        Assert.Contains(detail["activities"]!.AsArray(), a => a!["elementId"]!.GetValue<string>() == "decide");
    }

    private Task<(int ExitCode, string Output)> RunWorkerAsync(string folder, string token, string workerId, string mode, int lockMs) =>
        RunScriptAsync("worker.mjs", folder, token, workerId, mode, lockMs);

    /// <summary>Runs one of the worker scripts with Node.js against this test's server, on topic loan.check.</summary>
    private async Task<(int ExitCode, string Output)> RunScriptAsync(string script, string folder, string token, string workerId, string mode, int? lockMs)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HUB_URL"] = _server!.BaseAddress.ToString().TrimEnd('/');
        start.Environment["HUB_TOKEN"] = token;
        start.Environment["TOPIC"] = "loan.check";
        start.Environment["WORKER_ID"] = workerId;
        start.Environment["MODE"] = mode;
        if (lockMs is { } ms)
        {
            start.Environment["LOCK_MS"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await RunAsync(start, TimeSpan.FromMinutes(1));
    }

    /// <summary>The worker folder with its locked dependencies installed (npm ci --ignore-scripts, once per test run).</summary>
    private static async Task<string> PrepareWorkerAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "external-worker");
        if (!CanRun("node") || !CanRun("npm"))
        {
            if (TestPostgres.IsCi)
            {
                Assert.Fail("CI=true requires Node.js and npm for Camunda's JavaScript worker client.");
            }
            throw new SkipException("Node.js or npm is not on PATH; Camunda's JavaScript worker client cannot run.");
        }
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "camunda-external-task-client-js", "package.json"))
                || !File.Exists(Path.Combine(folder, "node_modules", "@flowable-oss", "external-worker-client", "package.json")))
            {
                var npm = new ProcessStartInfo("npm", "ci --ignore-scripts --no-audit --no-fund")
                {
                    WorkingDirectory = folder,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                var (code, output) = await RunAsync(npm, TimeSpan.FromMinutes(5));
                Assert.True(code == 0, $"npm ci failed in {folder}:\n{output}");
            }
        }
        finally
        {
            Install.Release();
        }
        return folder;
    }

    private static bool CanRun(string tool)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            probe!.WaitForExit(30_000);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs a child process to its end (bounded: killed and failed past <paramref name="within"/>).</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan within)
    {
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                Assert.Fail($"{start.FileName} {start.Arguments} did not finish within {within}:\n{output}");
            }
        }
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (WorkflowHub.sln) was not found above the test's folder.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (Directory.Exists(_run))
        {
            Directory.Delete(_run, recursive: true);
        }
    }
}

public sealed class ExternalWorkerClientTests_Sqlite() : ExternalWorkerClientTests(TestDatabaseProvider.Sqlite);

public sealed class ExternalWorkerClientTests_Postgres() : ExternalWorkerClientTests(TestDatabaseProvider.Postgres);
