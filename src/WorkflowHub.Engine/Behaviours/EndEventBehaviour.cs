using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// End events (BPMN 2.0 §10.5.3): none ends the token, terminate ends its scope, error is thrown to a catcher, signal is
/// broadcast first, compensation waits for the handlers it started. asyncAfter on a none, signal or escalation end
/// event ends the token in a job of its own.
/// </summary>
internal sealed class EndEventBehaviour : ElementBehaviour, IElementRules
{
    public static void Check(NodeDraft draft, EventDefinition definition)
    {
        if (definition.Kind == EventKind.Cancel)
        {
            draft.CannotExecute(CompensationRules.CancelRefused);
        }
        else if (definition.Kind is not (EventKind.None or EventKind.Terminate or EventKind.Error or EventKind.Signal or EventKind.Escalation or EventKind.Compensation))
        {
            draft.CannotExecute($"a {NodeDraft.KindName(definition)} end event is not supported (none, terminate, error, signal, escalation and compensation are)");
        }
        else if (definition.Kind is EventKind.Terminate or EventKind.Error or EventKind.Compensation
            && BpmnXml.IsTrue(BpmnXml.Ext(draft.Element, "asyncAfter")))
        {
            draft.Context.Warning(draft.Element, "asyncAfter is ignored on a terminate, error or compensation end event: its token does not end by itself, so there is nothing to continue after");
        }
    }

    public static void Validate(ScopeCheck check, FlowNode node) => CompensationRules.ValidateThrow(check, node);

    public override async ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        if (node.Event.Kind == EventKind.Signal)
        {
            // Stryker disable once Boolean : equivalent, the engine runs without a synchronization context
            await execution.ThrowSignalAsync(token, node, ct).ConfigureAwait(false);
        }
        if (node.Event.Kind == EventKind.Compensation && execution.ThrowCompensation(token, node))
        {
            return; // ends once its compensation handlers have completed
        }
        execution.ActivityEnded(token, node);
        switch (node.Event.Kind)
        {
            case EventKind.Terminate:
                execution.TerminateScope(token);
                break;
            case EventKind.Escalation:
                if (execution.ThrowEscalation(token, node.Event.EscalationCode!))
                {
                    End(execution, token, node);
                }
                break;
            case EventKind.Error:
                execution.ThrowError(token, node.Event.ErrorCode ?? node.Id, null);
                break;
            default:
                End(execution, token, node);
                break;
        }
    }

    /// <summary>
    /// Ends the token, or with camunda:asyncAfter (as in Camunda) commits the end event first and leaves the ending of
    /// the token, and so perhaps of its scope and the instance, to a continuation job.
    /// </summary>
    private static void End(ProcessExecution execution, Token token, FlowNode node)
    {
        if (node.AsyncAfter)
        {
            execution.CreateContinuation(token, node, StepPhase.Take);
            return;
        }
        execution.EndToken(token);
    }
}
