using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Server.Features.Identity;

namespace WorkflowHub.Server.Tests.Api;

/// <summary>An account's status is remembered for a few seconds, but never one read while the account was changing.</summary>
public sealed class AccountStatusCacheTests
{
    [Fact]
    public async Task A_status_read_while_the_account_changed_is_not_kept()
    {
        var clock = new FakeTimeProvider();
        var cache = new AccountStatusCache(clock);
        var reads = 0;

        // The account is disabled (and the cache cleared) while its old status is being read.
        Assert.True(await cache.IsActiveAsync("u", () => { reads++; cache.Clear(); return Task.FromResult(true); }));
        Assert.False(await cache.IsActiveAsync("u", () => { reads++; return Task.FromResult(false); }));
        Assert.Equal(2, reads);

        Assert.False(await cache.IsActiveAsync("u", () => { reads++; return Task.FromResult(true); }));
        Assert.Equal(2, reads);
        clock.Advance(AccountStatusCache.Lifetime);
        Assert.True(await cache.IsActiveAsync("u", () => { reads++; return Task.FromResult(true); }));
        Assert.Equal(3, reads);
    }
}
