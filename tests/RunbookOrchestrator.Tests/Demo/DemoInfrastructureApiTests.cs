using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Demo;

namespace RunbookOrchestrator.Tests.Demo;

public sealed class DemoInfrastructureApiTests : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "rbo-demo-infra-" + Guid.NewGuid().ToString("N"));
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapDemoInfrastructure(dataDir);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
    }

    private Task<HttpResponseMessage> PostAsync(string path, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Scaling_a_service_changes_its_replica_count()
    {
        var scaled = await PostAsync("/demo/infra/services/checkout/scale", new { replicas = 7 });
        var current = await JsonAsync(await client.GetAsync("/demo/infra/services/checkout"));

        Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        Assert.Equal(3, (int)(await JsonAsync(scaled))["previous_replicas"]!);
        Assert.Equal(7, (int)current["replicas"]!);
    }

    [Fact]
    public async Task Infrastructure_state_is_kept_in_demo_infra_json()
    {
        await PostAsync("/demo/infra/services/search/scale", new { replicas = 5 });

        var saved = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dataDir, "demo-infra.json")))!;

        Assert.Equal(5, (int)saved["services"]!["search"]!["replicas"]!);
    }

    [Fact]
    public async Task Repeating_a_rotation_with_the_same_idempotency_key_returns_the_same_version_without_rotating_again()
    {
        var first = await JsonAsync(await PostAsync("/demo/infra/credentials/crm-db/rotate", null, "run-1:rotate:1"));
        var repeated = await PostAsync("/demo/infra/credentials/crm-db/rotate", null, "run-1:rotate:1");
        var next = await JsonAsync(await PostAsync("/demo/infra/credentials/crm-db/rotate", null, "run-2:rotate:1"));

        Assert.Equal(2, (int)first["version"]!);
        Assert.Equal(first.ToJsonString(), (await JsonAsync(repeated)).ToJsonString());
        Assert.Equal("true", repeated.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(3, (int)next["version"]!);
    }

    [Fact]
    public async Task Rotation_answer_names_the_version_and_never_a_secret()
    {
        var body = (await JsonAsync(await PostAsync("/demo/infra/credentials/payments-api/rotate", null))).AsObject();

        Assert.Equal(["name", "version", "previous_version", "rotated_at"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task Repeating_an_access_grant_with_the_same_idempotency_key_creates_one_grant()
    {
        var grant = new { user = "bob", role = "db-reader", ttl_minutes = 30 };

        var first = await PostAsync("/demo/infra/access-grants", grant, "run-9:grant:1");
        var second = await PostAsync("/demo/infra/access-grants", grant, "run-9:grant:1");
        var grants = (await JsonAsync(await client.GetAsync("/demo/infra/access-grants")))["grants"]!.AsArray();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var only = Assert.Single(grants);
        Assert.Equal(("bob", "db-reader"), ((string?)only!["user"], (string?)only["role"]));
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_request_is_refused()
    {
        await PostAsync("/demo/infra/services/payments/scale", new { replicas = 4 }, "key-1");

        var reused = await PostAsync("/demo/infra/services/payments/scale", new { replicas = 9 }, "key-1");
        var current = await JsonAsync(await client.GetAsync("/demo/infra/services/payments"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(4, (int)current["replicas"]!);
    }

    [Fact]
    public async Task Scaling_an_unknown_service_is_a_404_naming_the_known_ones()
    {
        var response = await PostAsync("/demo/infra/services/nope/scale", new { replicas = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("checkout", (string?)(await JsonAsync(response))["detail"]);
    }

    [Fact]
    public async Task Scaling_without_a_replica_count_is_a_400_naming_the_field()
    {
        var response = await PostAsync("/demo/infra/services/checkout/scale", new { count = 2 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'replicas'", (string?)(await JsonAsync(response))["detail"]);
    }

    [Fact]
    public async Task Access_grant_with_an_excessive_ttl_is_a_400()
    {
        var response = await PostAsync("/demo/infra/access-grants", new { user = "bob", role = "admin", ttl_minutes = 100_000 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'ttl_minutes'", (string?)(await JsonAsync(response))["detail"]);
    }
}
