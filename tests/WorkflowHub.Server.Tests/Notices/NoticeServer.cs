using Microsoft.Extensions.DependencyInjection;
using WorkflowHub.Server.Features.Notices;
using WorkflowHub.Server.Tests.Api;
using WorkflowHub.Testing;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>
/// The API test server with mail going to an in-process SMTP server, the hosted sender off (tests run
/// <see cref="NoticeSender.DeliverDueAsync"/> themselves), robots allowed over http, and a <see cref="CrashSwitch"/>.
/// </summary>
public abstract class NoticeServer(TestDatabaseProvider provider) : ApiServer(provider)
{
    public const string PublicBaseUrl = "https://wfh.example.gov.cn";
    public const string From = "市创城办 <notices@wfh.example.gov.cn>";

    public TestSmtpServer Smtp { get; } = new();

    public CrashSwitch Crash { get; } = new();

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Mail:From"] = From;
        settings["Mail:Smtp:Host"] = "127.0.0.1";
        settings["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mail:Smtp:UseSsl"] = "false";
        settings["Notices:Delivery:Enabled"] = "false";
        settings["Notices:Delivery:MaxAttempts"] = "2";
        settings["Notices:Delivery:RetryDelay"] = "00:01:00";
        settings["Notices:Delivery:LeaseDuration"] = "00:02:00";
        settings["Notices:Robots:AllowHttp"] = "true";
        settings["Server:PublicBaseUrl"] = PublicBaseUrl;
    }

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<INoticeDeliveryObserver>(Crash);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SqliteNoticeServer() : NoticeServer(TestDatabaseProvider.Sqlite);

public sealed class PostgresNoticeServer() : NoticeServer(TestDatabaseProvider.Postgres);
