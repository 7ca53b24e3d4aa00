using Polly;
using Polly.Timeout;
using RunbookOrchestrator.Egress;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>What docs/callbacks.md promises: 5xx, 408, 429, network errors and timeouts are retried; other 4xx answers and egress refusals are final.</summary>
public static class CallbackRetryRule
{
    public static bool IsTransient(int status) => status >= 500 || status is 408 or 429;

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } e } => EgressConnector.RefusalIn(e) is null && e is HttpRequestException or TimeoutRejectedException,
        { Result: { } response } => IsTransient((int)response.StatusCode),
        _ => false,
    };
}
