using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WorkflowHub.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowHub.Browser.Tests;

/// <summary>An administrator moves a token on the instance page: cancel here, start before there, confirmed in words.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class InstanceModificationTests(ConsoleBrowser browser)
{
    [SkippableFact]
    public async Task An_administrator_cancels_a_token_and_starts_before_a_later_task_after_a_confirmation_in_words()
    {
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        var key = "modui" + Guid.NewGuid().ToString("N")[..6];
        var xml = $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d_{{key}}" targetNamespace="http://t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s"/>
                <bpmn:userTask id="register" name="登记"/>
                <bpmn:userTask id="fix" name="整改"/>
                <bpmn:userTask id="verify" name="核查"/>
                <bpmn:endEvent id="e"/>
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="register"/><bpmn:sequenceFlow id="f2" sourceRef="register" targetRef="fix"/>
                <bpmn:sequenceFlow id="f3" sourceRef="fix" targetRef="verify"/><bpmn:sequenceFlow id="f4" sourceRef="verify" targetRef="e"/>
              </bpmn:process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="{{key}}">
                <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="register_di" bpmnElement="register"><dc:Bounds x="180" y="78" width="100" height="80"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="fix_di" bpmnElement="fix"><dc:Bounds x="330" y="78" width="100" height="80"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="verify_di" bpmnElement="verify"><dc:Bounds x="480" y="78" width="100" height="80"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="e_di" bpmnElement="e"><dc:Bounds x="630" y="100" width="36" height="36"/></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118"/><di:waypoint x="180" y="118"/></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="280" y="118"/><di:waypoint x="330" y="118"/></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="430" y="118"/><di:waypoint x="480" y="118"/></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="580" y="118"/><di:waypoint x="630" y="118"/></bpmndi:BPMNEdge>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
        (await admin.PostAsync("/api/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var started = await admin.PostAsJsonAsync($"/api/processes/{key}/start", new { businessKey = "MOD-1" });
        started.EnsureSuccessStatusCode();
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        await ConsoleSteps.SignInAsAdminAsync(page, $"/instances/{instance}");
        await Expect(page.GetByTestId("instance-active")).ToContainTextAsync("登记");
        await page.GetByTestId("instance-modify").ClickAsync();
        var dialog = page.GetByTestId("modify-dialog");
        await dialog.GetByTestId("modify-cancel-register").ClickAsync();
        // The start position is picked on the diagram.
        await dialog.Locator("[data-element-id='verify']").ClickAsync();
        await Expect(dialog.Locator("[data-element-id='verify'].wfh-picked")).ToHaveCountAsync(1);
        await dialog.GetByTestId("modify-reason").FillAsync("登记环节已线下办结");
        await Expect(dialog.GetByTestId("modify-summary")).ToContainTextAsync("取消“登记”的 1 个令牌，在“核查”之前启动。");
        await ConsoleBrowser.ScreenshotAsync(page, "24-instance-modify");

        await dialog.GetByTestId("modify-submit").ClickAsync();
        var confirm = page.Locator(".el-message-box");
        await Expect(confirm).ToContainTextAsync("取消“登记”的 1 个令牌，在“核查”之前启动。");
        await ConsoleBrowser.ScreenshotAsync(page, "25-instance-modify-confirm");
        await confirm.Locator(".el-button--primary").ClickAsync();

        // The diagram reflects it: 核查 is active, 登记 no longer.
        await Expect(page.GetByTestId("instance-active")).ToContainTextAsync("核查");
        await Expect(page.GetByTestId("instance-active")).Not.ToContainTextAsync("登记");
        await Expect(page.Locator("[data-element-id='verify'].wfh-active")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-element-id='register'].wfh-active")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("instance-history")).ToContainTextAsync("instance.modified");
        await Expect(page.GetByTestId("instance-history")).ToContainTextAsync("登记环节已线下办结");
        await ConsoleBrowser.ScreenshotAsync(page, "26-instance-modified");

        var tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?businessKey=MOD-1"))!["items"]!.AsArray();
        Assert.Equal("verify", Assert.Single(tasks)!["elementId"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }
}
