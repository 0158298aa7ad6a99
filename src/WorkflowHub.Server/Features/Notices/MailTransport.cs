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
    /// <summary>
    /// One SMTP connection for a batch of rows: opened at the first mail, reused by the next ones (servers limit how
    /// often a client may connect, and a connection per mail costs a handshake each), dropped after a failure.
    /// </summary>
    public SmtpSession OpenSession() => new(this);

    private IEnumerable<INoticeDeliveryObserver> Observers => observers;

    public Task DeliverAsync(NoticeOutboxRecord row, CancellationToken ct) => DeliverAsync(row, null, ct);

    public async Task DeliverAsync(NoticeOutboxRecord row, SmtpSession? session, CancellationToken ct)
    {
        var mail = options.Value;
        var message = NoticeMessage.Build(row, mail);
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            await WritePickupFileAsync(mail.PickupDirectory, row, message, ct);
        }
        else
        {
            if (session is null)
            {
                await using var own = OpenSession();
                await own.SendAsync(mail.Smtp, row, message, ct);
            }
            else
            {
                await session.SendAsync(mail.Smtp, row, message, ct);
            }
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

    /// <summary>A lazily opened SMTP connection reused for several mails (see <see cref="OpenSession"/>).</summary>
    public sealed class SmtpSession(MailTransport owner) : IAsyncDisposable
    {
        private SmtpClient? _client;

        internal async Task SendAsync(SmtpOptions smtp, NoticeOutboxRecord row, MimeMessage message, CancellationToken ct)
        {
            try
            {
                if (_client is not { IsConnected: true })
                {
                    _client?.Dispose();
                    _client = new SmtpClient();
                    var security = smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
                        : smtp.UseSsl ? SecureSocketOptions.StartTls
                        : SecureSocketOptions.None;
                    await _client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
                    if (!string.IsNullOrEmpty(smtp.User))
                    {
                        await _client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
                    }
                }
                await _client.SendAsync(message, ct, new Progress(row, owner.Observers));
            }
            catch
            {
                // A refused or broken transfer leaves the connection in an unknown state: the next mail starts afresh.
                _client?.Dispose();
                _client = null;
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is null)
            {
                return;
            }
            try
            {
                if (_client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _client.DisconnectAsync(quit: true, quit.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException)
            {
                // Every mail of the batch was already accepted; a failed QUIT changes nothing.
            }
            finally
            {
                _client.Dispose();
                _client = null;
            }
        }
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
