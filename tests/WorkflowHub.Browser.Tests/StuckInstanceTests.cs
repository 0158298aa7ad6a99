using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>An administrator fixes a stuck instance on its page: sets the missing variable, retries the incident, the flow moves on.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StuckInstanceTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task An_administrator_sets_the_missing_variable_and_retries_the_incident()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var key = "stuck" + Guid.NewGuid().ToString("N")[..6];
        var xml = $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d_{{key}}" targetNamespace="http://t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s"/>
                <bpmn:userTask id="fix" name="整改" camunda:assignee="${owner}"/>
                <bpmn:endEvent id="e"/>
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fix"/><bpmn:sequenceFlow id="f2" sourceRef="fix" targetRef="e"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
        (await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var started = await admin.PostAsJsonAsync($"/api/processes/{key}/start", new { businessKey = "STUCK-1" });
        started.EnsureSuccessStatusCode();
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        await ConsoleSteps.SignInAsAdminAsync(page, $"/instances/{instance}");
        await Expect(page.GetByTestId("incidents")).ToContainTextAsync("owner");
        await page.GetByTestId("variable-add").ClickAsync();
        await page.GetByTestId("variable-name").FillAsync("owner");
        await page.GetByTestId("variable-value").FillAsync("admin");
        await page.GetByTestId("variable-save").ClickAsync();
        await Expect(page.GetByTestId("instance-variables")).ToContainTextAsync("\"admin\"");
        await page.GetByTestId("incident-retry").ClickAsync();
        await Expect(page.GetByTestId("incidents")).ToContainTextAsync("暂无数据");
        await Expect(page.GetByTestId("instance-active")).ToContainTextAsync("整改");
        await ConsoleBrowser.ScreenshotAsync(page, "15-instance-fixed");

        var tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?businessKey=STUCK-1"))!["items"]!.AsArray();
        Assert.Equal("admin", Assert.Single(tasks)!["assignee"]!.GetValue<string>());
        var incidents = (await admin.GetFromJsonAsync<JsonObject>($"/api/incidents?instanceId={instance}"))!["items"]!.AsArray();
        Assert.Empty(incidents);
        await page.Context.CloseAsync();
    }
}
