using Microsoft.EntityFrameworkCore;
using MimeKit;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Identity;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// Resolves entries against the users and groups: an address with '@' is mailed as it stands; <c>head:GROUP</c> and
/// <c>leaders:GROUP</c> are the people <see cref="OrganisationRecipients"/> names; a group id reaches every member with
/// an e-mail address and the group's robot when one is set up; anything else must be a user (user name or id) with an
/// e-mail address.
/// </summary>
public sealed class DirectoryRecipientResolver : INoticeRecipientResolver
{
    public async Task<IReadOnlyList<NoticeRecipient>> ResolveAsync(DbContext db, IReadOnlyList<string> entries, bool cc, CancellationToken ct)
    {
        var result = new List<NoticeRecipient>();
        foreach (var entry in entries)
        {
            if (entry.Contains('@', StringComparison.Ordinal))
            {
                if (!MailboxAddress.TryParse(entry, out var mailbox) || mailbox.Address.Length > NoticeOutboxRecord.AddressMaxLength)
                {
                    throw new NoticeRecipientException($"'{entry}' is not a valid e-mail address.");
                }
                result.Add(new NoticeRecipient(NoticeChannel.Mail, mailbox.Address, string.IsNullOrEmpty(mailbox.Name) ? null : mailbox.Name, null, [], cc));
                continue;
            }
            if (await OrganisationRecipients.PeopleAsync(db, entry, ct) is { } people)
            {
                foreach (var person in people)
                {
                    result.Add(await NamedUserAsync(db, person, cc, ct));
                }
                continue;
            }
            var group = await db.Set<HubGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == entry, ct);
            if (group is not null)
            {
                var members = await db.Set<HubGroupMember>().AsNoTracking().Where(m => m.GroupId == group.Id)
                    .Join(db.Set<HubUser>(), m => m.UserId, u => u.Id, (m, u) => u).ToListAsync(ct);
                foreach (var user in members.Where(u => !string.IsNullOrWhiteSpace(u.Email)))
                {
                    result.Add(await UserAsync(db, user, cc, ct));
                }
                if (await db.Set<GroupRobotRecord>().AsNoTracking().AnyAsync(r => r.GroupId == group.Id && r.Enabled, ct))
                {
                    result.Add(new NoticeRecipient(NoticeChannel.Robot, group.Id, group.Name, null, [group.Name], cc));
                }
                continue;
            }
            result.Add(await NamedUserAsync(db, entry, cc, ct));
        }
        return result;
    }

    /// <summary>A user named by user name or id, who must have an e-mail address.</summary>
    private static async Task<NoticeRecipient> NamedUserAsync(DbContext db, string entry, bool cc, CancellationToken ct)
    {
        var normalized = entry.ToUpperInvariant();
        var found = await db.Set<HubUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == entry || u.NormalizedUserName == normalized, ct)
            ?? throw new NoticeRecipientException($"'{entry}' is no user, group or e-mail address.");
        if (string.IsNullOrWhiteSpace(found.Email))
        {
            throw new NoticeRecipientException($"user '{found.UserName}' has no e-mail address.");
        }
        return await UserAsync(db, found, cc, ct);
    }

    private static async Task<NoticeRecipient> UserAsync(DbContext db, HubUser user, bool cc, CancellationToken ct)
    {
        var groups = await db.Set<HubGroupMember>().AsNoTracking().Where(m => m.UserId == user.Id)
            .Join(db.Set<HubGroup>(), m => m.GroupId, g => g.Id, (m, g) => g.Name).OrderBy(n => n).ToListAsync(ct);
        return new NoticeRecipient(NoticeChannel.Mail, user.Email!, user.DisplayName ?? user.UserName, user.UserName, groups, cc);
    }
}
