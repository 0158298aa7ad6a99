using Microsoft.EntityFrameworkCore;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Features.Notices;

public static class NoticeModel
{
    /// <summary>The notices' tables: template versions, the outbox, document-number sequences, group robots.</summary>
    public static ModelBuilder ApplyNoticeModel(this ModelBuilder builder)
    {
        builder.Entity<NoticeTemplateRecord>(e =>
        {
            e.ToTable("hub_notice_templates");
            e.HasKey(t => new { t.Key, t.Version });
            e.Property(t => t.Key).HasMaxLength(NoticeTemplateRecord.KeyMaxLength);
            e.Property(t => t.Name).HasMaxLength(NoticeTemplateRecord.NameMaxLength).IsRequired();
            e.Property(t => t.Description).HasMaxLength(1000);
            e.Property(t => t.Source).HasMaxLength(16);
            e.Property(t => t.FileHash).HasMaxLength(64);
            e.Property(t => t.CreatedBy).HasMaxLength(256);
        });
        builder.Entity<NoticeOutboxRecord>(e =>
        {
            e.ToTable("hub_notice_outbox");
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).HasMaxLength(64);
            e.Property(o => o.Channel).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.Recipient).HasMaxLength(NoticeOutboxRecord.AddressMaxLength);
            e.Property(o => o.RecipientName).HasMaxLength(256);
            e.Property(o => o.TemplateKey).HasMaxLength(NoticeTemplateRecord.KeyMaxLength);
            e.Property(o => o.Subject).HasMaxLength(1000);
            e.Property(o => o.InstanceId).HasMaxLength(64);
            e.Property(o => o.ProcessKey).HasMaxLength(255);
            e.Property(o => o.ElementId).HasMaxLength(255);
            e.Property(o => o.TokenId).HasMaxLength(64);
            e.Property(o => o.BusinessKey).HasMaxLength(255);
            e.Property(o => o.LastError).HasMaxLength(2000);
            e.Property(o => o.CreatedBy).HasMaxLength(256);
            e.Property(o => o.IncidentId).HasMaxLength(64);
            // The sender's query: due pending rows; the log's: newest first, per instance.
            e.HasIndex(o => new { o.Status, o.NextAttemptAt });
            e.HasIndex(o => o.CreatedAt);
            e.HasIndex(o => o.InstanceId);
        });
        builder.Entity<NoticeSequenceRecord>(e =>
        {
            e.ToTable("hub_notice_sequences");
            e.HasKey(s => new { s.Prefix, s.Year });
            e.Property(s => s.Prefix).HasMaxLength(NoticeSequenceRecord.PrefixMaxLength);
        });
        builder.Entity<GroupRobotRecord>(e =>
        {
            e.ToTable("hub_group_robots");
            e.HasKey(r => r.GroupId);
            e.Property(r => r.GroupId).HasMaxLength(HubGroup.IdMaxLength);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.ProtectedUrl).IsRequired();
            e.Property(r => r.UpdatedBy).HasMaxLength(256);
            e.HasOne<HubGroup>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        return builder.UseUnixMilliseconds(typeof(NoticeTemplateRecord), typeof(NoticeOutboxRecord), typeof(GroupRobotRecord));
    }
}
