using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>How thrown errors and escalations find their catcher, and how a caught event fires.</summary>
internal sealed partial class ProcessExecution
{
    /// <summary>
    /// Propagates a BPMN error (error end event or a handler's <see cref="Services.BpmnError"/>) outwards (BPMN 2.0 §10.5.3):
    /// to the throwing activity's own error boundary event, then scope by scope to an error event sub-process of the scope
    /// and the error boundary events of the scope's activity, then to a calling instance. Without a catcher the token ends,
    /// as Camunda 7 treats an uncaught error end event like a none end event.
    /// </summary>
    public void ThrowError(Token token, string errorCode, string? message)
    {
        History(HistoryTypes.ErrorThrown, token, data: new JsonObject { ["errorCode"] = errorCode, ["message"] = message });
        if (Catch(token, EventKind.Error, errorCode) is { } caught)
        {
            if (caught.Definition.ErrorCodeVariable is { } codeVariable)
            {
                SetVariable(caught.Fired, codeVariable, JsonValue.Create(errorCode));
            }
            if (caught.Definition.ErrorMessageVariable is { } messageVariable)
            {
                SetVariable(caught.Fired, messageVariable, JsonValue.Create(message));
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
    /// Propagates an escalation (BPMN 2.0 §10.5.4, as Camunda 7 does) outwards from the throwing token's scope: to an
    /// escalation event sub-process of each scope, or the escalation boundary event of the scope's sub-process or call
    /// activity, then to a calling instance. Unlike an error it is not a failure: uncaught, or caught without interrupting,
    /// the throwing token goes on. False when an interrupting catcher cancelled the throwing token here.
    /// </summary>
    public bool ThrowEscalation(Token token, string code)
    {
        History(HistoryTypes.EscalationThrown, token, data: new JsonObject { ["escalationCode"] = code });
        if (Catch(ParentOf(token), EventKind.Escalation, code) is { } caught)
        {
            return !caught.Interrupting;
        }
        if (Record.SuperInstanceId is { } superId && Record.SuperTokenId is { } superToken)
        {
            Step.AfterAgenda(async ct =>
            {
                var parent = await Step.GetInstanceAsync(superId, ct).ConfigureAwait(false);
                if (parent?.FindToken(superToken) is { } callToken)
                {
                    parent.MarkDirty();
                    parent.Catch(callToken, EventKind.Escalation, code);
                }
            });
        }
        return true;
    }

    /// <summary>
    /// Walks out from <paramref name="from"/> (null: the process) to the first catcher of a thrown error or escalation: at
    /// each level the scope's event sub-processes, then the boundary events of its activity (not on a multi-instance inner
    /// instance: they belong to the body). Fires it and says whether it interrupts; null when nothing catches.
    /// </summary>
    private (Token Fired, bool Interrupting, EventDefinition Definition)? Catch(Token? from, EventKind kind, string code)
    {
        for (var scope = from; ; scope = ParentOf(scope))
        {
            if (CatchingEventSubProcess(scope, kind, code) is { } sub)
            {
                var start = sub.InnerScope!.EventStart!;
                return (StartEventSubProcess(scope?.Id, sub, null), start.IsInterrupting, start.Event);
            }
            if (scope is null)
            {
                return null;
            }
            if (!scope.IsMultiInstanceInner && BoundaryCatcher(Model.GetNode(scope.ElementId), kind, code) is { } boundary)
            {
                return (FireBoundary(scope, boundary, null), boundary.CancelActivity, boundary.Event);
            }
        }
    }

    /// <summary>The activity's error or escalation boundary event naming <paramref name="code"/>, else one that catches any.</summary>
    private static FlowNode? BoundaryCatcher(FlowNode activity, EventKind kind, string code)
    {
        FlowNode? any = null;
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.Event.Kind != kind)
            {
                continue;
            }
            var caught = kind == EventKind.Error ? boundary.Event.ErrorCode : boundary.Event.EscalationCode;
            if (caught == code)
            {
                return boundary;
            }
            any ??= caught is null ? boundary : null;
        }
        return any;
    }

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
