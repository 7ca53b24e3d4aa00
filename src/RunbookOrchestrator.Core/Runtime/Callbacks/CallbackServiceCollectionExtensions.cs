using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>DI registration of <see cref="CallbackSender"/> and its <c>callbacks</c> HTTP client.</summary>
public static class CallbackServiceCollectionExtensions
{
    public static IServiceCollection AddCallbackSender(this IServiceCollection services, CallbackSenderOptions? options = null)
    {
        options ??= new CallbackSenderOptions();
        // The per-attempt timeout is enforced by the sender; the client's own timeout is only a backstop.
        services.AddHttpClient(CallbackSender.HttpClientName, c => c.Timeout = options.AttemptTimeout + TimeSpan.FromSeconds(5));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<CallbackSender>();
        return services;
    }
}
