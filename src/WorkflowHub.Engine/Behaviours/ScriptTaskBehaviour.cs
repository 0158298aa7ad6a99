using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>Script task (JavaScript, sandboxed): runs the script; its value goes to camunda:resultVariable.</summary>
internal sealed class ScriptTaskBehaviour : ElementBehaviour, IElementRules
{
    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        if (node.Script is { } script)
        {
            var result = execution.Expressions.RunScript(script.Source, execution.VariablesOf(token),
                (name, value) => execution.SetVariable(token, name, value));
            if (script.ResultVariable is { } name)
            {
                execution.SetVariable(token, name, result);
            }
        }
        execution.Leave(token);
        return ValueTask.CompletedTask;
    }
}
