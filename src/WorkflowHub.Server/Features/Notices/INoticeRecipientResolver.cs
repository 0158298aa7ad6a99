using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>A name in <c>to</c> or <c>cc</c> that is no user, group or e-mail address.</summary>
public sealed class NoticeRecipientException(string message) : Exception(message);

/// <summary>
/// Turns the entries of a notice's <c>to</c> and <c>cc</c> (user names or ids, group ids, e-mail addresses) into
/// recipients. The shipped <see cref="DirectoryRecipientResolver"/> reads users and groups; the domain module may
/// register its own (e.g. "the head of the unit responsible") and hand the rest to the directory one.
/// </summary>
public interface INoticeRecipientResolver
{
    /// <param name="db">The step's DbContext (reads inside the step's transaction).</param>
    Task<IReadOnlyList<NoticeRecipient>> ResolveAsync(DbContext db, IReadOnlyList<string> entries, bool cc, CancellationToken ct);
}
