using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Tasks.Actions;

public static class TaskActionModel
{
    /// <summary>The task actions' tables (hub_task_*): record, state, co-signers, copies, extensions, attachments, reminders.</summary>
    public static ModelBuilder ApplyTaskActionModel(this ModelBuilder builder)
    {
        builder.Entity<TaskComment>(e =>
        {
            e.ToTable("hub_task_comments");
            e.HasKey(c => c.Id);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.Message).HasMaxLength(4000);
            e.HasIndex(c => c.InstanceId);
            e.HasIndex(c => new { c.Author, c.CreatedAt });
        });
        builder.Entity<TaskActionState>(e =>
        {
            e.ToTable("hub_task_states");
            e.HasKey(s => s.TaskId);
            e.Property(s => s.Delegation).HasConversion<string>().HasMaxLength(20);
        });
        builder.Entity<TaskCoSign>(e =>
        {
            e.ToTable("hub_task_cosigns");
            e.HasKey(c => c.Id);
            e.Property(c => c.Position).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(c => c.TaskId);
            e.HasIndex(c => c.UserName);
        });
        builder.Entity<CarbonCopy>(e =>
        {
            e.ToTable("hub_carbon_copies");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.RecipientUser);
            e.HasIndex(c => c.RecipientGroup);
        });
        builder.Entity<ExtensionRequest>(e =>
        {
            e.ToTable("hub_task_extensions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            e.HasIndex(x => x.TaskId);
        });
        builder.Entity<TaskAttachment>(e =>
        {
            e.ToTable("hub_task_attachments");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.InstanceId);
        });
        builder.Entity<TaskReminder>(e =>
        {
            e.ToTable("hub_task_reminders");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Recipient);
        });
        FeatureModelBuilderExtensions.UseUnixMilliseconds(builder, typeof(TaskComment), typeof(TaskActionState), typeof(TaskCoSign),
            typeof(CarbonCopy), typeof(ExtensionRequest), typeof(TaskAttachment), typeof(TaskReminder));
        return builder;
    }
}
