using MimeKit;
using WorkflowHub.Server.Mail;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>The MIME message of a mail row: UTF-8 throughout (MimeKit encodes the Chinese subject and names per RFC 2047).</summary>
public static class NoticeMessage
{
    public const string InstanceHeader = "X-WorkflowHub-Instance";
    public const string TemplateHeader = "X-WorkflowHub-Template";

    public static MimeMessage Build(NoticeOutboxRecord row, MailOptions options)
    {
        var message = new MimeMessage { MessageId = row.Id, Subject = row.Subject, Date = row.CreatedAt };
        message.From.Add(MailboxAddress.Parse(options.From));
        var to = new MailboxAddress(row.RecipientName ?? "", row.Recipient);
        (row.IsCc ? message.Cc : message.To).Add(to);
        message.Headers.Add(TemplateHeader, $"{row.TemplateKey}@{row.TemplateVersion}");
        if (row.InstanceId is not null)
        {
            message.Headers.Add(InstanceHeader, row.InstanceId);
        }
        var body = new BodyBuilder { TextBody = row.Text };
        if (!string.IsNullOrEmpty(row.Html))
        {
            body.HtmlBody = row.Html;
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
