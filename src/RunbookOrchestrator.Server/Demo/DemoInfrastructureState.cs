using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RunbookOrchestrator.Server.Demo;

/// <summary>Everything the fake infrastructure remembers, persisted as <c>demo-infra.json</c>.</summary>
public sealed class DemoInfrastructureState
{
    [JsonPropertyName("services")]
    public Dictionary<string, DemoService> Services { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("credentials")]
    public Dictionary<string, DemoCredential> Credentials { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("access_grants")]
    public List<DemoAccessGrant> AccessGrants { get; set; } = [];

    /// <summary>Idempotency-Key to the response first given for it.</summary>
    [JsonPropertyName("idempotency")]
    public Dictionary<string, DemoRecordedResponse> Idempotency { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The state of a fresh demo: a few services and credentials to play with.</summary>
    public static DemoInfrastructureState Initial(DateTimeOffset now) => new()
    {
        Services =
        {
            ["checkout"] = new DemoService(3, now),
            ["payments"] = new DemoService(2, now),
            ["search"] = new DemoService(2, now),
            ["crm-api"] = new DemoService(1, now),
        },
        Credentials =
        {
            ["crm-db"] = new DemoCredential(1, now),
            ["payments-api"] = new DemoCredential(1, now),
            ["reporting-warehouse"] = new DemoCredential(1, now),
        },
    };
}

/// <summary>A fake service and its replica count.</summary>
public sealed record DemoService(
    [property: JsonPropertyName("replicas")] int Replicas,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);

/// <summary>A fake credential; only its version is ever shown, never a secret.</summary>
public sealed record DemoCredential(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("rotated_at")] DateTimeOffset RotatedAt);

/// <summary>A temporary role granted to a user until <see cref="ExpiresAt"/>.</summary>
public sealed record DemoAccessGrant(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("granted_at")] DateTimeOffset GrantedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

/// <summary>A response remembered for an Idempotency-Key, with the request it answered.</summary>
public sealed record DemoRecordedResponse(
    [property: JsonPropertyName("request")] string Request,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("body")] JsonNode? Body);
