using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// Business rule tasks (BPMN 2.0 §10.3.3), as Camunda 7 runs them: with camunda:class, delegateExpression, expression or
/// type="external" + topic they are service tasks and run exactly like one. Only camunda:decisionRef (a DMN decision
/// table) needs a DMN engine, which WorkflowHub does not have: deploy refuses it instead of running something else.
/// </summary>
internal sealed class BusinessRuleTaskBehaviour(IHandlerRegistry handlers, ExternalTasks.ExternalTaskSignal externalTasks)
    : ServiceTaskBehaviour(handlers, externalTasks), IElementRules
{
    /// <summary>A DMN rule task: its service-task attributes are not read (it is refused once, for the decisionRef).</summary>
    public static bool UsesDmn(System.Xml.Linq.XElement element) => BpmnXml.Ext(element, "decisionRef") is not null;

    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        if (UsesDmn(draft.Element))
        {
            draft.CannotExecute("camunda:decisionRef needs a DMN engine, which WorkflowHub does not have: implement the rule with camunda:class, delegateExpression, expression or an external topic");
        }
    }
}
