using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Webhooks;

namespace WorkflowHub.Server.Features;

public static class FeatureModelBuilderExtensions
{
    /// <summary>The API features' tables: groups and their members, webhooks, their deliveries and idempotency records.</summary>
    public static ModelBuilder ApplyHubFeatureModel(this ModelBuilder builder)
    {
        builder.Entity<HubGroup>(e =>
        {
            e.ToTable("hub_groups");
            e.HasKey(g => g.Id);
            e.Property(g => g.Id).HasMaxLength(HubGroup.IdMaxLength);
            e.Property(g => g.Name).HasMaxLength(HubGroup.NameMaxLength).IsRequired();
            e.Property(g => g.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(g => g.HeadUserId).HasMaxLength(450);
            e.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<HubGroupMember>(e =>
        {
            e.ToTable("hub_group_members");
            e.HasKey(m => new { m.GroupId, m.UserId });
            e.Property(m => m.GroupId).HasMaxLength(HubGroup.IdMaxLength);
            e.Property(m => m.UserId).HasMaxLength(450);
            e.HasOne<WorkflowHub.Server.Identity.HubUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.UserId);
        });
        builder.Entity<WebhookRecord>(e =>
        {
            e.ToTable("hub_webhooks");
            e.HasKey(w => w.Key);
            e.Property(w => w.Key).HasMaxLength(WebhookRecord.KeyMaxLength);
            e.Property(w => w.MessageName).HasMaxLength(200).IsRequired();
            e.Property(w => w.ProtectedSecret).IsRequired();
            e.Property(w => w.VariablesExpression).HasMaxLength(500);
            e.Property(w => w.BusinessKeyVariable).HasMaxLength(500);
            e.Property(w => w.CreatedBy).HasMaxLength(256);
        });
        builder.Entity<WebhookDeliveryRecord>(e =>
        {
            e.ToTable("hub_webhook_deliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.WebhookKey).HasMaxLength(WebhookRecord.KeyMaxLength);
            e.Property(d => d.IdempotencyKey).HasMaxLength(IdempotencyRecord.KeyMaxLength);
            e.Property(d => d.InstanceId).HasMaxLength(64);
            e.Property(d => d.BusinessKey).HasMaxLength(255);
            e.Property(d => d.Error).HasMaxLength(2000);
            e.Property(d => d.Payload).HasMaxLength(WebhookDeliveryRecord.PayloadMaxLength);
            e.HasIndex(d => new { d.WebhookKey, d.ReceivedAt });
        });
        builder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("hub_idempotency_records");
            e.HasKey(r => r.Id);
            e.Property(r => r.WebhookKey).HasMaxLength(WebhookRecord.KeyMaxLength);
            e.Property(r => r.IdempotencyKey).HasMaxLength(IdempotencyRecord.KeyMaxLength);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.HasIndex(r => new { r.WebhookKey, r.IdempotencyKey }).IsUnique();
        });
        return builder.UseUnixMilliseconds(typeof(HubGroup), typeof(WebhookRecord), typeof(WebhookDeliveryRecord), typeof(IdempotencyRecord));
    }

    /// <summary>
    /// Stores the DateTimeOffset properties of <paramref name="types"/> as Unix milliseconds, as the engine's tables do:
    /// SQLite cannot compare or order DateTimeOffset columns.
    /// </summary>
    public static ModelBuilder UseUnixMilliseconds(this ModelBuilder builder, params Type[] types)
    {
        foreach (var type in types)
        {
            foreach (var property in builder.Entity(type).Metadata.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset))
                {
                    property.SetValueConverter(UnixMilliseconds);
                }
                else if (property.ClrType == typeof(DateTimeOffset?))
                {
                    property.SetValueConverter(NullableUnixMilliseconds);
                }
            }
        }
        return builder;
    }

    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    private static readonly ValueConverter<DateTimeOffset?, long?> NullableUnixMilliseconds =
        new(v => v.HasValue ? v.Value.ToUnixTimeMilliseconds() : null, v => v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : null);
}
