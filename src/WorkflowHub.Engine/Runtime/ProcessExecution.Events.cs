using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>How thrown errors and escalations find their catcher, and how a caught event fires.</summary>
internal sealed partial class ProcessExecution
{
    /// <summary>
    /// Propagates a BPMN error (error end event or a handler's <see cref="Services.BpmnError"/>) to the nearest
    /// enclosing activity with a matching error boundary event (BPMN 2.0 §10.5.3), then to a calling instance. Without
    /// a catcher the token ends, as Camunda 7 treats an uncaught error end event like a none end event.
    /// </summary>
    public void ThrowError(Token token, string errorCode, string? message)
    {
        History(HistoryTypes.ErrorThrown, token, data: new JsonObject { ["errorCode"] = errorCode, ["message"] = message });
        for (var t = token; t is not null; t = ParentOf(t))
        {
            if (t.IsMultiInstanceInner)
            {
                continue;
            }
            var node = Model.GetNode(t.ElementId);
            var catcher = node.BoundaryEvents.FirstOrDefault(b => b.Event.Kind == EventKind.Error && b.Event.ErrorCode == errorCode)
                ?? node.BoundaryEvents.FirstOrDefault(b => b.Event.Kind == EventKind.Error && b.Event.ErrorCode is null);
            if (catcher is null)
            {
                continue;
            }
            var fired = FireBoundary(t, catcher, null);
            if (catcher.Event.ErrorCodeVariable is { } codeVariable)
            {
                SetVariable(fired, codeVariable, JsonValue.Create(errorCode));
            }
            if (catcher.Event.ErrorMessageVariable is { } messageVariable)
            {
                SetVariable(fired, messageVariable, JsonValue.Create(message));
            }
            return;
        }
        if (Record.SuperInstanceId is not null && Record.SuperTokenId is not null)
        {
            Step.AfterAgenda(async ct =>
            {
                var parent = await Step.GetInstanceAsync(Record.SuperInstanceId, ct).ConfigureAwait(false);
                if (parent?.FindToken(Record.SuperTokenId) is { } callToken)
                {
                    callToken.CalledInstanceId = null;
                    parent.MarkDirty();
                    EndInstance(InstanceStatus.Cancelled, $"error {errorCode} passed to the calling instance");
                    parent.ThrowError(callToken, errorCode, message);
                }
            });
            ClearWaits(token);
            State.Tokens.Remove(token);
            return;
        }
        EndToken(token);
    }

    /// <summary>
    /// Propagates an escalation (BPMN 2.0 §10.5.4, as Camunda 7 does) to the nearest enclosing sub-process or call
    /// activity with a matching escalation boundary event, then to a calling instance. Unlike an error it is not a
    /// failure: uncaught, or caught by a non-interrupting boundary, the throwing token goes on. False when an
    /// interrupting catcher cancelled the throwing token's scope here.
    /// </summary>
    public bool ThrowEscalation(Token token, string code)
    {
        History(HistoryTypes.EscalationThrown, token, data: new JsonObject { ["escalationCode"] = code });
        for (var t = ParentOf(token); t is not null; t = ParentOf(t))
        {
            if (t.IsMultiInstanceInner || EscalationCatcher(Model.GetNode(t.ElementId), code) is not { } catcher)
            {
                continue;
            }
            FireBoundary(t, catcher, null);
            return !catcher.CancelActivity;
        }
        if (Record.SuperInstanceId is { } superId && Record.SuperTokenId is { } superToken)
        {
            Step.AfterAgenda(async ct =>
            {
                var parent = await Step.GetInstanceAsync(superId, ct).ConfigureAwait(false);
                if (parent?.FindToken(superToken) is { } callToken && EscalationCatcher(parent.Model.GetNode(callToken.ElementId), code) is { } catcher)
                {
                    parent.MarkDirty();
                    parent.FireBoundary(callToken, catcher, null);
                }
            });
        }
        return true;
    }

    private static FlowNode? EscalationCatcher(FlowNode activity, string code) =>
        activity.BoundaryEvents.FirstOrDefault(b => b.Event.Kind == EventKind.Escalation && b.Event.EscalationCode == code)
        ?? activity.BoundaryEvents.FirstOrDefault(b => b.Event.Kind == EventKind.Escalation && b.Event.EscalationCode is null);

    /// <summary>A boundary event fires: an interrupting one cancels the activity; either way a new token leaves the event.</summary>
    public Token FireBoundary(Token activityToken, FlowNode boundary, Trigger? trigger)
    {
        IsDirty = true;
        var parentId = activityToken.ParentId;
        if (boundary.CancelActivity)
        {
            CancelToken(activityToken);
        }
        var token = NewToken(boundary.Id, parentId);
        ActivityStarted(token, boundary);
        SetVariables(token, trigger?.Variables);
        Schedule(token, AgendaOp.Leave);
        return token;
    }
}
