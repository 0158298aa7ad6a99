namespace WorkflowHub.Testing;

/// <summary>Wraps process content into a BPMN definitions document with the camunda namespace.</summary>
public static class Bpmn
{
    public static string Process(string id, string content, string extraDefinitions = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="defs_{id}" targetNamespace="http://workflowhub.test">
          {extraDefinitions}
          <bpmn:process id="{id}" isExecutable="true">
            {content}
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static string Flow(string id, string from, string to, string? condition = null) => condition is null
        ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
        : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><bpmn:conditionExpression>{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    /// <summary>A chain of flows through the given element ids, named f1, f2... unless a prefix is given.</summary>
    public static string Chain(string prefix, params string[] ids) =>
        string.Concat(Enumerable.Range(0, ids.Length - 1).Select(i => Flow($"{prefix}{i + 1}", ids[i], ids[i + 1])));
}
