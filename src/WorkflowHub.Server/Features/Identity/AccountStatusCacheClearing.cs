namespace WorkflowHub.Server.Features.Identity;

/// <summary>
/// On the user administration endpoints: whatever they did (disabled, enabled, deleted or edited an account), bearer
/// tokens see it from the next request on this node.
/// </summary>
public sealed class AccountStatusCacheClearing(AccountStatusCache cache) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var answer = await next(context);
        cache.Clear();
        return answer;
    }
}
