using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Tests.Api;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Support;

/// <summary>
/// The server nodes one test starts: each with a Data Protection key folder of its own (only the database is shared,
/// as between two machines), deleted at the end; <see cref="WithWallClock"/> makes a node read <see cref="Wall"/>.
/// </summary>
public sealed class TestNodes : IDisposable
{
    private readonly List<string> _keyFolders = [];

    /// <summary>The wall clock the nodes read (expiries, presence, webhook timestamps); the engine's clock is each factory's own.</summary>
    public FakeTimeProvider Wall { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));

    public string KeyFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"wfh_test_keys_{Guid.NewGuid():N}");
        _keyFolders.Add(folder);
        return folder;
    }

    public HubServerFactory Node(TestDatabase database) => new(database, ApiServer.Settings(KeyFolder()));

    public WebApplicationFactory<Program> WithWallClock(HubServerFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(WebhookReceiver.WallClockKey, Wall)));

    public void Dispose()
    {
        foreach (var folder in _keyFolders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
