using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using WorkflowHub.Server.Mail;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Delivers mail rows: over SMTP with MailKit when <c>Mail:Smtp:Host</c> is set (port 465: implicit TLS; otherwise
/// STARTTLS when <c>UseSsl</c>, plain when not), else as <c>ID.eml</c> files in <c>Mail:PickupDirectory</c>. A file
/// is named after the Message-ID and moved into place whole, so a repeated delivery replaces it with the same message.
/// </summary>
public sealed class MailTransport(IOptions<MailOptions> options, IEnumerable<INoticeDeliveryObserver> observers)
{
    public async Task DeliverAsync(NoticeOutboxRecord row, CancellationToken ct)
    {
        var mail = options.Value;
        var message = NoticeMessage.Build(row, mail);
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            await WritePickupFileAsync(mail.PickupDirectory, row, message, ct);
        }
        else
        {
            await SendSmtpAsync(mail.Smtp, row, message, ct);
        }
        foreach (var observer in observers)
        {
            observer.Accepted(row);
        }
    }

    /// <summary>The file name of a row's .eml in the pickup folder (letters, digits, '.', '-', '_' only).</summary>
    public static string PickupFileName(string messageId) =>
        new string(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()) + ".eml";

    private async Task WritePickupFileAsync(string folder, NoticeOutboxRecord row, MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, PickupFileName(row.Id));
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await message.WriteToAsync(stream, ct);
            foreach (var observer in observers)
            {
                observer.Transmitting(row);
            }
            await stream.FlushAsync(ct);
        }
        File.Move(temp, path, overwrite: true);
    }

    private async Task SendSmtpAsync(SmtpOptions smtp, NoticeOutboxRecord row, MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient();
        var security = smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : smtp.UseSsl ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        }
        await client.SendAsync(message, ct, new Progress(row, observers));
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>Reports the DATA transfer to the observers (MailKit calls it while the message is being written).</summary>
    private sealed class Progress(NoticeOutboxRecord row, IEnumerable<INoticeDeliveryObserver> observers) : ITransferProgress
    {
        public void Report(long bytesTransferred, long totalSize) => Report(bytesTransferred);

        public void Report(long bytesTransferred)
        {
            foreach (var observer in observers)
            {
                observer.Transmitting(row);
            }
        }
    }
}
