namespace RunbookOrchestrator.Tests.Masking.Integration;

/// <summary>Keeps the body of every API response its clients receive, to search them all afterwards.</summary>
public sealed class ResponseRecorder
{
    private readonly List<RecordedResponse> _responses = [];

    public IReadOnlyList<RecordedResponse> Responses
    {
        get { lock (_responses) return _responses.ToList(); }
    }

    public DelegatingHandler Handler() => new Recording(this);

    private sealed class Recording(ResponseRecorder owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (owner._responses) owner._responses.Add(new RecordedResponse($"{request.Method} {request.RequestUri?.PathAndQuery}", (int)response.StatusCode, body));
            return response;
        }
    }
}

/// <summary>One API call of a test and what it answered.</summary>
public sealed record RecordedResponse(string Call, int Status, string Body);
