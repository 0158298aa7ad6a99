using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// Compensation (BPMN 2.0 §10.7, as Camunda 7 runs it). A compensable activity that completes is remembered in its scope
/// (<see cref="InstanceState.Compensations"/>). A compensation throw or end event compensates the completed activities of
/// its scope (the enclosing one when it stands in an event sub-process): one (activityRef) or all, starting their handlers
/// in reverse order of completion. An activity's handler is the isForCompensation activity its compensation boundary event
/// is associated with; a sub-process without one is entered again, with the variables it ended with, and runs its
/// compensation event sub-process or else compensates its own completed activities. By default the throwing token waits
/// until the handlers have ended.
/// </summary>
internal sealed partial class ProcessExecution
{
    /// <summary>A compensable activity completed in scope <paramref name="scopeId"/>: remember it.</summary>
    private void RememberForCompensation(Token token, FlowNode node, string? scopeId)
    {
        if (!node.IsCompensable || token.CompensationFor is not null)
        {
            return;
        }
        string? key = null;
        if (node.InnerScope is not null)
        {
            // The token moves on under its id; what completed inside is filed under a fresh one, which the scope takes
            // again if it is compensated.
            key = State.NewTokenId();
            foreach (var inner in State.Compensations ?? [])
            {
                if (inner.ScopeId == token.Id)
                {
                    inner.ScopeId = key;
                }
            }
        }
        (State.Compensations ??= []).Add(new CompensationRecord
        {
            ActivityId = node.Id,
            ScopeId = scopeId,
            ScopeKey = key,
            Variables = node.InnerScope is null || token.Variables is null
                ? null
                : token.Variables.ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal),
        });
    }

    /// <summary>A scope was cancelled, not completed: what completed inside it can no longer be compensated.</summary>
    private void ForgetCompensations(string scopeId)
    {
        if (State.Compensations is not { Count: > 0 } records)
        {
            return;
        }
        foreach (var record in records.Where(r => r.ScopeId == scopeId).ToList())
        {
            records.Remove(record);
            if (record.ScopeKey is { } inner)
            {
                ForgetCompensations(inner);
            }
        }
    }

    /// <summary>
    /// A compensation throw or end event: starts the handlers of its scope's completed activities, latest first. True when
    /// the token now waits for them (it is moved on by <see cref="CompensationEnded"/>); false when it goes on at once.
    /// </summary>
    public bool ThrowCompensation(Token thrower, FlowNode node)
    {
        var scopeId = ParentOf(thrower) is { } parent && Model.GetNode(parent.ElementId).Kind == ElementKind.EventSubProcess
            ? parent.ParentId
            : thrower.ParentId;
        var activityRef = node.Event.ActivityRef;
        var records = State.Compensations?.Where(r => r.ScopeId == scopeId && (activityRef is null || r.ActivityId == activityRef)).Reverse().ToList();
        History(HistoryTypes.CompensationThrown, thrower, data: new JsonObject
        {
            ["activityRef"] = activityRef,
            ["compensated"] = new JsonArray(records?.Select(r => (JsonNode?)JsonValue.Create(r.ActivityId)).ToArray() ?? []),
        });
        if (records is not { Count: > 0 })
        {
            return false;
        }
        IsDirty = true;
        var wait = node.Event.WaitForCompletion;
        foreach (var record in records)
        {
            State.Compensations!.Remove(record);
            StartCompensation(record, wait ? thrower.Id : "");
        }
        if (wait)
        {
            thrower.AwaitsCompensation = true;
            thrower.State = TokenState.Waiting;
        }
        return wait;
    }

    private void StartCompensation(CompensationRecord record, string? trackedBy)
    {
        var activity = Model.GetNode(record.ActivityId);
        if (activity.CompensationHandler is { } handler)
        {
            var token = NewToken(handler.Id, record.ScopeId);
            token.CompensationFor = trackedBy;
            Schedule(token, AgendaOp.Enter);
            return;
        }
        // A sub-process without a handler of its own: its scope comes back, under the key its content was filed under, so
        // that what completed inside it can be compensated from within.
        var scope = new Token
        {
            Id = record.ScopeKey!,
            ElementId = activity.Id,
            ParentId = record.ScopeId,
            State = TokenState.Scope,
            Variables = record.Variables,
            CompensationFor = trackedBy ?? "",
        };
        State.Tokens.Add(scope);
        ActivityStarted(scope, activity);
        if (CompensationWiring.CompensationEventSubProcess(activity.InnerScope!) is { } eventSub)
        {
            StartEventSubProcess(scope.Id, eventSub, null);
            return;
        }
        var inner = State.Compensations?.Where(r => r.ScopeId == scope.Id).Reverse().ToList() ?? [];
        foreach (var record2 in inner)
        {
            State.Compensations!.Remove(record2);
            StartCompensation(record2, trackedBy: null);
        }
        if (inner.Count == 0)
        {
            CompleteScopeIfEmpty(scope.Id);
        }
    }

    /// <summary>A compensation handler (or a compensated sub-process scope) ended: the last one moves its waiting thrower on.</summary>
    private void CompensationEnded(string trackedBy)
    {
        if (trackedBy.Length == 0 || State.Tokens.Exists(t => t.CompensationFor == trackedBy))
        {
            return;
        }
        if (State.Find(trackedBy) is { AwaitsCompensation: true } thrower)
        {
            thrower.AwaitsCompensation = false;
            thrower.State = TokenState.Active;
            Schedule(thrower, AgendaOp.Leave);
        }
    }
}
