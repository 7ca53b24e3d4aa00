using System.Runtime.CompilerServices;

namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>Runs inside the retry pipeline, once per attempt: signs the body with the current time and counts the attempt.</summary>
public sealed class CallbackAttemptHandler(TimeProvider clock) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> SecretKey = new("rbo.callback.secret");
    public static readonly HttpRequestOptionsKey<StrongBox<int>> AttemptsKey = new("rbo.callback.attempts");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(AttemptsKey, out var attempts)) Interlocked.Increment(ref attempts.Value);
        if (request.Options.TryGetValue(SecretKey, out var secret) && request.Content is { } content)
        {
            var body = await content.ReadAsStringAsync(cancellationToken);
            request.Headers.Remove(CallbackSigner.HeaderName);
            // A fresh timestamp on every attempt: a retry 7 s later must still pass a receiver's freshness check.
            request.Headers.Add(CallbackSigner.HeaderName, CallbackSigner.Sign(body, secret, clock.GetUtcNow()));
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
