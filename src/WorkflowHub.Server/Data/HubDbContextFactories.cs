using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Data;

/// <summary>Hands out the configured provider's context as the provider-neutral <see cref="HubDbContext"/>.</summary>
internal sealed class HubDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<HubDbContext>
    where TContext : HubDbContext
{
    public HubDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<HubDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

/// <summary>The engine's way in: contexts of whichever provider is configured, leased from the pool.</summary>
internal sealed class EngineDbContextFactory(IDbContextFactory<HubDbContext> contexts) : IEngineDbContextFactory
{
    public DbContext CreateDbContext() => contexts.CreateDbContext();
}
