using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Engine.ExternalTasks;

/// <summary>
/// An external task (外部任务, Camunda 7's external-task pattern): a service task whose topic has no in-process
/// handler waits here until a worker fetches, locks and completes it. One row per waiting token; it goes when the
/// token moves on (completed, a BPMN error, or cancelled by a boundary event, terminate or an instance cancel).
/// </summary>
public sealed class ExternalTaskRecord
{
    public const string Table = "wf_external_tasks";
    public const int TopicMaxLength = 255;
    public const int WorkerIdMaxLength = 255;
    public const int ErrorMessageMaxLength = 2000;

    public required string Id { get; set; }
    public required string Topic { get; set; }
    public required string InstanceId { get; set; }
    public required string TokenId { get; set; }

    /// <summary>The service task's id (Camunda's activityId).</summary>
    public required string ElementId { get; set; }
    public required string DefinitionId { get; set; }
    public required string ProcessKey { get; set; }
    public string? BusinessKey { get; set; }

    /// <summary>camunda:taskPriority; higher first when a worker fetches with usePriority.</summary>
    public long Priority { get; set; }

    /// <summary>Unset until a worker reports a failure, as in Camunda; 0 means an incident and no further fetch.</summary>
    public int? Retries { get; set; }

    /// <summary>The worker that locked it last; kept after the lock ends, so only that worker may still complete it.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Locked until then; a failure's retry timeout is a lock too. Null or past: fetchable.</summary>
    public DateTimeOffset? LockExpiresAt { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorDetails { get; set; }

    /// <summary>The variables visible to the task when it was created (a JSON object); a fetch hands the worker the instance's current ones.</summary>
    public required string Variables { get; set; }

    /// <summary>The activity's own variables (input mappings) when it was created, for <c>localVariables: true</c>.</summary>
    public string? LocalVariables { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal static class ExternalTaskModel
{
    /// <summary>The external-task table; column names and instants follow the engine's conventions (applied after).</summary>
    public static ModelBuilder ApplyExternalTaskModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ExternalTaskRecord>(e =>
        {
            e.ToTable(ExternalTaskRecord.Table);
            e.HasKey(x => x.Id);
            e.Property(x => x.Topic).HasMaxLength(ExternalTaskRecord.TopicMaxLength);
            e.Property(x => x.WorkerId).HasMaxLength(ExternalTaskRecord.WorkerIdMaxLength);
            e.Property(x => x.ErrorMessage).HasMaxLength(ExternalTaskRecord.ErrorMessageMaxLength);
            // Fetch-and-lock reads by topic in priority order.
            e.HasIndex(x => new { x.Topic, x.Priority });
            e.HasIndex(x => x.InstanceId);
        });
        return modelBuilder;
    }
}
