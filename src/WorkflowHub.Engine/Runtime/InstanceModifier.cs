using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// The token surgery behind instance modification (Camunda's process instance modification): start a token before or
/// after an element, creating the sub-process scopes above it that do not run yet, and cancel tokens; then tidy the
/// scopes a cancellation emptied. Runs inside a step, so a refused instruction rolls back everything before it.
/// </summary>
internal static class InstanceModifier
{
    /// <summary>A token enters <paramref name="target"/> as if a flow led there; its boundary events start with it.</summary>
    public static Token StartBefore(ProcessExecution x, FlowNode target, string? ancestorTokenId, string field)
    {
        if (target.Kind == ElementKind.BoundaryEvent)
        {
            throw new WorkflowArgumentException(field,
                $"'{target.Id}' is a boundary event: start before its activity '{target.AttachedToId}' instead.");
        }
        var token = x.NewToken(target.Id, ResolveScope(x, target.Scope, ancestorTokenId, field));
        x.Schedule(token, AgendaOp.Enter);
        return token;
    }

    /// <summary>
    /// A token leaves <paramref name="source"/> without running it: it takes the outgoing flows the element would take
    /// (a parallel fork every flow, an exclusive or inclusive gateway the flows its conditions choose).
    /// </summary>
    public static Token StartAfter(ProcessExecution x, FlowNode source, string? ancestorTokenId, string field)
    {
        if (source.Outgoing.Count == 0)
        {
            throw new WorkflowArgumentException(field,
                $"'{source.Id}' has no outgoing sequence flow to start after.");
        }
        if (source.Kind == ElementKind.EventBasedGateway)
        {
            throw new WorkflowArgumentException(field,
                $"'{source.Id}' is an event-based gateway: start before it (or before one of its events) instead.");
        }
        var token = x.NewToken(source.Id, ResolveScope(x, source.Scope, ancestorTokenId, field));
        x.Schedule(token, AgendaOp.Take);
        return token;
    }

    /// <summary>Cancels the token and everything below it (its task, timers, subscriptions, called instance).</summary>
    public static void Cancel(ProcessExecution x, Token token)
    {
        if (x.State.Tokens.Contains(token))
        {
            x.CancelToken(token);
        }
    }

    /// <summary>
    /// Scope tokens (sub-processes, multi-instance bodies) left without a child by the cancellations are cancelled
    /// too, innermost first, as Camunda does; answers whether the instance has no token left.
    /// </summary>
    public static bool CancelEmptiedScopes(ProcessExecution x)
    {
        while (x.State.Tokens.Find(t => t.State == TokenState.Scope && !x.State.Tokens.Exists(c => c.ParentId == t.Id)) is { } empty)
        {
            x.CancelToken(empty);
        }
        return x.State.Tokens.Count == 0;
    }

    /// <summary>
    /// The token the new token goes under for elements of <paramref name="scope"/>: none for the process; for a
    /// sub-process the one running instance of it (or the named ancestor), else a new instance of it, created with its
    /// boundary events but without running its start event.
    /// </summary>
    private static string? ResolveScope(ProcessExecution x, ScopeModel scope, string? ancestorTokenId, string field)
    {
        if (scope.Owner is not { } owner)
        {
            return null;
        }
        // A named ancestor narrows the choice to the instances of this sub-process at or below it.
        var running = x.State.Tokens.Where(t => t.ElementId == owner.Id && t.State == TokenState.Scope && !t.IsMultiInstanceBody
            && (ancestorTokenId is null || t.Id == ancestorTokenId || HasAncestor(x, t, ancestorTokenId))).ToList();
        if (running.Count == 1)
        {
            return running[0].Id;
        }
        // Stryker disable once Equality : equivalent, a count of one returned just above, so ">= 1" admits the same counts as "> 1"
        if (running.Count > 1)
        {
            throw new WorkflowArgumentException(field.Replace("activityId", "ancestorActivityInstanceId", StringComparison.Ordinal),
                $"The sub-process '{owner.Id}' runs {running.Count} times: name the one to start in (ancestorActivityInstanceId).");
        }
        if (owner.MultiInstance is not null)
        {
            throw new WorkflowArgumentException(field,
                $"The multi-instance sub-process '{owner.Id}' is not running: start before it instead.");
        }
        var parent = ResolveScope(x, owner.Scope, ancestorTokenId, field);
        var scopeToken = x.NewToken(owner.Id, parent);
        scopeToken.State = TokenState.Scope;
        x.ActivityStarted(scopeToken, owner);
        x.AttachBoundaryEvents(scopeToken, owner);
        return scopeToken.Id;
    }

    private static bool HasAncestor(ProcessExecution x, Token token, string ancestorTokenId)
    {
        for (var t = x.ParentOf(token); t is not null; t = x.ParentOf(t))
        {
            if (t.Id == ancestorTokenId)
            {
                return true;
            }
        }
        return false;
    }
}
