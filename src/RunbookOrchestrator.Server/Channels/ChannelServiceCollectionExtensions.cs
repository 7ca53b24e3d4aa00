using System.Net;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Server.Channels.Email;
using Polly;
using RunbookOrchestrator.Egress;
using RunbookOrchestrator.Server.Channels.Links;
using RunbookOrchestrator.Server.Channels.Slack;
using RunbookOrchestrator.Server.Channels.Web;

namespace RunbookOrchestrator.Server.Channels;

/// <summary>Registers the reviewer channels: the outbox and its worker, email, review links and pages.</summary>
public static class ChannelServiceCollectionExtensions
{
    public const string LinkSecretVariable = "RBO_LINK_SECRET";

    public static IServiceCollection AddReviewChannels(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<ChannelOptions>(configuration.GetSection("Channels"));
        services.PostConfigure<ChannelOptions>(o =>
        {
            foreach (var channel in o.Default.Where(c => !ReviewChannels.All.Contains(c)))
                throw new InvalidOperationException($"Channels:Default names '{channel}'; the channels are {string.Join(", ", ReviewChannels.All)}");
            if (o.Email.Tls == "None" && o.Email.Host is { Length: > 0 } host && !IsLoopback(host))
                throw new InvalidOperationException("Channels:Email:Tls=None sends mail (and reviewers' links) in clear text; it is accepted for a loopback SMTP server only");
        });
        services.AddSingleton(new ReviewLinkSecret(Convert.FromBase64String(
            Hosting.DataDirectorySecret.Resolve(LinkSecretVariable, dataDirectory, "link-secret").Text)));
        services.AddSingleton<ReviewLinks>();
        services.AddSingleton<ReviewTemplates>();
        services.AddSingleton<PageDecision>();
        services.AddSingleton<DeliveryWorkerSignal>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<IReviewNotifier, ReviewOutbox>();
        services.AddSingleton<IReviewSender, EmailReviewSender>();
        services.AddHostedService<DeliveryWorker>();

        // Slack: a timeout per call, no retry here (a retried chat.postMessage could post twice); the outbox retries with backoff.
        services.AddSingleton<SlackApi>();
        services.AddHttpClient(SlackApi.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).UseEgressPolicy().RemoveAllLoggers()
            .AddResilienceHandler("slack", pipeline =>
            {
                pipeline.ConfigureTelemetry(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
            });
        services.AddHttpClient(Teams.TeamsReviewSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15)).UseEgressPolicy().RemoveAllLoggers();
        if (configuration["Channels:Teams:WebhookUrl"] is { Length: > 0 }) services.AddSingleton<IReviewSender, Teams.TeamsReviewSender>();
        services.AddSingleton<SlackInteractionQueue>();
        if (configuration.GetSection("Channels:Slack").Get<SlackChannelOptions>() is { Configured: true })
        {
            services.AddSingleton<IReviewSender, SlackReviewSender>();
            services.AddHostedService<SlackInteractionWorker>();
        }
        return services;
    }

    public static IEndpointRouteBuilder MapReviewChannels(this IEndpointRouteBuilder app)
    {
        app.MapReviewLinkPages();
        app.MapApprovalWebPages();
        app.MapSlackInteractions();
        return app;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
