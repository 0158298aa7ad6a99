using System.Data.Common;
using System.Text.Json.Nodes;
using WorkflowHub.Engine.Behaviours;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;

namespace WorkflowHub.Engine.Runtime;

/// <summary>The agenda's three operations: enter an element, leave it, take its outgoing flows.</summary>
internal sealed partial class ProcessExecution
{
    public async ValueTask RunAsync(Token token, AgendaOp op, CancellationToken ct)
    {
        if (!State.Tokens.Contains(token))
        {
            return;
        }
        IsDirty = true;
        switch (op)
        {
            case AgendaOp.Enter:
                await EnterAsync(token, ct).ConfigureAwait(false);
                break;
            case AgendaOp.Leave:
                Leave(token);
                break;
            case AgendaOp.Take:
                TakeOutgoing(token);
                break;
        }
    }

    public void Schedule(Token token, AgendaOp op) => Step.Schedule(this, token, op);

    private async ValueTask EnterAsync(Token token, CancellationToken ct)
    {
        var node = Model.GetNode(token.ElementId);
        if (StopIfPoisoned(token, node, StepPhase.Enter) || StopIfOverLimit(token, node))
        {
            return;
        }
        if (node.AsyncBefore && !token.PastAsyncBefore)
        {
            CreateContinuation(token, node, StepPhase.Enter);
            return;
        }
        token.PastAsyncBefore = false;
        try
        {
            ActivityStarted(token, node);
            if (node.IsActivity && !token.IsMultiInstanceInner)
            {
                AttachBoundaryEvents(token, node);
            }
            if (node.MultiInstance is not null && !token.IsMultiInstanceInner)
            {
                MultiInstanceBody.Enter(this, token, node);
                return;
            }
            ApplyInputs(token, node);
            Notify(token, node, node.Listeners, taskListeners: false, "start");
            await Step.Services.Behaviours.For(node).EnterAsync(this, token, node, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsElementError(ex))
        {
            throw Failure(token, node, StepPhase.Enter, ex);
        }
    }

    /// <summary>The element's work is done: output mapping, history, its waits end; then on to the outgoing flows.</summary>
    public void Leave(Token token)
    {
        var node = Model.GetNode(token.ElementId);
        if (StopIfPoisoned(token, node, StepPhase.Leave))
        {
            return;
        }
        try
        {
            ApplyOutputs(token, node);
            Notify(token, node, node.Listeners, taskListeners: false, "end");
        }
        catch (Exception ex) when (IsElementError(ex))
        {
            throw Failure(token, node, StepPhase.Leave, ex);
        }
        ClearWaits(token);
        token.State = TokenState.Active;
        if (token.IsMultiInstanceInner)
        {
            ActivityEnded(token, node);
            RememberForCompensation(token, node, ParentOf(token)?.ParentId);
            MultiInstanceBody.InnerCompleted(this, token, node);
            return;
        }
        ActivityEnded(token, node);
        if (!token.IsMultiInstanceBody)
        {
            RememberForCompensation(token, node, token.ParentId);
        }
        token.Variables = null;
        token.IsMultiInstanceBody = false;
        token.LoopItems = null;
        if (node.AsyncAfter)
        {
            CreateContinuation(token, node, StepPhase.Take);
            return;
        }
        TakeOutgoing(token);
    }

    public void TakeOutgoing(Token token)
    {
        var node = Model.GetNode(token.ElementId);
        if (StopIfPoisoned(token, node, StepPhase.Take))
        {
            return;
        }
        if (token.CompensationFor is not null)
        {
            // A compensation handler or compensated scope: its work was the compensation.
            token.State = TokenState.Active;
            EndToken(token);
            return;
        }
        IReadOnlyList<SequenceFlow> flows;
        try
        {
            flows = Step.Services.Behaviours.For(node).SelectOutgoing(this, token, node);
        }
        catch (Exception ex) when (IsElementError(ex))
        {
            throw Failure(token, node, StepPhase.Take, ex);
        }
        token.State = TokenState.Active;
        if (flows.Count == 0)
        {
            EndToken(token);
            return;
        }
        // In document order, as Camunda 7 does: the first branch runs to its wait state before the second starts,
        // so a signal thrown on a later branch reaches a catch event waiting on an earlier one.
        var parentId = token.ParentId;
        MoveAlong(token, flows[0]);
        for (var i = 1; i < flows.Count; i++)
        {
            MoveAlong(NewToken(node.Id, parentId), flows[i]);
        }
    }

    public void MoveAlong(Token token, SequenceFlow flow)
    {
        if (flow.Listeners.Count > 0)
        {
            try
            {
                Notify(token, flow.Source, flow.Listeners, taskListeners: false, "take");
            }
            catch (Exception ex) when (IsElementError(ex))
            {
                throw Failure(token, flow.Source, StepPhase.Take, ex);
            }
        }
        token.ElementId = flow.TargetId;
        token.ArrivedVia = flow.Id;
        token.State = TokenState.Active;
        Schedule(token, AgendaOp.Enter);
    }

    /// <summary>
    /// The outgoing flows an activity or event takes (BPMN 2.0 §13.2.1): every flow without a condition or whose
    /// condition holds; the default flow only when no conditional flow holds.
    /// </summary>
    public IReadOnlyList<SequenceFlow> ConditionalOutgoing(Token token, FlowNode node)
    {
        if (node.Outgoing.Count == 1 && node.Outgoing[0].Condition is null)
        {
            return node.Outgoing;
        }
        var taken = new List<SequenceFlow>(node.Outgoing.Count);
        SequenceFlow? fallback = null;
        foreach (var flow in node.Outgoing)
        {
            if (flow.Id == node.DefaultFlowId)
            {
                fallback = flow;
            }
            else if (flow.Condition is null || Expressions.EvaluateCondition(flow.Condition, VariablesOf(token)))
            {
                taken.Add(flow);
            }
        }
        if (taken.Count == 0 && fallback is not null)
        {
            taken.Add(fallback);
        }
        return taken;
    }

    private void ApplyInputs(Token token, FlowNode node)
    {
        if (node.InputOutput is not { Inputs.Count: > 0 } io)
        {
            return;
        }
        foreach (var p in io.Inputs)
        {
            SetLocalVariable(token, p.Name, EvaluateIo(token, p.Value));
        }
    }

    private void ApplyOutputs(Token token, FlowNode node)
    {
        if (node.InputOutput is not { Outputs.Count: > 0 } io)
        {
            return;
        }
        var values = io.Outputs.Select(p => (p.Name, Value: EvaluateIo(token, p.Value))).ToList();
        var target = ParentOf(token);
        foreach (var (name, value) in values)
        {
            SetVariable(target, name, value);
        }
    }

    private JsonNode? EvaluateIo(Token token, IoValue value) => value switch
    {
        IoText text => Expressions.Evaluate(text.Value, VariablesOf(token)),
        IoList list => new JsonArray(list.Items.Select(i => EvaluateIo(token, i)).ToArray()),
        IoMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key, EvaluateIo(token, e.Value)))),
        IoScript script => Expressions.RunScript(script.Source, VariablesOf(token), (_, _) => { }),
        _ => null,
    };

    /// <summary>The step has entered more elements than allowed: this token stops here with an incident naming its loop.</summary>
    private bool StopIfOverLimit(Token token, FlowNode node)
    {
        var limit = Step.Services.Options.MaxElementsPerStep;
        if (++Step.ElementsEntered <= limit)
        {
            return false;
        }
        var loop = Model.WaitlessCycles.TryGetValue(node.Id, out var cycle)
            ? $"it runs round the loop {string.Join(" → ", cycle)} → {cycle[0]}, which has no wait state"
            : "no wait state was reached";
        RaiseIncident(token, node, StepPhase.Enter, "stepLimit",
            $"{node}: the step entered more than {limit} elements (Engine:MaxElementsPerStep) and the token was stopped: {loop}.", jobId: null);
        return true;
    }

    private bool StopIfPoisoned(Token token, FlowNode node, StepPhase phase)
    {
        if (!Step.IsPoisoned(new PoisonKey(PoisonScope, token.Id, node.Id, phase), out var failure))
        {
            return false;
        }
        RaiseIncident(token, node, phase, failure.Kind, failure.Message, jobId: null);
        return true;
    }

    public void RaiseIncident(Token token, FlowNode node, StepPhase? phase, string kind, string message, string? jobId)
    {
        var incident = new IncidentRecord
        {
            Id = Ids.New(),
            InstanceId = Id,
            TokenId = token.Id,
            ElementId = node.Id,
            ProcessKey = Record.ProcessKey,
            Kind = kind,
            Message = message,
            JobId = jobId,
            CreatedAt = Now,
        };
        Step.Effects.NewIncidents.Add(incident);
        if (phase is not null)
        {
            token.State = TokenState.Failed;
            token.FailedPhase = phase;
        }
        token.IncidentId = incident.Id;
        IsDirty = true;
        History(HistoryTypes.IncidentCreated, token, node, data: new JsonObject
        {
            ["incidentId"] = incident.Id,
            ["kind"] = kind,
            ["message"] = message,
        });
    }

    private ElementFailure Failure(Token token, FlowNode node, StepPhase phase, Exception ex)
    {
        var kind = ex is ExpressionException ? "expression" : "failedExecution";
        return new ElementFailure(new PoisonKey(PoisonScope, token.Id, node.Id, phase), kind, $"{node}: {ex.Message}", ex);
    }

    private static bool IsElementError(Exception ex) =>
        ex is not (ElementFailure or ConcurrencyConflictException or OperationCanceledException or DbException);
}
