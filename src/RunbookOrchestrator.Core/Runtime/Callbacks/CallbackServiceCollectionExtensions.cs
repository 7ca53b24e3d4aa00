using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using RunbookOrchestrator.Egress;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>DI registration of <see cref="CallbackSender"/> and its <c>callbacks</c> HTTP client: egress policy, retries with backoff, per-attempt timeout and signing.</summary>
public static class CallbackServiceCollectionExtensions
{
    public static IServiceCollection AddCallbackSender(this IServiceCollection services, CallbackSenderOptions? options = null)
    {
        options ??= new CallbackSenderOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<CallbackSender>();
        // The factory's own request logging writes each failed attempt with its stack trace at Information; a receiver
        // being down is expected, and the outbox logs one line for it.
        var client = services.AddHttpClient(CallbackSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).UseEgressPolicy().RemoveAllLoggers();
        client.AddResilienceHandler("callback-delivery", pipeline =>
            {
                // Polly's telemetry logs every handled fault with its stack trace; an unreachable receiver is expected,
                // and the outbox writes the one line that matters (run, host, reason).
                pipeline.ConfigureTelemetry(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.InitialBackoff,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = false,
                    // A receiver's Retry-After could stretch a delivery without bound; the documented schedule holds.
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(CallbackRetryRule.ShouldRetry(args.Outcome)),
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        // Added after the resilience handler, so it sits inside it and runs once per attempt.
        client.AddHttpMessageHandler(sp => new CallbackAttemptHandler(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
