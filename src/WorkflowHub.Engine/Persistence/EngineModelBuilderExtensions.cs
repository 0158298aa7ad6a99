using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WorkflowHub.Engine.ExternalTasks;

namespace WorkflowHub.Engine.Persistence;

/// <summary>
/// The engine's part of the host's EF Core model. Tables and columns are snake_case and every
/// instant is stored as Unix milliseconds, so the step writer's SQL is the same on SQLite and
/// PostgreSQL and time comparisons are plain integer comparisons on both. Indexes on columns that are mostly
/// empty (assignee, due date, business key, calling instance) are partial, so a step writes fewer index pages.
/// </summary>
public static class EngineModelBuilderExtensions
{
    public static ModelBuilder ApplyWorkflowEngineModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProcessDefinitionRecord>(e =>
        {
            e.ToTable(EngineTables.Definitions);
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
            e.Property(x => x.Id).HasMaxLength(200);
            e.Property(x => x.Key).HasMaxLength(200);
        });
        modelBuilder.Entity<ProcessInstanceRecord>(e =>
        {
            e.ToTable(EngineTables.Instances);
            e.HasKey(x => x.Id);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.ProcessKey, x.Status });
            e.HasIndex(x => x.BusinessKey).HasFilter("business_key IS NOT NULL");
            e.HasIndex(x => x.StartedAt);
            e.HasIndex(x => x.SuperInstanceId).HasFilter("super_instance_id IS NOT NULL");
        });
        modelBuilder.Entity<UserTaskRecord>(e =>
        {
            e.ToTable(EngineTables.Tasks);
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.Assignee).HasFilter("assignee IS NOT NULL");
            e.HasIndex(x => x.DueDate).HasFilter("due_date IS NOT NULL");
            e.HasIndex(x => x.BusinessKey).HasFilter("business_key IS NOT NULL");
            // The inbox's default order: an administrator's first page reads the newest tasks without sorting them all.
            e.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<TaskCandidateRecord>(e =>
        {
            e.ToTable(EngineTables.TaskCandidates);
            e.HasKey(x => new { x.TaskId, x.Kind, x.Value });
            // Covering: a user's groups give their tasks' ids from the index alone.
            e.HasIndex(x => new { x.Kind, x.Value, x.TaskId });
        });
        modelBuilder.Entity<JobRecord>(e =>
        {
            e.ToTable(EngineTables.Jobs);
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Suspended, x.DueAt });
            e.HasIndex(x => x.InstanceId);
            // The executor's "when can a leased job be taken over" reads only the leased rows.
            e.HasIndex(x => x.LeaseExpiresAt);
        });
        modelBuilder.Entity<MessageSubscriptionRecord>(e =>
        {
            e.ToTable(EngineTables.Subscriptions);
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.MessageName, x.BusinessKey });
            e.HasIndex(x => x.InstanceId);
        });
        modelBuilder.Entity<IncidentRecord>(e =>
        {
            e.ToTable(EngineTables.Incidents);
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.ResolvedAt);
        });
        modelBuilder.Entity<HistoryRecord>(e =>
        {
            e.ToTable(EngineTables.History);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.InstanceId, x.Id });
            e.HasIndex(x => x.Timestamp);
        });

        modelBuilder.ApplyExternalTaskModel();

        foreach (var type in EngineTables.EntityTypes)
        {
            ApplyConventions(modelBuilder.Entity(type));
        }

        return modelBuilder;
    }

    private static void ApplyConventions(EntityTypeBuilder entity)
    {
        foreach (var property in entity.Metadata.GetProperties())
        {
            property.SetColumnName(ToSnakeCase(property.Name));
            if (property.ClrType == typeof(DateTimeOffset))
            {
                property.SetValueConverter(UnixMillisecondsConverter);
            }
            else if (property.ClrType == typeof(DateTimeOffset?))
            {
                property.SetValueConverter(NullableUnixMillisecondsConverter);
            }
        }
    }

    private static readonly ValueConverter<DateTimeOffset, long> UnixMillisecondsConverter =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    private static readonly ValueConverter<DateTimeOffset?, long?> NullableUnixMillisecondsConverter =
        new(v => v.HasValue ? v.Value.ToUnixTimeMilliseconds() : null,
            v => v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : null);

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>The engine's table names, shared by the EF model and the step writer's SQL.</summary>
public static class EngineTables
{
    public const string Definitions = "wf_definitions";
    public const string Instances = "wf_instances";
    public const string Tasks = "wf_tasks";
    public const string TaskCandidates = "wf_task_candidates";
    public const string Jobs = "wf_jobs";
    public const string Subscriptions = "wf_subscriptions";
    public const string Incidents = "wf_incidents";
    public const string History = "wf_history";

    internal static readonly Type[] EntityTypes =
    [
        typeof(ProcessDefinitionRecord), typeof(ProcessInstanceRecord), typeof(UserTaskRecord),
        typeof(TaskCandidateRecord), typeof(JobRecord), typeof(MessageSubscriptionRecord),
        typeof(IncidentRecord), typeof(HistoryRecord), typeof(ExternalTasks.ExternalTaskRecord),
    ];
}
