using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>
/// User task (BPMN 2.0 §10.3.3, Camunda 7 task attributes): creates an open task with its assignee, candidate
/// users and groups, due and follow-up dates, priority and form key; the token waits until it is completed.
/// </summary>
internal sealed class UserTaskBehaviour : ElementBehaviour, IElementRules
{
    private const int DefaultPriority = 50;

    public override ValueTask EnterAsync(ProcessExecution execution, Token token, FlowNode node, CancellationToken ct)
    {
        var def = node.UserTask ?? new UserTaskDefinition();
        var vars = execution.VariablesOf(token);
        var ex = execution.Expressions;
        // A name listed twice (often an expression joining two lists) is one candidate, on the task as in its candidate rows.
        var candidateUsers = def.CandidateUsers is null ? [] : ex.EvaluateList(def.CandidateUsers, vars).Distinct(StringComparer.Ordinal).ToList();
        var candidateGroups = def.CandidateGroups is null ? [] : ex.EvaluateList(def.CandidateGroups, vars).Distinct(StringComparer.Ordinal).ToList();
        var task = new UserTaskRecord
        {
            Id = Ids.New(),
            InstanceId = execution.Id,
            TokenId = token.Id,
            ElementId = node.Id,
            Name = node.Name,
            ProcessKey = execution.Record.ProcessKey,
            BusinessKey = execution.Record.BusinessKey,
            Assignee = NullIfEmpty(def.Assignee is null ? null : ex.EvaluateString(def.Assignee, vars)),
            CandidateUsers = candidateUsers.Count == 0 ? null : string.Join(',', candidateUsers),
            CandidateGroups = candidateGroups.Count == 0 ? null : string.Join(',', candidateGroups),
            DueDate = DateOrDuration(execution, def.DueDate, token),
            FollowUpDate = DateOrDuration(execution, def.FollowUpDate, token),
            Priority = def.Priority is null ? DefaultPriority : ex.EvaluateInt(def.Priority, vars) ?? DefaultPriority,
            FormKey = def.FormKey,
            CreatedAt = execution.Now,
        };
        var effects = execution.Step.Effects;
        effects.NewTasks.Add(task);
        foreach (var user in candidateUsers)
        {
            effects.NewCandidates.Add(new TaskCandidateRecord { TaskId = task.Id, Kind = CandidateKind.User, Value = user });
        }
        foreach (var group in candidateGroups)
        {
            effects.NewCandidates.Add(new TaskCandidateRecord { TaskId = task.Id, Kind = CandidateKind.Group, Value = group });
        }
        token.TaskId = task.Id;
        token.State = TokenState.Waiting;
        execution.History(HistoryTypes.TaskCreated, token, node, task.Id, new JsonObject
        {
            ["name"] = task.Name,
            ["assignee"] = task.Assignee,
            ["candidateUsers"] = task.CandidateUsers,
            ["candidateGroups"] = task.CandidateGroups,
            ["dueDate"] = task.DueDate?.ToString("o"),
        });
        if (task.Assignee is not null)
        {
            execution.Notify(token, node, node.Listeners, taskListeners: true, "assignment");
        }
        execution.Notify(token, node, node.Listeners, taskListeners: true, "create");
        return ValueTask.CompletedTask;
    }

    public override Task TriggerAsync(ProcessExecution execution, Token token, FlowNode node, Trigger trigger, CancellationToken ct)
    {
        if (trigger is TaskCompleted completed && token.TaskId == completed.TaskId)
        {
            // The completion's variables are visible to the complete listeners, as in Camunda.
            execution.SetVariables(token, completed.Variables);
            if (!execution.NotifyTask(token, node, "complete", StepPhase.Leave))
            {
                return Task.CompletedTask;
            }
            execution.Step.Effects.DeleteTask(completed.TaskId);
            token.TaskId = null;
            execution.History(HistoryTypes.TaskCompleted, token, node, completed.TaskId,
                completed.Comment is null ? null : new JsonObject { ["comment"] = completed.Comment });
            execution.Leave(token);
            return Task.CompletedTask;
        }
        return base.TriggerAsync(execution, token, node, trigger, ct);
    }

    /// <summary>Due dates accept a date, or an ISO-8601 duration counted from now (e.g. "P3D").</summary>
    private static DateTimeOffset? DateOrDuration(ProcessExecution execution, Expression? expression, Token token)
    {
        if (expression is null)
        {
            return null;
        }
        var value = execution.Expressions.Evaluate(expression, execution.VariablesOf(token));
        if (value is JsonValue v && v.TryGetValue<string>(out var text))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
            {
                return IsoDuration.Parse(text).AddTo(execution.Now);
            }
        }
        return execution.Expressions.EvaluateDate(expression, execution.VariablesOf(token));
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
