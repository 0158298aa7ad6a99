using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Behaviours;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Jobs;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Runtime;

/// <summary>The singletons every step uses, bundled so a step gets them in one constructor argument.</summary>
internal sealed class ExecutionServices(
    DefinitionCache definitions,
    BehaviourRegistry behaviours,
    ExpressionEvaluator expressions,
    IHandlerRegistry handlers,
    IOptions<EngineOptions> options,
    JobWakeup wakeup)
{
    public DefinitionCache Definitions { get; } = definitions;
    public BehaviourRegistry Behaviours { get; } = behaviours;
    public ExpressionEvaluator Expressions { get; } = expressions;
    public IHandlerRegistry Handlers { get; } = handlers;
    public EngineOptions Options { get; } = options.Value;
    public JobWakeup Wakeup { get; } = wakeup;
}
