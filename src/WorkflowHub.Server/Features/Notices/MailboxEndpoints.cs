using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MimeKit;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Mail;

namespace WorkflowHub.Server.Features.Notices;

public sealed record MailboxItemDto(string Id, string? MessageId, string Subject, string? From, string? To, string? Cc, DateTimeOffset Date, long Size);

public sealed record MailboxMessageDto(MailboxItemDto Item, string? Html, string? Text, string? InstanceId, string? Template);

/// <summary>
/// The console's "邮件" page: the .eml files of the pickup folder (where mail goes without an SMTP host), newest
/// first, each readable parsed or raw. Administrators only: the folder holds every notice to everyone.
/// </summary>
public static class MailboxEndpoints
{
    public const int MaxFiles = 10_000;

    public static RouteGroupBuilder MapMailboxEndpoints(this RouteGroupBuilder notices)
    {
        var group = notices.MapGroup("/mailbox").WithTags("Notices").RequireAuthorization(HubPolicies.Administrators);

        group.MapGet("", async (string? page, string? pageSize, IOptions<MailOptions> mail, HttpContext http, CancellationToken ct) =>
            {
                var (number, size) = ApiRequest.Paging(http, page, pageSize);
                var files = Files(mail.Value.PickupDirectory);
                var items = new List<MailboxItemDto>();
                foreach (var file in files.Skip((number - 1) * size).Take(size))
                {
                    items.Add(Item(file, await LoadAsync(file, ct)));
                }
                return TypedResults.Ok(new PagedList<MailboxItemDto>(items, files.Count, number, size));
            })
            .WithSummary("The mails in the pickup folder (Mail:PickupDirectory), newest first; empty when SMTP is configured and nothing was picked up.");

        group.MapGet("/{id}", async Task<Results<Ok<MailboxMessageDto>, NotFound>> (string id, IOptions<MailOptions> mail, CancellationToken ct) =>
            {
                if (Find(mail.Value.PickupDirectory, id) is not { } file)
                {
                    return TypedResults.NotFound();
                }
                var message = await LoadAsync(file, ct);
                return TypedResults.Ok(new MailboxMessageDto(Item(file, message), message.HtmlBody, message.TextBody,
                    message.Headers[NoticeMessage.InstanceHeader], message.Headers[NoticeMessage.TemplateHeader]));
            })
            .WithSummary("One picked-up mail: headers, HTML body (show it sandboxed) and text body.");

        group.MapGet("/{id}/raw", Results<PhysicalFileHttpResult, NotFound> (string id, IOptions<MailOptions> mail) =>
                Find(mail.Value.PickupDirectory, id) is { } file
                    ? TypedResults.PhysicalFile(file.FullName, "message/rfc822", file.Name)
                    : TypedResults.NotFound())
            .WithSummary("One picked-up mail as the .eml file (message/rfc822).");
        return notices;
    }

    private static List<FileInfo> Files(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name).Take(MaxFiles).ToList()
            : [];

    /// <summary>The file of an id (its name without .eml); ids are checked so no path leaves the folder.</summary>
    private static FileInfo? Find(string folder, string id)
    {
        if (id.Length is 0 or > 200 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) || id.StartsWith('.'))
        {
            return null;
        }
        var file = new FileInfo(Path.Combine(folder, id + ".eml"));
        return file.Exists ? file : null;
    }

    private static async Task<MimeMessage> LoadAsync(FileInfo file, CancellationToken ct)
    {
        await using var stream = file.OpenRead();
        return await MimeMessage.LoadAsync(stream, ct);
    }

    private static MailboxItemDto Item(FileInfo file, MimeMessage message) =>
        new(Path.GetFileNameWithoutExtension(file.Name), message.MessageId, message.Subject ?? "", message.From.ToString(),
            message.To.Count > 0 ? message.To.ToString() : null, message.Cc.Count > 0 ? message.Cc.ToString() : null, message.Date, file.Length);
}
