using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>What a person does in the console, and what the tests check through the API beside it.</summary>
public static class ConsoleSteps
{
    public static async Task SignInAsync(IPage page, string user, string password, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByTestId("signin-user").FillAsync(user);
        await page.GetByTestId("signin-password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.GetByTestId("user-name").WaitForAsync();
    }

    public static Task SignInAsAdminAsync(IPage page, string path = "/") =>
        SignInAsync(page, BrowserServer.AdminUser, BrowserServer.AdminPassword, path);

    /// <summary>Opens a group of the bpmn-js properties panel (they remember being collapsed).</summary>
    public static async Task OpenPanelGroupAsync(IPage page, string group)
    {
        var header = page.Locator($"[data-group-id=\"group-{group}\"] .bio-properties-panel-group-header");
        if (!(await header.GetAttributeAsync("class") ?? "").Contains("open", StringComparison.Ordinal))
        {
            await header.ClickAsync();
        }
    }

    /// <summary>An API client with a bearer token, for arranging data and checking what the console did.</summary>
    public static async Task<HttpClient> AdminApiAsync(BrowserServer server)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        var login = await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = BrowserServer.AdminUser, password = BrowserServer.AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>Arranging and checking flows through the API while the console is driven in the browser.</summary>
public static class FlowApi
{
    public static async Task<JsonObject> DeployAsync(HttpClient admin, string xml, string name = "test.bpmn")
    {
        var response = await admin.PostAsync($"/api/definitions?name={Uri.EscapeDataString(name)}", new StringContent(xml, System.Text.Encoding.UTF8, "application/xml"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"deploy: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonArray> VersionsAsync(HttpClient admin, string key) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/{key}/versions?pageSize=200"))!["items"]!.AsArray();

    public static Task<string> XmlAsync(HttpClient admin, string key, int version) =>
        admin.GetStringAsync($"/api/definitions/{key}/xml?version={version}");

    public static string Flow(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Flows", fileName));

    /// <summary>start → a user task "handle" (offered to Staff) → end, with its diagram; <paramref name="boundary"/> adds
    /// a non-interrupting timer on the task after that duration, leading to its own end event.</summary>
    public static string TaskFlow(string key, string? boundary = null)
    {
        var timer = boundary is null ? "" : $"""
            <bpmn:boundaryEvent id="remind" name="超时提醒" attachedToRef="handle" cancelActivity="false">
              <bpmn:outgoing>f3</bpmn:outgoing>
              <bpmn:timerEventDefinition id="remind_timer"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{boundary}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:endEvent id="reminded" name="已提醒"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="remind" targetRef="reminded" />
            """;
        var timerShapes = boundary is null ? "" : """
            <bpmndi:BPMNShape id="remind_di" bpmnElement="remind"><dc:Bounds x="272" y="142" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="reminded_di" bpmnElement="reminded"><dc:Bounds x="272" y="242" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="290" y="178" /><di:waypoint x="290" y="242" /></bpmndi:BPMNEdge>
            """;
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
              xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d_{key}" targetNamespace="http://workflowhub/test">
              <bpmn:process id="{key}" name="测试流程 {key}" isExecutable="true">
                <bpmn:startEvent id="start" name="开始"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:userTask id="handle" name="处置问题" camunda:candidateGroups="Staff"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
                <bpmn:endEvent id="end" name="结束"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
                <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
                {timer}
              </bpmn:process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="{key}">
                <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="handle_di" bpmnElement="handle"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="402" y="102" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="402" y="120" /></bpmndi:BPMNEdge>
                {timerShapes}
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }
}
