using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.Callbacks;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

[Collection(EngineCollection.Name)]
public sealed class IdempotencyAndCallbackTests(EngineFixture fixture)
{
    private readonly Faker _faker = new();
    private HttpClient Agent => fixture.Agent;

    [Fact]
    public async Task A_repeated_idempotency_key_with_the_same_inputs_returns_the_same_run_marked_as_replayed()
    {
        var key = _faker.Random.Guid().ToString();
        var inputs = new { name = _faker.Name.FirstName() };
        var before = await fixture.App.CountRunsAsync();

        using var first = await StartWithKeyAsync(key, inputs);
        using var second = await StartWithKeyAsync(key, inputs);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var firstBody = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var secondBody = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal(firstBody.Str("run_id"), secondBody.Str("run_id"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", string.Join(",", second.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(secondBody["created"]!.GetValue<bool>());
        Assert.Equal(before + 1, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_reused_idempotency_key_with_different_inputs_is_a_422_problem()
    {
        var key = _faker.Random.Guid().ToString();
        using var first = await StartWithKeyAsync(key, new { name = _faker.Name.FirstName() });
        var before = await fixture.App.CountRunsAsync();

        using var reused = await StartWithKeyAsync(key, new { name = _faker.Name.LastName() + "-other" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", JsonNode.Parse(await reused.Content.ReadAsStringAsync()).Str("detail"));
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_finished_run_posts_one_signed_completion_callback_carrying_its_id_and_status()
    {
        var token = _faker.Random.AlphaNumeric(16);
        var secret = fixture.App.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.CallbackSigningSecret;

        using var start = await Agent.PostAsJsonAsync("/api/runbooks/sequence/runs", new
        {
            inputs = new { name = _faker.Name.FirstName() },
            reason = _faker.Lorem.Sentence(),
            callback_url = $"{fixture.Server.BaseUrl}/callback/{token}",
        });
        var id = JsonNode.Parse(await start.Content.ReadAsStringAsync()).Str("run_id")!;
        await Agent.WaitForEndAsync(id);
        await WaitForCallbackDeliveredAsync(id);

        var callback = Assert.Single(fixture.Server.Received(token));
        Assert.Equal(CallbackSignatureCheck.Valid,
            CallbackSignature.Verify(callback.Header("X-RBO-Signature"), callback.Body, secret, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        var payload = JsonNode.Parse(callback.Body)!;
        Assert.Equal(id, payload.Str("run_id"));
        Assert.Equal("succeeded", payload.Str("status"));
    }

    private async Task<HttpResponseMessage> StartWithKeyAsync(string key, object inputs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runbooks/sequence/runs") { Content = JsonContent.Create(new { inputs }) };
        request.Headers.Add("Idempotency-Key", key);
        return await Agent.SendAsync(request);
    }

    private async Task WaitForCallbackDeliveredAsync(string runId)
    {
        var factory = fixture.App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (await db.Outbox.AnyAsync(m => m.RunId == runId && m.DeliveredAt != null)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the callback of run {runId} was not marked delivered");
    }
}
