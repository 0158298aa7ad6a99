using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>
/// The node remembers decrypted bearer tickets (issue 15's HTTP path): a token is decrypted once a minute, each answer
/// is a copy, and a token that does not decrypt is never remembered.
/// </summary>
public sealed class BearerTicketCacheTests(BearerTicketCacheTests.Server server) : IClassFixture<BearerTicketCacheTests.Server>
{
    public sealed class Server() : ApiServer(TestDatabaseProvider.Sqlite);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat _inner = new();

    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return protectedText is null || !protectedText.StartsWith("good-", StringComparison.Ordinal)
                ? null
                : new AuthenticationTicket(
                    new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText[5..])], "Bearer")),
                    new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero) },
                    "Bearer");
        }
    }

    [Fact]
    public void A_token_is_decrypted_once_within_the_lifetime_and_again_after_it()
    {
        var cache = new BearerTicketCache(_inner, _clock);

        var first = cache.Unprotect("good-alice");
        _clock.Advance(BearerTicketCache.Lifetime - TimeSpan.FromSeconds(1));
        var second = cache.Unprotect("good-alice");
        Assert.Equal(1, _inner.Unprotects);
        Assert.Equal("alice", second!.Principal.Identity!.Name);
        Assert.Equal(first!.Properties.ExpiresUtc, second.Properties.ExpiresUtc);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("alice", cache.Unprotect("good-alice")!.Principal.Identity!.Name);
        Assert.Equal(2, _inner.Unprotects);

        // Another token is another entry, not alice's ticket.
        Assert.Equal("bob", cache.Unprotect("good-bob")!.Principal.Identity!.Name);
        Assert.Equal(3, _inner.Unprotects);
    }

    [Fact]
    public void Each_answer_is_a_copy_so_a_claim_added_to_one_request_does_not_reach_the_next()
    {
        var cache = new BearerTicketCache(_inner, _clock);
        var first = cache.Unprotect("good-alice")!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Administrator"));
        first.Properties.Items["changed"] = "yes";

        var second = cache.Unprotect("good-alice")!;
        var third = cache.Unprotect("good-alice")!;
        ((ClaimsIdentity)second.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Administrator"));

        Assert.Equal(1, _inner.Unprotects);
        Assert.False(third.Principal.IsInRole("Administrator"));
        Assert.False(third.Properties.Items.ContainsKey("changed"));
    }

    [Fact]
    public void A_token_that_does_not_decrypt_is_tried_every_time_and_fills_nothing()
    {
        var cache = new BearerTicketCache(_inner, _clock);
        Assert.Null(cache.Unprotect("forged"));
        Assert.Null(cache.Unprotect("forged"));
        Assert.Null(cache.Unprotect(""));
        Assert.Equal(3, _inner.Unprotects);
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        var cache = new BearerTicketCache(_inner, _clock);
        for (var i = 0; i <= BearerTicketCache.MaxEntries; i++)
        {
            cache.Unprotect($"good-{i}");
        }
        // The entry past the bound started the cache over, so the first token is decrypted again.
        cache.Unprotect("good-0");
        Assert.Equal(BearerTicketCache.MaxEntries + 2, _inner.Unprotects);
    }

    [Fact]
    public async Task The_server_s_bearer_scheme_uses_it_and_a_token_still_signs_in()
    {
        var app = await server.GetAsync();
        var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        Assert.IsType<BearerTicketCache>(options.BearerTokenProtector);
        Assert.IsNotType<BearerTicketCache>(options.RefreshTokenProtector);

        var admin = await app.AdminAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/tasks")).StatusCode);
        }
    }
}
