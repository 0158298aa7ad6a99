using System.Net;
using System.Net.Http.Json;
using static WorkflowHub.Server.Tests.Api.Api;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>A Camunda Modeler file and a Flowable file, as those tools save them, deploy and run unchanged over the API.</summary>
public abstract class CamundaFlowableFilesTests(ApiServer server)
{
    private const string CamundaModelerFile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
            id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.31.0"
            modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0">
          <bpmn:process id="camunda_triage" name="Triage" isExecutable="true" camunda:historyTimeToLive="180">
            <bpmn:startEvent id="StartEvent_1"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:exclusiveGateway id="Gateway_1" default="Flow_normal"><bpmn:incoming>Flow_1</bpmn:incoming></bpmn:exclusiveGateway>
            <bpmn:userTask id="urgent" name="Urgent" camunda:candidateGroups="Dispatcher">
              <bpmn:extensionElements><camunda:formData><camunda:formField id="note" label="Note" type="string"/></camunda:formData></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="normal" name="Normal" camunda:candidateGroups="Dispatcher"/>
            <bpmn:endEvent id="End_1"/><bpmn:endEvent id="End_2"/>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Gateway_1"/>
            <bpmn:sequenceFlow id="Flow_urgent" sourceRef="Gateway_1" targetRef="urgent">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${severity eq 'high' and not empty area}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Flow_normal" sourceRef="Gateway_1" targetRef="normal"/>
            <bpmn:sequenceFlow id="Flow_3" sourceRef="urgent" targetRef="End_1"/>
            <bpmn:sequenceFlow id="Flow_4" sourceRef="normal" targetRef="End_2"/>
          </bpmn:process>
          <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="camunda_triage">
            <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1"><dc:Bounds x="152" y="102" width="36" height="36"/></bpmndi:BPMNShape>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    private const string FlowableFile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="http://www.flowable.org/processdef">
          <process id="flowable_leave" name="请假" isExecutable="true">
            <startEvent id="start" flowable:initiator="applicant"/>
            <userTask id="approve" name="审批" flowable:candidateGroups="Leader">
              <extensionElements>
                <flowable:formProperty id="approved" name="是否同意" type="boolean" required="true"/>
              </extensionElements>
            </userTask>
            <exclusiveGateway id="decide"/>
            <userTask id="hr" name="人事备案" flowable:candidateGroups="Dispatcher"/>
            <endEvent id="rejected"/><endEvent id="done"/>
            <sequenceFlow sourceRef="start" targetRef="approve"/>
            <sequenceFlow sourceRef="approve" targetRef="decide"/>
            <sequenceFlow sourceRef="decide" targetRef="hr"><conditionExpression xsi:type="tFormalExpression"><![CDATA[#{approved && days gt 3}]]></conditionExpression></sequenceFlow>
            <sequenceFlow sourceRef="decide" targetRef="done"><conditionExpression xsi:type="tFormalExpression"><![CDATA[#{approved && days le 3}]]></conditionExpression></sequenceFlow>
            <sequenceFlow sourceRef="decide" targetRef="rejected"><conditionExpression xsi:type="tFormalExpression"><![CDATA[#{not approved}]]></conditionExpression></sequenceFlow>
            <sequenceFlow sourceRef="hr" targetRef="done"/>
          </process>
        </definitions>
        """;

    [SkippableFact]
    public async Task A_Camunda_Modeler_file_and_a_Flowable_file_deploy_and_route_unchanged()
    {
        var app = await server.GetAsync();
        var admin = await app.AdminAsync();
        await DeployAsync(admin, CamundaModelerFile);
        await DeployAsync(admin, FlowableFile);

        var urgent = (await StartAsync(admin, "camunda_triage", variables: new { severity = "high", area = "south" }))["id"]!.GetValue<string>();
        var normal = (await StartAsync(admin, "camunda_triage", variables: new { severity = "high", area = "" }))["id"]!.GetValue<string>();
        Assert.Equal("urgent", await OnlyTaskAsync(admin, urgent));
        Assert.Equal("normal", await OnlyTaskAsync(admin, normal));

        var leave = (await StartAsync(admin, "flowable_leave", variables: new { days = 5 }))["id"]!.GetValue<string>();
        var approve = await TaskIdAsync(admin, leave);
        await ExpectAsync(await admin.PostAsJsonAsync($"/api/tasks/{approve}/complete", new { variables = new { approved = true } }), HttpStatusCode.OK);
        Assert.Equal("hr", await OnlyTaskAsync(admin, leave));
    }

    private static async Task<string> OnlyTaskAsync(HttpClient client, string instanceId)
    {
        var detail = await ExpectAsync(await client.GetAsync($"/api/instances/{instanceId}"), HttpStatusCode.OK);
        return Assert.Single(detail["activities"]!.AsArray())!["elementId"]!.GetValue<string>();
    }

    private static async Task<string> TaskIdAsync(HttpClient client, string instanceId)
    {
        var history = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/instances/{instanceId}/history?pageSize=200"))!["items"]!.AsArray();
        return history!.Last(h => h!["type"]!.GetValue<string>() == "task.created")!["taskId"]!.GetValue<string>();
    }
}

public sealed class CamundaFlowableFilesTests_Sqlite(SqliteApiServer server) : CamundaFlowableFilesTests(server), IClassFixture<SqliteApiServer>;

public sealed class CamundaFlowableFilesTests_Postgres(PostgresApiServer server) : CamundaFlowableFilesTests(server), IClassFixture<PostgresApiServer>;
