using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowHub.Browser.Tests.Support;

/// <summary>Arranging the work the inbox tests need through the API: a three-step flow, its people, an instance.</summary>
public static class WorkSteps
{
    public const string Password = "Staff-Password-42!";

    /// <summary>派遣 (dispatcher) → 处置 (handler, due in 4 h, a 4 h non-interrupting timer to 督办) → 核查 (verifier) → end.</summary>
    public static string Flow(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
          id="defs_{{key}}" targetNamespace="http://workflowhub.test">
          <bpmn:process id="{{key}}" name="问题处置" isExecutable="true">
            <bpmn:startEvent id="s"/>
            <bpmn:userTask id="dispatch" name="派遣" camunda:assignee="${dispatcher}"/>
            <bpmn:userTask id="handle" name="处置" camunda:assignee="${handler}" camunda:dueDate="PT4H"/>
            <bpmn:boundaryEvent id="late" attachedToRef="handle" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:userTask id="escalate" name="督办" camunda:candidateGroups="Supervisor"/>
            <bpmn:endEvent id="le"/>
            <bpmn:userTask id="verify" name="核查" camunda:assignee="${verifier}"/>
            <bpmn:endEvent id="e"/>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="dispatch"/>
            <bpmn:sequenceFlow id="f2" sourceRef="dispatch" targetRef="handle"/>
            <bpmn:sequenceFlow id="f3" sourceRef="handle" targetRef="verify"/>
            <bpmn:sequenceFlow id="f4" sourceRef="verify" targetRef="e"/>
            <bpmn:sequenceFlow id="l1" sourceRef="late" targetRef="escalate"/>
            <bpmn:sequenceFlow id="l2" sourceRef="escalate" targetRef="le"/>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="{{key}}">
            <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="dispatch_di" bpmnElement="dispatch"><dc:Bounds x="180" y="78" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="handle_di" bpmnElement="handle"><dc:Bounds x="330" y="78" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="late_di" bpmnElement="late"><dc:Bounds x="362" y="140" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="escalate_di" bpmnElement="escalate"><dc:Bounds x="330" y="210" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="le_di" bpmnElement="le"><dc:Bounds x="480" y="232" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="verify_di" bpmnElement="verify"><dc:Bounds x="480" y="78" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="e_di" bpmnElement="e"><dc:Bounds x="630" y="100" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118"/><di:waypoint x="180" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="280" y="118"/><di:waypoint x="330" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="430" y="118"/><di:waypoint x="480" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="580" y="118"/><di:waypoint x="630" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="l1_di" bpmnElement="l1"><di:waypoint x="380" y="176"/><di:waypoint x="380" y="210"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="l2_di" bpmnElement="l2"><di:waypoint x="430" y="250"/><di:waypoint x="480" y="250"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    public sealed record People(string Key, string Dispatcher, string Handler, string Verifier, string Leader);

    /// <summary>Deploys a fresh copy of the flow and creates its people (user names unique per call).</summary>
    public static async Task<People> ArrangeAsync(HttpClient admin)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var key = "case" + suffix;
        (await admin.PostAsync("/api/definitions", new StringContent(Flow(key), Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var people = new People(key, "disp" + suffix, "hand" + suffix, "veri" + suffix, "lead" + suffix);
        foreach (var (name, role) in new[] { (people.Dispatcher, "Dispatcher"), (people.Handler, "Staff"), (people.Verifier, "Staff"), (people.Leader, "Leader") })
        {
            (await admin.PostAsJsonAsync("/api/users", new { userName = name, password = Password, roles = new[] { role } })).EnsureSuccessStatusCode();
        }
        return people;
    }

    /// <summary>Starts an instance with a form variable and answers its id.</summary>
    public static async Task<string> StartAsync(HttpClient admin, People p, string businessKey)
    {
        var started = await admin.PostAsJsonAsync($"/api/processes/{p.Key}/start", new
        {
            businessKey,
            variables = new { dispatcher = p.Dispatcher, handler = p.Handler, verifier = p.Verifier, 处置说明 = "" },
        });
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public static async Task<JsonArray> OpenTasksAsync(HttpClient admin, string instanceId)
    {
        var page = await admin.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        return new JsonArray(page!["items"]!.AsArray().Where(t => t!["instanceId"]!.GetValue<string>() == instanceId).Select(t => t!.DeepClone()).ToArray());
    }

    public static async Task<string> TaskIdAsync(HttpClient admin, string instanceId, string elementId) =>
        (await OpenTasksAsync(admin, instanceId)).Single(t => t!["elementId"]!.GetValue<string>() == elementId)!["id"]!.GetValue<string>();

    public static async Task<JsonArray> HistoryAsync(HttpClient admin, string instanceId) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}/history?pageSize=200"))!["items"]!.AsArray();

    /// <summary>Completes a task as its assignee through the API (a bearer client of that user).</summary>
    public static async Task<HttpClient> UserApiAsync(BrowserServer server, string user)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        var login = await client.PostAsJsonAsync("/api/identity/login?useCookies=false", new { email = user, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
