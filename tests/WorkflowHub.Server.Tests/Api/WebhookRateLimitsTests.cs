using System.Threading.RateLimiting;
using WorkflowHub.Server.Features.Webhooks;

namespace WorkflowHub.Server.Tests.Api;

public sealed class WebhookRateLimitsTests
{
    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    [Fact]
    public void A_limiter_disposed_as_idle_while_it_was_asked_is_asked_again()
    {
        var calls = 0;
        using var lease = WebhookRateLimits.Attempt(() => ++calls == 1 ? throw new ObjectDisposedException("FixedWindowRateLimiter") : new Lease(true));

        Assert.True(lease.IsAcquired);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void A_limiter_that_stays_disposed_is_asked_three_times_and_then_throws()
    {
        var calls = 0;
        Assert.Throws<ObjectDisposedException>(() => WebhookRateLimits.Attempt(() =>
        {
            calls++;
            throw new ObjectDisposedException("PartitionedRateLimiter");
        }));
        Assert.Equal(3, calls);
    }
}
