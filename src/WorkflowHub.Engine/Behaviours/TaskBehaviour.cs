namespace WorkflowHub.Engine.Behaviours;

/// <summary>Tasks without work (task, manualTask): the token passes.</summary>
internal sealed class TaskBehaviour : ElementBehaviour, IElementRules;
