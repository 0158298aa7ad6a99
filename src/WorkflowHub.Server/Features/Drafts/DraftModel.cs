using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WorkflowHub.Server.Features.Forms;

namespace WorkflowHub.Server.Features.Drafts;

public static class DesignerModelBuilderExtensions
{
    /// <summary>Unix milliseconds, as the engine's tables: SQLite cannot compare or order DateTimeOffset columns.</summary>
    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    /// <summary>The designer's tables: flow drafts, who has a flow open, and the versioned task forms.</summary>
    public static ModelBuilder ApplyDesignerModel(this ModelBuilder builder)
    {
        builder.Entity<FlowDraft>(e =>
        {
            e.ToTable("hub_flow_drafts");
            e.HasKey(d => d.Key);
            e.Property(d => d.Key).HasMaxLength(FlowDraft.KeyMaxLength);
            e.Property(d => d.Name).HasMaxLength(500);
            e.Property(d => d.Xml).IsRequired();
            e.Property(d => d.UpdatedBy).HasMaxLength(256).IsRequired();
            e.Property(d => d.UpdatedAt).HasConversion(UnixMilliseconds);
        });
        builder.Entity<DesignerPresenceRecord>(e =>
        {
            e.ToTable("hub_designer_presence");
            e.HasKey(p => new { p.Key, p.UserName });
            e.Property(p => p.Key).HasMaxLength(FlowDraft.KeyMaxLength);
            e.Property(p => p.UserName).HasMaxLength(DesignerPresenceRecord.UserNameMaxLength);
            e.Property(p => p.Since).HasConversion(UnixMilliseconds);
            e.Property(p => p.SeenAt).HasConversion(UnixMilliseconds);
            e.Property(p => p.ExpiresAt).HasConversion(UnixMilliseconds);
            e.HasIndex(p => p.ExpiresAt);
        });
        builder.Entity<FormRecord>(e =>
        {
            e.ToTable("hub_forms");
            e.HasKey(f => f.Id);
            e.Property(f => f.Key).HasMaxLength(FormRecord.KeyMaxLength).IsRequired();
            e.Property(f => f.Name).HasMaxLength(200).IsRequired();
            e.Property(f => f.Schema).IsRequired();
            e.Property(f => f.Hash).HasMaxLength(64).IsRequired();
            e.Property(f => f.Source).HasMaxLength(20).IsRequired();
            e.Property(f => f.CreatedBy).HasMaxLength(256).IsRequired();
            e.Property(f => f.CreatedAt).HasConversion(UnixMilliseconds);
            e.HasIndex(f => new { f.Key, f.Version }).IsUnique();
        });
        return builder;
    }
}
