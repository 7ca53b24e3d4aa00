using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Server.Demo;

/// <summary>A small fake "infrastructure" under <c>/demo/infra</c> for the demo runbooks: services to scale, credentials to rotate,
/// temporary access grants. State lives in <c>$RBO_DATA_DIR/demo-infra.json</c>; mutating calls honour <c>Idempotency-Key</c>.</summary>
public static class DemoInfrastructureApi
{
    public const string BasePath = "/demo/infra";
    private const int MaxReplicas = 50;
    private const int MaxTtlMinutes = 24 * 60;
    private const long MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the fake infrastructure endpoints; <paramref name="dataDir"/> defaults to <c>$RBO_DATA_DIR</c> (or <c>data</c>).</summary>
    public static RouteGroupBuilder MapDemoInfrastructure(this IEndpointRouteBuilder endpoints, string? dataDir = null)
    {
        var clock = endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        var store = new DemoInfrastructureStore(dataDir ?? OrchestratorDatabase.DataDirectory(), clock);
        // The demo's stand-in infrastructure is not part of the product API: kept out of the document and the client.
        var group = endpoints.MapGroup(BasePath).WithTags("demo-infrastructure").ExcludeFromDescription();

        group.MapGet("/services/{name}", async (string name, HttpResponse response) =>
            (await store.ReadAsync(s => s.Services.TryGetValue(name, out var service)
                ? new DemoOutcome(200, ServiceJson(name, service))
                : UnknownService(name, s))).ToResult(response));

        group.MapPost("/services/{name}/scale", async (string name, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            if (body.Error is { } error) return error;
            if (IntField(body.Json!, "replicas", 0, MaxReplicas, out var replicas) is { } invalid) return invalid.ToResult(request.HttpContext.Response);
            var outcome = await store.ChangeAsync(IdempotencyKey(request), $"scale {name} {replicas}", state =>
            {
                if (!state.Services.TryGetValue(name, out var service)) return UnknownService(name, state);
                state.Services[name] = new DemoService(replicas, store.Now);
                var json = ServiceJson(name, state.Services[name]);
                json["previous_replicas"] = service.Replicas;
                return new DemoOutcome(200, json);
            });
            return outcome.ToResult(request.HttpContext.Response);
        });

        group.MapPost("/credentials/{name}/rotate", async (string name, HttpRequest request) =>
        {
            // No field to read, but the body goes through the same reader as every POST: `{}`, never nothing or garbage.
            if ((await ReadBodyAsync(request)).Error is { } error) return error;
            var outcome = await store.ChangeAsync(IdempotencyKey(request), $"rotate {name}", state =>
            {
                if (!state.Credentials.TryGetValue(name, out var credential))
                    return DemoOutcome.Problem(404, "unknown credential", $"No credential named '{name}'. Known: {string.Join(", ", state.Credentials.Keys)}.");
                var rotated = new DemoCredential(credential.Version + 1, store.Now);
                state.Credentials[name] = rotated;
                // The new secret itself is never returned: callers only learn which version is current.
                return new DemoOutcome(200, new JsonObject { ["name"] = name, ["version"] = rotated.Version, ["previous_version"] = credential.Version, ["rotated_at"] = rotated.RotatedAt });
            });
            return outcome.ToResult(request.HttpContext.Response);
        });

        group.MapPost("/access-grants", async (HttpRequest request) =>
        {
            var response = request.HttpContext.Response;
            var body = await ReadBodyAsync(request);
            if (body.Error is { } error) return error;
            if (StringField(body.Json!, "user", out var user) is { } badUser) return badUser.ToResult(response);
            if (StringField(body.Json!, "role", out var role) is { } badRole) return badRole.ToResult(response);
            if (IntField(body.Json!, "ttl_minutes", 1, MaxTtlMinutes, out var ttl) is { } badTtl) return badTtl.ToResult(response);
            var outcome = await store.ChangeAsync(IdempotencyKey(request), $"grant {user} {role} {ttl}", state =>
            {
                var grant = new DemoAccessGrant("grant-" + (state.AccessGrants.Count + 1), user, role, store.Now, store.Now.AddMinutes(ttl));
                state.AccessGrants.Add(grant);
                return new DemoOutcome(201, JsonSerializer.SerializeToNode(grant));
            });
            return outcome.ToResult(response);
        });

        group.MapGet("/access-grants", async (HttpResponse response) =>
            (await store.ReadAsync(s =>
            {
                var active = s.AccessGrants.Where(g => g.ExpiresAt > store.Now).Select(g => JsonSerializer.SerializeToNode(g)).ToArray();
                return new DemoOutcome(200, new JsonObject { ["grants"] = new JsonArray(active) });
            })).ToResult(response));

        return group;
    }

    private static JsonObject ServiceJson(string name, DemoService service) =>
        new() { ["name"] = name, ["replicas"] = service.Replicas, ["updated_at"] = service.UpdatedAt };

    private static DemoOutcome UnknownService(string name, DemoInfrastructureState state) =>
        DemoOutcome.Problem(404, "unknown service", $"No service named '{name}'. Known: {string.Join(", ", state.Services.Keys)}.");

    private static string? IdempotencyKey(HttpRequest request) =>
        request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null;

    private static async Task<(JsonObject? Json, IResult? Error)> ReadBodyAsync(HttpRequest request) =>
        await JsonBody.ReadObjectAsync(request, MaxBodyBytes, request.HttpContext.RequestAborted);

    private static DemoOutcome? IntField(JsonObject body, string field, int min, int max, out int value)
    {
        value = 0;
        var node = body[field];
        // Templates render numbers as strings, so "3" is accepted as well as 3.
        var ok = node?.GetValueKind() switch
        {
            JsonValueKind.Number => node.AsValue().TryGetValue(out value),
            JsonValueKind.String => int.TryParse(node.GetValue<string>(), out value),
            _ => false,
        };
        if (!ok) return DemoOutcome.Problem(400, "invalid body", $"'{field}' is required and must be an integer.");
        if (value < min || value > max) return DemoOutcome.Problem(400, "invalid body", $"'{field}' must be between {min} and {max}.");
        return null;
    }

    private static DemoOutcome? StringField(JsonObject body, string field, out string value)
    {
        value = body[field]?.GetValueKind() == JsonValueKind.String ? body[field]!.GetValue<string>().Trim() : "";
        return value.Length is > 0 and <= 200 ? null : DemoOutcome.Problem(400, "invalid body", $"'{field}' is required and must be a non-empty string of at most 200 characters.");
    }
}
