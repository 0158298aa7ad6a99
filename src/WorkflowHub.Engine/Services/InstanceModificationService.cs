using System.Text.Json.Nodes;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Persistence;
using WorkflowHub.Engine.Runtime;

namespace WorkflowHub.Engine.Services;

/// <summary>What one instruction of an instance modification does (Camunda 7's modification instructions).</summary>
public enum ModificationKind
{
    /// <summary>A token enters the activity, as if a sequence flow led there.</summary>
    StartBeforeActivity,
    /// <summary>A token leaves the element along the flows it would take, without running it.</summary>
    StartAfterActivity,
    /// <summary>One token (activity instance) or every token at an element ends, with its tasks, timers and scopes below.</summary>
    Cancel,
}

/// <summary>
/// One instruction. Start: <see cref="ActivityId"/>, and <see cref="AncestorActivityInstanceId"/> when the element's
/// sub-process runs more than once. Cancel: <see cref="ActivityInstanceId"/> (a token id) or <see cref="ActivityId"/>
/// (every token there).
/// </summary>
public sealed record ModificationInstruction(
    ModificationKind Kind,
    string? ActivityId = null,
    string? ActivityInstanceId = null,
    string? AncestorActivityInstanceId = null);

/// <summary>An instance modification (实例修改): instructions run in order, variables set first, all in one step.</summary>
public sealed record InstanceModification(
    IReadOnlyList<ModificationInstruction> Instructions,
    IReadOnlyDictionary<string, JsonNode?>? Variables = null,
    string? Reason = null);

/// <summary>What a modification did: the instance's status afterwards, the tokens it cancelled and those it started.</summary>
public sealed record ModificationResult(string InstanceId, InstanceStatus Status, IReadOnlyList<string> CancelledTokenIds, IReadOnlyList<string> StartedTokenIds);

/// <summary>
/// Operating a stuck instance as Camunda Cockpit does: cancel tokens and start others before or after any element, with
/// variables, as one step — everything or, on a refused instruction, nothing. History records "instance.modified" with
/// the actor, the reason and the instructions. When the instructions leave no token, the instance ends as cancelled
/// (Camunda deletes it), since nothing reached an end event.
/// </summary>
public interface IInstanceModificationService
{
    Task<ModificationResult> ModifyAsync(string instanceId, InstanceModification modification, string actor, CancellationToken ct = default);
}

internal sealed class InstanceModificationService(StepRunner steps) : IInstanceModificationService
{
    /// <summary>The history type of a modification.</summary>
    public const string HistoryType = "instance.modified";

    public const int MaxInstructions = 50;

    public Task<ModificationResult> ModifyAsync(string instanceId, InstanceModification modification, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(modification);
        if (modification.Instructions is not { Count: > 0 and <= MaxInstructions })
        {
            throw new WorkflowArgumentException("instructions", $"Give 1 to {MaxInstructions} instructions.");
        }
        // Failing elements stop with an incident (Incident mode) rather than refuse the whole change; refused
        // instructions throw before commit, so nothing of the modification is written.
        return steps.RunAsync(async (step, token) =>
        {
            var x = await step.GetInstanceAsync(instanceId, token).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Process instance '{instanceId}' does not exist.");
            if (x.Record.Status != InstanceStatus.Running)
            {
                throw new WorkflowConflictException($"Process instance '{instanceId}' is already {x.Record.Status.ToString().ToLowerInvariant()}.");
            }
            // Cancelling alone runs no agenda operation, which is what usually marks the state for writing.
            x.MarkDirty();
            x.History(HistoryType, data: Describe(modification));
            x.SetVariables(null, modification.Variables);
            var cancelled = new List<string>();
            var started = new List<Token>();
            for (var i = 0; i < modification.Instructions.Count; i++)
            {
                var instruction = modification.Instructions[i];
                var field = $"instructions[{i}]";
                switch (instruction.Kind)
                {
                    case ModificationKind.Cancel:
                        foreach (var victim in Targets(x, instruction, field))
                        {
                            cancelled.Add(victim.Id);
                            InstanceModifier.Cancel(x, victim);
                        }
                        break;
                    case ModificationKind.StartBeforeActivity:
                        started.Add(InstanceModifier.StartBefore(x, Node(x, instruction, field), Ancestor(x, instruction, field), field + ".activityId"));
                        break;
                    case ModificationKind.StartAfterActivity:
                        started.Add(InstanceModifier.StartAfter(x, Node(x, instruction, field), Ancestor(x, instruction, field), field + ".activityId"));
                        break;
                    default:
                        throw new WorkflowArgumentException(field + ".type", $"Unknown instruction type '{instruction.Kind}'.");
                }
            }
            await step.RunAgendaAsync(token).ConfigureAwait(false);
            if (x.Record.Status == InstanceStatus.Running && InstanceModifier.CancelEmptiedScopes(x))
            {
                x.EndInstance(InstanceStatus.Cancelled, modification.Reason ?? "the modification left no token");
            }
            return new ModificationResult(x.Id, x.Record.Status, cancelled, started.Select(t => t.Id).ToList());
        }, actor, FailureMode.Incident, ct);
    }

    private static FlowNode Node(ProcessExecution x, ModificationInstruction instruction, string field)
    {
        if (string.IsNullOrWhiteSpace(instruction.ActivityId))
        {
            throw new WorkflowArgumentException(field + ".activityId", "Name the activity (activityId).");
        }
        return x.Model.Nodes.TryGetValue(instruction.ActivityId, out var node)
            ? node
            : throw new WorkflowArgumentException(field + ".activityId", $"The process has no element '{instruction.ActivityId}'.");
    }

    /// <summary>The named ancestor must be a running sub-process that encloses the element.</summary>
    private static string? Ancestor(ProcessExecution x, ModificationInstruction instruction, string field)
    {
        if (instruction.AncestorActivityInstanceId is not { Length: > 0 } ancestorId)
        {
            return null;
        }
        var node = Node(x, instruction, field);
        var ancestor = x.FindToken(ancestorId);
        var encloses = false;
        for (var scope = node.Scope; ancestor is not null && scope.Owner is { } owner; scope = owner.Scope)
        {
            encloses |= owner.Id == ancestor.ElementId;
        }
        return ancestor is { State: TokenState.Scope } && encloses
            ? ancestorId
            : throw new WorkflowArgumentException(field + ".ancestorActivityInstanceId",
                $"'{ancestorId}' is not a running sub-process that encloses '{node.Id}'.");
    }

    private static List<Token> Targets(ProcessExecution x, ModificationInstruction instruction, string field)
    {
        if (instruction.ActivityInstanceId is { Length: > 0 } tokenId)
        {
            var one = x.FindToken(tokenId)
                ?? throw new WorkflowArgumentException(field + ".activityInstanceId", $"The instance has no activity instance '{tokenId}' (it may have moved on).");
            return [one];
        }
        var node = Node(x, instruction, field);
        // Every token at the element; inner multi-instance tokens go with their body.
        var tokens = x.State.Tokens.Where(t => t.ElementId == node.Id && !(t.IsMultiInstanceInner && x.ParentOf(t)?.ElementId == node.Id)).ToList();
        return tokens.Count > 0
            ? tokens
            : throw new WorkflowArgumentException(field + ".activityId", $"No token stands at '{node.Id}'.");
    }

    private static JsonObject Describe(InstanceModification modification)
    {
        var instructions = new JsonArray();
        foreach (var i in modification.Instructions)
        {
            var item = new JsonObject { ["type"] = JsonNamingPolicyCamel(i.Kind) };
            if (i.ActivityId is not null)
            {
                item["activityId"] = i.ActivityId;
            }
            if (i.ActivityInstanceId is not null)
            {
                item["activityInstanceId"] = i.ActivityInstanceId;
            }
            if (i.AncestorActivityInstanceId is not null)
            {
                item["ancestorActivityInstanceId"] = i.AncestorActivityInstanceId;
            }
            instructions.Add(item);
        }
        var data = new JsonObject { ["instructions"] = instructions };
        if (modification.Reason is not null)
        {
            data["reason"] = modification.Reason;
        }
        if (modification.Variables is { Count: > 0 } variables)
        {
            data["variables"] = new JsonArray(variables.Keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        }
        return data;
    }

    private static string JsonNamingPolicyCamel(ModificationKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
