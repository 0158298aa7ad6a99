using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace WorkflowHub.Server.Features.Identity;

/// <summary>
/// Remembers the tickets of bearer tokens this node has already decrypted. Unprotecting a token derives its keys,
/// decrypts it and checks its MAC on every request (about 4 % of the server's CPU on issue 15's HTTP path, for a
/// client that sends the same token all day). A token is immutable and carries its own expiry, which the bearer
/// handler still checks on each request; a disabled account is refused by <see cref="AccountValidation"/> either way.
/// </summary>
/// <remarks>
/// Only a token that decrypted is kept, under its whole text, so a stream of forged tokens costs what it did and
/// fills nothing. Each answer is a copy: later stages may add claims to the principal they were given.
/// </remarks>
public sealed class BearerTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>How long a decrypted ticket is remembered; past it the token is decrypted again (a revoked key counts from then).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Bounds the memory many distinct tokens can take; past it the cache starts over.</summary>
    public const int MaxEntries = 4_096;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, long Until)> _tickets = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        var now = clock.GetTimestamp();
        if (_tickets.TryGetValue(protectedText, out var entry) && now < entry.Until)
        {
            return entry.Ticket.Clone();
        }
        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            return null;
        }
        if (_tickets.Count >= MaxEntries)
        {
            _tickets.Clear();
        }
        _tickets[protectedText] = (ticket.Clone(), now + (long)(Lifetime.TotalSeconds * clock.TimestampFrequency));
        return ticket;
    }
}
