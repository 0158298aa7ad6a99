using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>How tokens end, get cancelled and complete their scopes, and how events from outside reach them.</summary>
internal sealed partial class ProcessExecution
{
    /// <summary>
    /// A token that has nowhere to go ends; its scope completes when it was the last one (BPMN 2.0 §13.4.6). Running event
    /// sub-processes count; listening ones do not.
    /// </summary>
    public void EndToken(Token token)
    {
        if (token.IsMultiInstanceInner)
        {
            // One instance of a multi-instance activity ended without completing (an error nobody catches): it still counts
            // as ended, as in Camunda 7, or the body would wait for ever on an instance that is gone.
            ClearWaits(token);
            Behaviours.MultiInstanceBody.InnerCompleted(this, token, Model.GetNode(token.ElementId));
            return;
        }
        ClearWaits(token);
        State.Tokens.Remove(token);
        if (token.CompensationFor is { } trackedBy)
        {
            CompensationEnded(trackedBy);
        }
        if (State.Tokens.Exists(t => t.State == TokenState.Joining))
        {
            Behaviours.InclusiveGatewayBehaviour.Recheck(this, token.ParentId);
        }
        CompleteScopeIfEmpty(token.ParentId);
    }

    private void CompleteScopeIfEmpty(string? scopeId)
    {
        if (scopeId is null)
        {
            // Listeners of the process's event sub-processes do not keep it running; EndInstance removes them.
            if (State.Tokens.TrueForAll(t => t.State == TokenState.Listening) && Record.Status == InstanceStatus.Running)
            {
                EndInstance(InstanceStatus.Completed);
            }
            return;
        }
        var scope = State.Find(scopeId);
        if (scope is null || State.Tokens.Exists(t => t.ParentId == scopeId && t.State != TokenState.Listening))
        {
            return;
        }
        StopListening(scopeId);
        scope.State = TokenState.Active;
        Schedule(scope, AgendaOp.Leave);
    }

    public void EndInstance(InstanceStatus status, string? reason = null)
    {
        IsDirty = true;
        foreach (var token in State.Tokens.Where(t => t.ParentId is null).ToList())
        {
            CancelToken(token);
        }
        Record.Status = status;
        Record.EndedAt = Now;
        History(status == InstanceStatus.Completed ? HistoryTypes.InstanceCompleted : HistoryTypes.InstanceCancelled,
            data: reason is null ? null : new JsonObject { ["reason"] = reason });
        if (status == InstanceStatus.Completed && Record.SuperInstanceId is not null && Record.SuperTokenId is not null)
        {
            Step.AfterAgenda(ct => NotifySuperInstanceAsync(ct));
        }
    }

    private async Task NotifySuperInstanceAsync(CancellationToken ct)
    {
        var parent = await Step.GetInstanceAsync(Record.SuperInstanceId!, ct).ConfigureAwait(false);
        var token = parent?.FindToken(Record.SuperTokenId!);
        if (parent is null || token is null || token.CalledInstanceId != Id)
        {
            return;
        }
        token.CalledInstanceId = null;
        await parent.TriggerAsync(token, new CalledInstanceEnded(token.ElementId, Id) { Variables = State.Variables }, ct).ConfigureAwait(false);
    }

    /// <summary>Removes a token and everything below it, ending their tasks, timers, subscriptions and called instances.</summary>
    public void CancelToken(Token token)
    {
        foreach (var child in State.Tokens.Where(t => t.ParentId == token.Id).ToList())
        {
            CancelToken(child);
        }
        ClearWaits(token);
        if (State.Tokens.Remove(token) && token.State != TokenState.Listening)
        {
            ActivityEnded(token, Model.GetNode(token.ElementId), HistoryTypes.ActivityCancelled);
        }
        if (State.Compensations is { Count: > 0 })
        {
            ForgetCompensations(token.Id);
        }
        if (token.IncidentId is not null)
        {
            ResolveIncident(token);
        }
    }

    public void ResolveIncident(Token token)
    {
        if (token.IncidentId is null)
        {
            return;
        }
        Step.Effects.ResolvedIncidents.Add((token.IncidentId, Now));
        History(HistoryTypes.IncidentResolved, token, data: new JsonObject { ["incidentId"] = token.IncidentId });
        token.IncidentId = null;
        token.FailedPhase = null;
    }

    /// <summary>Deletes the rows that wait on the token's behalf: its task, jobs and subscriptions, and a called instance.</summary>
    public void ClearWaits(Token token)
    {
        if (token.TaskId is { } taskId)
        {
            if (Model.Nodes.GetValueOrDefault(token.ElementId) is { Listeners.Count: > 0 } taskNode)
            {
                Notify(token, taskNode, taskNode.Listeners, taskListeners: true, "delete");
            }
            Step.Effects.DeleteTask(taskId);
            History(HistoryTypes.TaskCancelled, token, taskId: taskId);
            token.TaskId = null;
        }
        if (token.ExternalTaskId is not null)
        {
            ExternalTasks.ExternalTaskWaits.Cancel(this, token);
        }
        if (token.JobIds is { } jobs)
        {
            jobs.ForEach(Step.Effects.DeleteJob);
            token.JobIds = null;
        }
        if (token.SubscriptionIds is { } subscriptions)
        {
            subscriptions.ForEach(Step.Effects.DeleteSubscription);
            token.SubscriptionIds = null;
        }
        if (token.CalledInstanceId is { } called)
        {
            token.CalledInstanceId = null;
            Step.AfterAgenda(async ct =>
            {
                var child = await Step.GetInstanceAsync(called, ct).ConfigureAwait(false);
                if (child is { Record.Status: InstanceStatus.Running })
                {
                    child.EndInstance(InstanceStatus.Cancelled, "the calling activity ended");
                }
            });
        }
    }

    /// <summary>Terminate end event (BPMN 2.0 §10.5.3): every token of the scope ends; the scope completes normally.</summary>
    public void TerminateScope(Token token)
    {
        var scopeId = token.ParentId;
        foreach (var sibling in State.Tokens.Where(t => t.ParentId == scopeId).ToList())
        {
            if (sibling != token)
            {
                CancelToken(sibling);
            }
        }
        ClearWaits(token);
        State.Tokens.Remove(token);
        if (scopeId is null)
        {
            EndInstance(InstanceStatus.Completed);
        }
        else
        {
            CompleteScopeIfEmpty(scopeId);
        }
    }

    /// <summary>Something the token waited for happened: a task was completed, a message came, a timer fired.</summary>
    public async Task TriggerAsync(Token token, Trigger trigger, CancellationToken ct)
    {
        IsDirty = true;
        if (token.State == TokenState.Listening)
        {
            TriggerListener(token, trigger);
            return;
        }
        var node = Model.GetNode(token.ElementId);
        if (trigger.ElementId != node.Id && Model.Nodes.TryGetValue(trigger.ElementId, out var caught)
            && caught.Kind == ElementKind.BoundaryEvent && caught.AttachedToId == node.Id)
        {
            if (!caught.CancelActivity && trigger is TimerFired fired)
            {
                RescheduleOrDropTimer(token, fired.JobId);
            }
            FireBoundary(token, caught, trigger);
            return;
        }
        await Step.Services.Behaviours.For(node).TriggerAsync(this, token, node, trigger, ct).ConfigureAwait(false);
    }
}

/// <summary>How an instance begins.</summary>
internal sealed partial class ProcessExecution
{
    /// <summary>Puts the first token on a start event with the start variables, and writes "instance.started".</summary>
    public void Begin(FlowNode start, IReadOnlyDictionary<string, JsonNode?>? variables)
    {
        History(HistoryTypes.InstanceStarted, data: new JsonObject { ["startEvent"] = start.Id });
        SetVariables(null, variables);
        var token = NewToken(start.Id, null);
        Schedule(token, AgendaOp.Enter);
        StartListening(null, Model.Root);
    }
}
