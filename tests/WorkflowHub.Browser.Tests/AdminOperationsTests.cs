using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>Administration of what runs: webhooks with a test delivery, bulk retry of incidents, definitions with start by hand.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminOperationsTests(ConsoleBrowser browser)
{
    private static string MessageFlow(string key, string message) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_{{key}}" targetNamespace="http://t">
          <bpmn:message id="m" name="{{message}}"/>
          <bpmn:process id="{{key}}" name="热线受理" isExecutable="true">
            <bpmn:startEvent id="in"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>
            <bpmn:userTask id="register" name="登记" camunda:candidateGroups="Dispatcher"/>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="in" targetRef="register"/><bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="e"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [SkippableFact]
    public async Task An_administrator_registers_a_webhook_sends_a_test_delivery_and_finds_it_in_the_log()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var processKey = "hotline" + suffix;
        await FlowApi.DeployAsync(admin, MessageFlow(processKey, "Hotline" + suffix));
        var hook = "hotline-" + suffix;

        await ConsoleSteps.SignInAsAdminAsync(page, "/admin/webhooks");
        await page.GetByTestId("webhook-register").ClickAsync();
        await page.GetByTestId("webhook-field-key").FillAsync(hook);
        await page.GetByTestId("webhook-field-message").FillAsync("NoSuchMessage" + suffix);
        await page.GetByTestId("webhook-field-businessKey").FillAsync("/ticket/id");
        await page.GetByTestId("webhook-save").ClickAsync();
        // The server refuses a message no flow receives, at its field.
        await Expect(page.GetByTestId("webhook-form").Locator(".el-form-item__error")).ToContainTextAsync("NoSuchMessage" + suffix);
        await page.GetByTestId("webhook-field-message").FillAsync("Hotline" + suffix);
        await page.GetByTestId("webhook-field-rate").Locator("input").FillAsync("120");
        await page.GetByTestId("webhook-save").ClickAsync();
        var secret = await page.GetByTestId("secret-value").InputValueAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "77-admin-webhook-secret-once");
        await page.GetByTestId("secret-close").ClickAsync();

        var registered = (await admin.GetFromJsonAsync<JsonObject>("/api/webhooks?pageSize=200"))!["items"]!.AsArray().Single(h => h!["key"]!.GetValue<string>() == hook)!;
        Assert.Equal(120, registered["rateLimitPerMinute"]!.GetValue<int>());
        Assert.DoesNotContain(secret, registered.ToJsonString(), StringComparison.Ordinal);

        await page.GetByTestId($"webhook-test-{hook}").ClickAsync();
        // The sample payload carries a business key where the webhook reads it.
        await Expect(page.GetByTestId("webhook-test-payload")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"ticket\""));
        await page.GetByTestId("webhook-test-payload").FillAsync($$$"""{"ticket": {"id": "T-{{{suffix}}}", "内容": "路灯不亮"}}""");
        await page.GetByTestId("webhook-test-send").ClickAsync();
        await Expect(page.GetByTestId("webhook-test-result")).ToContainTextAsync("202");
        await Expect(page.GetByTestId("webhook-test-result")).ToContainTextAsync("T-" + suffix);
        await page.Keyboard.PressAsync("Escape");
        var row = AdminSteps.Row(page, "webhook-deliveries", "T-" + suffix);
        await Expect(row).ToContainTextAsync("202");
        await Expect(row).ToContainTextAsync("测试");
        await row.Locator(".el-table__expand-icon").ClickAsync();
        await Expect(page.GetByTestId("delivery-payload").First).ToContainTextAsync("路灯不亮");
        await ConsoleBrowser.ScreenshotAsync(page, "78-admin-webhook-deliveries");

        var log = (await admin.GetFromJsonAsync<JsonObject>($"/api/webhooks/{hook}/deliveries"))!["items"]!.AsArray();
        var delivery = Assert.Single(log)!;
        Assert.True(delivery["test"]!.GetValue<bool>());
        Assert.Equal(202, delivery["status"]!.GetValue<int>());
        var instance = await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{delivery["instanceId"]!.GetValue<string>()}");
        Assert.Equal(processKey, instance!["summary"]!["processKey"]!.GetValue<string>());

        // Rotating shows a new secret once; the test delivery still signs with the stored one.
        await page.GetByTestId($"webhook-rotate-{hook}").ClickAsync();
        await AdminSteps.ConfirmAsync(page);
        var rotated = await page.GetByTestId("secret-value").InputValueAsync();
        Assert.NotEqual(secret, rotated);
        await page.GetByTestId("secret-close").ClickAsync();
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Bulk_retry_of_selected_incidents_moves_the_fixed_instances_on()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var key = "bulk" + Guid.NewGuid().ToString("N")[..6];
        var xml = $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_{{key}}" targetNamespace="http://t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s"/><bpmn:userTask id="fix" name="整改" camunda:assignee="${owner}"/><bpmn:endEvent id="e"/>
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fix"/><bpmn:sequenceFlow id="f2" sourceRef="fix" targetRef="e"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
        (await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var instances = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var started = await admin.PostAsJsonAsync($"/api/processes/{key}/start", new { businessKey = $"BULK-{key}-{i}" });
            started.EnsureSuccessStatusCode();
            var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            instances.Add(instance);
            // The cause is fixed; the incidents wait for a retry.
            (await admin.PatchAsJsonAsync($"/api/instances/{instance}/variables", new { variables = new { owner = "admin" } })).EnsureSuccessStatusCode();
        }

        await ConsoleSteps.SignInAsAdminAsync(page, "/admin/jobs");
        foreach (var instance in instances)
        {
            await AdminSteps.Row(page, "incidents-list", instance).Locator(".el-checkbox").ClickAsync();
        }
        await Expect(page.GetByTestId("incidents-retry-selected")).ToContainTextAsync("重试所选（2）");
        await ConsoleBrowser.ScreenshotAsync(page, "79-admin-incidents-selected");
        await page.GetByTestId("incidents-retry-selected").ClickAsync();
        await Expect(page.Locator(".el-message--success", new() { HasText = "已重试 2 个故障" }).Last).ToBeVisibleAsync();
        foreach (var instance in instances)
        {
            await Expect(page.GetByTestId("incidents-list")).Not.ToContainTextAsync(instance);
            Assert.Empty((await admin.GetFromJsonAsync<JsonObject>($"/api/incidents?instanceId={instance}"))!["items"]!.AsArray());
            var history = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instance}/history?pageSize=200"))!["items"]!.AsArray();
            Assert.Contains(history, e => e!["type"]!.GetValue<string>() == "incident.resolved" && e["actor"]?.GetValue<string>() == "admin");
        }
        var tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?processKey={key}&pageSize=200"))!["items"]!.AsArray();
        Assert.Equal(2, tasks.Count);
        await page.GetByTestId("jobs-tabs").GetByText("全部作业").ClickAsync();
        await Expect(page.GetByTestId("jobs-list")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "80-admin-jobs");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Starting_a_version_by_hand_with_its_start_form_opens_the_new_instance()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var key = "byhand" + Guid.NewGuid().ToString("N")[..6];
        var xml = FlowApi.TaskFlow(key).Replace("""<bpmn:startEvent id="start" name="开始">""", """
            <bpmn:startEvent id="start" name="开始"><bpmn:extensionElements><camunda:formData>
              <camunda:formField id="address" label="问题地址" type="string"><camunda:validation><camunda:constraint name="required"/></camunda:validation></camunda:formField>
              <camunda:formField id="urgent" label="是否紧急" type="boolean" defaultValue="false"/>
              <camunda:formField id="count" label="数量" type="long"/>
            </camunda:formData></bpmn:extensionElements>
            """, StringComparison.Ordinal);
        Assert.Contains("formData", xml, StringComparison.Ordinal);
        await FlowApi.DeployAsync(admin, xml);

        await ConsoleSteps.SignInAsAdminAsync(page, "/definitions");
        await page.GetByTestId("definitions-filter").FillAsync(key);
        await Expect(page.GetByTestId($"count-running-{key}")).ToHaveTextAsync("0");
        await page.GetByTestId($"definition-start-{key}").ClickAsync();
        await Expect(page.GetByTestId("start-form")).ToContainTextAsync("问题地址");
        await page.GetByTestId("start-submit").ClickAsync();
        // The required field is named before anything is sent.
        await Expect(page.GetByTestId("start-form")).ToContainTextAsync("请填写“问题地址”");
        await page.GetByTestId("start-field-address").FillAsync("人民路 1 号");
        await page.GetByTestId("start-field-urgent").Locator(".el-switch").ClickAsync();
        await page.GetByTestId("start-field-count").Locator("input").FillAsync("3");
        await page.GetByTestId("start-business-key").FillAsync("HAND-" + key);
        await ConsoleBrowser.ScreenshotAsync(page, "81-definitions-start-by-hand");
        await page.GetByTestId("start-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/instances/[^/]+$"));
        await Expect(page.GetByTestId("instance-active")).ToContainTextAsync("处置问题");

        var instanceId = Uri.UnescapeDataString(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}"))!;
        var variables = detail["variables"]!.AsObject();
        Assert.Equal("人民路 1 号", variables["address"]!.GetValue<string>());
        Assert.True(variables["urgent"]!.GetValue<bool>());
        Assert.Equal(3, variables["count"]!.GetValue<int>());
        Assert.Equal("HAND-" + key, detail["summary"]!["businessKey"]!.GetValue<string>());

        // Back in the list the version counts the running instance.
        await page.GotoAsync("/definitions");
        await page.GetByTestId("definitions-filter").FillAsync(key);
        await Expect(page.GetByTestId($"count-running-{key}")).ToHaveTextAsync("1");
        await AdminSteps.Row(page, "definitions-list", key).Locator(".el-table__expand-icon").ClickAsync();
        await Expect(page.GetByTestId($"count-running-{key}-1")).ToHaveTextAsync("1");
        await ConsoleBrowser.ScreenshotAsync(page, "82-definitions");

        // Without declared fields the dialog offers typed variable rows.
        var plain = "plain" + Guid.NewGuid().ToString("N")[..6];
        await FlowApi.DeployAsync(admin, FlowApi.TaskFlow(plain));
        await page.GotoAsync("/definitions");
        await page.GetByTestId("definitions-filter").FillAsync(plain);
        await page.GetByTestId($"definition-start-{plain}").ClickAsync();
        var first = page.GetByTestId("start-var-0");
        await first.GetByTestId("start-var-name").FillAsync("severity");
        await AdminSteps.PickAsync(page, "start-var-type", "数字");
        await first.GetByTestId("start-var-value").FillAsync("not a number");
        await page.GetByTestId("start-submit").ClickAsync();
        await Expect(page.GetByTestId("start-form")).ToContainTextAsync("“severity”不是数字");
        await first.GetByTestId("start-var-value").FillAsync("4");
        await page.GetByTestId("start-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/instances/[^/]+$"));
        var second = Uri.UnescapeDataString(new Uri(page.Url).AbsolutePath.Split('/')[^1]);
        Assert.Equal(4, (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{second}"))!["variables"]!["severity"]!.GetValue<int>());
        await page.Context.CloseAsync();
    }
}
