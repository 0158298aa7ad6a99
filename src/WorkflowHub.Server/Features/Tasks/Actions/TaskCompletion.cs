using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Services;
using WorkflowHub.Server.Data;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>What a completion carries: the form's variables and the opinion (审批意见).</summary>
public sealed record CompletionRequest(Dictionary<string, JsonNode?>? Variables, string? Opinion);

/// <summary>
/// Completing a task under the actions' rules: a delegated task goes back to its owner first (委派), co-signers
/// before the owner finish first (向前加签), and co-signers after the owner get their turn before the engine moves on
/// (向后加签: the owner's completion waits in <see cref="TaskActionState.PendingCompletion"/>).
/// </summary>
public sealed class TaskCompletion(TaskActions actions, ITaskService tasks)
{
    // Compiled once: a LINQ query builds its expression tree and looks it up in EF's query cache at each call.
    private static readonly CompiledQuery<Func<HubDbContext, string, CancellationToken, Task<TaskActionState?>>> StateQuery = new(() =>
        EF.CompileAsyncQuery((HubDbContext db, string taskId, CancellationToken _) =>
            db.Set<TaskActionState>().AsNoTracking().FirstOrDefault(s => s.TaskId == taskId)));

    private static Task<TaskActionState?> StateOf(HubDbContext db, string taskId, CancellationToken ct) => StateQuery.For(db)(db, taskId, ct);

    /// <summary>
    /// Answers the instance's status after the engine completed the task, or null when the task now waits for
    /// co-signers.
    /// </summary>
    public async Task<InstanceStatus?> CompleteAsync(TaskInfo task, string actor, TaskActionKind kind, IReadOnlyDictionary<string, JsonNode?>? variables,
        string? opinion, CancellationToken ct)
    {
        var at = actions.Now;
        try
        {
            // The delegation and the co-signers are read in the step that completes: one committed a moment earlier
            // (a co-signer added before the owner) is seen, and the reads use the step's connection.
            return await actions.Engine.CompleteAsync(task.Id, variables, actor, opinion, async (stepDb, _, token) =>
            {
                if (await GateAsync((HubDbContext)stepDb, task.Id, token))
                {
                    throw new CoSignersAfterTheOwner();
                }
                await TaskActions.WriteCommentsAsync(stepDb, [TaskActions.Comment(task, actor, kind, opinion, at)], token);
            }, ct);
        }
        catch (CoSignersAfterTheOwner)
        {
            // 向后加签: the owner's decision waits for them (the completion's step rolled back; this is a step of its own).
            var pending = new JsonObject
            {
                ["kind"] = kind.ToString(),
                ["actor"] = actor,
                ["opinion"] = opinion,
                ["variables"] = variables is null ? null : JsonSerializer.SerializeToNode(variables),
            };
            await actions.RecordAsync(task, actor, kind, opinion, data: new JsonObject { ["waitsForCoSigners"] = true },
                alsoWithinStep: async (stepDb, current, token) =>
                {
                    var s = await TaskActions.StateAsync(stepDb, current, token);
                    s.PendingCompletion = pending.ToJsonString();
                    foreach (var c in await stepDb.Set<TaskCoSign>().Where(c => c.TaskId == current.Id && c.Status == CoSignStatus.Waiting).ToListAsync(token))
                    {
                        c.Status = CoSignStatus.Open;
                    }
                }, ct: ct);
            return null;
        }
    }

    /// <summary>
    /// Refuses a completion the task's actions hold back (a delegation not yet resolved, a decision already waiting,
    /// co-signers before the owner still open); answers whether co-signers after the owner still act.
    /// </summary>
    private static async Task<bool> GateAsync(HubDbContext db, string taskId, CancellationToken ct)
    {
        var gate = await CompletionGateRead.ReadAsync(db, taskId, ct);
        if (gate.Delegation == DelegationState.Pending)
        {
            throw new WorkflowConflictException(
                $"Task '{taskId}' is delegated: resolve it back to '{gate.Owner}', who completes it.");
        }
        if (gate.DecisionWaits)
        {
            throw new WorkflowConflictException("The task already waits for its co-signers.");
        }
        var before = gate.CoSigners.Where(c => c.Position == CoSignPosition.Before && c.Status == CoSignStatus.Open).Select(c => c.UserName).ToList();
        if (before.Count > 0)
        {
            throw new WorkflowConflictException(
                $"Co-signers must finish first: {string.Join(", ", before)}.");
        }
        return gate.CoSigners.Any(c => c.Position == CoSignPosition.After);
    }

    /// <summary>Rolls the completion's step back when co-signers after the owner still act; never leaves this class.</summary>
    private sealed class CoSignersAfterTheOwner() : WorkflowException("Co-signers after the owner act first.");

    /// <summary>After the last "after" co-signer: the owner's stored completion runs.</summary>
    public async Task RunPendingAsync(TaskInfo task, CancellationToken ct)
    {
        var state = await StateOf(actions.Db, task.Id, ct);
        if (state?.PendingCompletion is null)
        {
            return;
        }
        var pending = JsonNode.Parse(state.PendingCompletion)!.AsObject();
        var variables = pending["variables"]?.Deserialize<Dictionary<string, JsonNode?>>();
        await tasks.CompleteAsync(task.Id, variables, pending["actor"]?.GetValue<string>(), pending["opinion"]?.GetValue<string>(), ct);
    }
}
