using WorkflowHub.Engine.Behaviours;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Runtime;

/// <summary>Execution and task listeners: expressions, JavaScript scripts and in-process handlers, run inside the step.</summary>
internal sealed partial class ProcessExecution
{
    /// <summary>Runs the listeners of <paramref name="listeners"/> for the event, in document order.</summary>
    public void Notify(Token token, FlowNode node, IReadOnlyList<ListenerDefinition> listeners, bool taskListeners, string eventName)
    {
        if (listeners.Count == 0)
        {
            return;
        }
        foreach (var listener in listeners)
        {
            if (listener.IsTaskListener == taskListeners && listener.Event == eventName)
            {
                Run(token, node, listener);
            }
        }
    }

    /// <summary>
    /// Task listeners of an event that happens outside enter and leave (a completion): a failure stops the token with
    /// an incident on <paramref name="phase"/>, like any other element failure. False when the token was stopped.
    /// </summary>
    public bool NotifyTask(Token token, FlowNode node, string eventName, StepPhase phase)
    {
        if (StopIfPoisoned(token, node, phase))
        {
            return false;
        }
        try
        {
            Notify(token, node, node.Listeners, taskListeners: true, eventName);
            return true;
        }
        catch (Exception ex) when (IsElementError(ex))
        {
            throw Failure(token, node, phase, ex);
        }
    }

    private void Run(Token token, FlowNode node, ListenerDefinition listener)
    {
        if (listener.Script is { } script)
        {
            Expressions.RunScript(script, VariablesOf(token), (name, value) => SetVariable(token, name, value));
        }
        else if (listener.Expression is { } expression)
        {
            // "${execution.setVariable('x', 1)}" is common: a single placeholder runs as a script, so `execution` is there.
            var parts = ExpressionTemplate.Split(expression.Text, out var error);
            if (error is null && parts.Count(p => p.IsCode) == 1 && parts.All(p => p.IsCode || string.IsNullOrWhiteSpace(p.Text)))
            {
                Expressions.RunScript(parts.First(p => p.IsCode).Text, VariablesOf(token), (name, value) => SetVariable(token, name, value));
            }
            else
            {
                Expressions.Evaluate(expression, VariablesOf(token));
            }
        }
        else if (listener.Delegate is { } delegateName)
        {
            var handler = HandlerRegistry.FindDelegate(Step.Services.Handlers, delegateName)
                ?? throw new InvalidOperationException($"no handler is registered under '{delegateName}'.");
            // Listeners fire inside synchronous agenda operations; the handler writes through the step's DbContext and
            // completes without waiting on anything outside the step, so waiting for it here cannot deadlock.
            handler.ExecuteAsync(ServiceTaskBehaviour.Context(this, token, node, listener.Fields), CancellationToken.None)
                .AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A signal throw or end event broadcasts its signal (see <see cref="SignalBroadcast"/>).</summary>
    public async Task ThrowSignalAsync(Token token, FlowNode node, CancellationToken ct)
    {
        var name = node.Event.SignalName ?? throw new InvalidOperationException("the signal event names no signal.");
        History(HistoryTypes.SignalThrown, token, node, data: new System.Text.Json.Nodes.JsonObject { ["signalName"] = name });
        await SignalBroadcast.SendAsync(Step, name, null, ct).ConfigureAwait(false);
    }
}
