using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using WorkflowHub.Server.Mail;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>Where an outbox row comes from: the instance and element that rendered it, or a test mail.</summary>
public sealed record NoticeOrigin(string? InstanceId, string? ProcessKey, string? ElementId, string? TokenId, string? BusinessKey, string? Actor);

/// <summary>
/// Adds outbox rows to a DbContext without saving, so they commit with the caller (the engine step). The row id is
/// the mail's Message-ID (<c>unique@domain-of-Mail:From</c>), fixed before anything is sent.
/// </summary>
public sealed class NoticeOutboxWriter(IOptions<MailOptions> mail)
{
    public NoticeOutboxRecord Add(DbContext db, CompiledNoticeTemplate template, NoticeRecipient recipient, RenderedNotice rendered,
        NoticeOrigin origin, DateTimeOffset now)
    {
        var row = new NoticeOutboxRecord
        {
            Id = NewMessageId(),
            Channel = recipient.Channel,
            Recipient = recipient.Address,
            RecipientName = Truncate(recipient.Name, 256),
            IsCc = recipient.IsCc,
            TemplateKey = template.Key,
            TemplateVersion = template.Version,
            Subject = Truncate(rendered.Subject, 1000)!,
            Html = recipient.Channel == NoticeChannel.Mail ? rendered.Html : null,
            Text = rendered.Text,
            InstanceId = origin.InstanceId,
            ProcessKey = origin.ProcessKey,
            ElementId = origin.ElementId,
            TokenId = origin.TokenId,
            BusinessKey = origin.BusinessKey,
            Status = NoticeStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            CreatedBy = origin.Actor,
        };
        db.Add(row);
        return row;
    }

    private string NewMessageId()
    {
        var domain = MailboxAddress.TryParse(mail.Value.From, out var from) && from.Domain.Length > 0 ? from.Domain : "workflowhub.local";
        return $"{Guid.CreateVersion7():N}@{domain}";
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
