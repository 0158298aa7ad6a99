using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>The mail module's settings; the sender and the outbox are added with the notification work.</summary>
    public static IServiceCollection AddHubMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>()
            .BindConfiguration(MailOptions.Section)
            .PostConfigure<HubPaths>((options, paths) => options.PickupDirectory = paths.Resolve(options.PickupDirectory));
        return services;
    }
}
