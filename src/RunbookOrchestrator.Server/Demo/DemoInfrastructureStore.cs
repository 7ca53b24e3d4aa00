using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Demo;

/// <summary>Reads and writes <c>demo-infra.json</c> one request at a time, and replays responses for repeated Idempotency-Keys.</summary>
public sealed class DemoInfrastructureStore(string dataDir, TimeProvider clock)
{
    public const string FileName = "demo-infra.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly SemaphoreSlim gate = new(1, 1);

    public string FilePath { get; } = Path.Combine(dataDir, FileName);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Reads the state without changing it.</summary>
    public async Task<T> ReadAsync<T>(Func<DemoInfrastructureState, T> read)
    {
        await gate.WaitAsync();
        try { return read(await LoadAsync()); }
        finally { gate.Release(); }
    }

    /// <summary>Applies <paramref name="change"/> and saves, unless <paramref name="idempotencyKey"/> was seen before:
    /// then the first response is returned again and nothing changes. <see cref="DemoOutcome.Replayed"/> tells which.</summary>
    public async Task<DemoOutcome> ChangeAsync(string? idempotencyKey, string request, Func<DemoInfrastructureState, DemoOutcome> change)
    {
        await gate.WaitAsync();
        try
        {
            var state = await LoadAsync();
            if (idempotencyKey is not null && state.Idempotency.TryGetValue(idempotencyKey, out var recorded))
                return recorded.Request == request
                    ? new DemoOutcome(recorded.Status, recorded.Body?.DeepClone(), Replayed: true)
                    : DemoOutcome.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                        "This Idempotency-Key was already used for a different request; use a new key for a new action.");
            var outcome = change(state);
            if (idempotencyKey is not null)
                state.Idempotency[idempotencyKey] = new DemoRecordedResponse(request, outcome.Status, outcome.Body?.DeepClone());
            await SaveAsync(state);
            return outcome;
        }
        finally { gate.Release(); }
    }

    private async Task<DemoInfrastructureState> LoadAsync()
    {
        if (!File.Exists(FilePath)) return DemoInfrastructureState.Initial(Now);
        await using var stream = File.OpenRead(FilePath);
        return await JsonSerializer.DeserializeAsync<DemoInfrastructureState>(stream, Json) ?? DemoInfrastructureState.Initial(Now);
    }

    private async Task SaveAsync(DemoInfrastructureState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = FilePath + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(state, Json));
        File.Move(temporary, FilePath, overwrite: true);
    }
}

/// <summary>An HTTP answer of the fake infrastructure: status and JSON body (a problem document for errors).</summary>
public sealed record DemoOutcome(int Status, JsonNode? Body, bool Replayed = false)
{
    public static DemoOutcome Problem(int status, string title, string detail) => new(status, new JsonObject
    {
        ["type"] = "about:blank",
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
    });

    public IResult ToResult(HttpResponse response)
    {
        if (Replayed) response.Headers["Idempotent-Replayed"] = "true";
        // Problems leave in the API's one shape (code, trace_id); the stored outcome keeps only what was decided.
        if (Status >= 400)
        {
            var title = Body?["title"]?.GetValue<string>() ?? "Demo request refused";
            return ApiProblems.Problem(Status, title.Replace(' ', '-'), title, Body?["detail"]?.GetValue<string>() ?? title);
        }
        return Results.Content(Body?.ToJsonString() ?? "{}", "application/json", statusCode: Status);
    }
}
