using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Masking.Integration;

/// <summary>Runbook authors preview masking over the API.</summary>
public sealed class MaskingPreviewApiTests : IDisposable
{
    private readonly OrchestratorApp _app = new();
    private readonly Faker _faker = new();

    [Fact]
    public async Task Preview_masks_text_and_reports_each_detection_with_its_span()
    {
        var agent = await _app.AgentClientAsync();
        var email = _faker.Internet.Email();
        var text = $"contact {email} about the export";

        using var response = await agent.PostAsJsonAsync("/api/masking/preview", new { text });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain(email, body.ToJsonString());
        var detection = body["detections"]!.AsArray().Single()!;
        Assert.Equal("email", detection["type"]!.GetValue<string>());
        Assert.Equal(text.IndexOf(email, StringComparison.Ordinal), detection["start"]!.GetValue<int>());
    }

    [Fact]
    public async Task Preview_keeps_the_structure_of_a_json_body()
    {
        var agent = await _app.AgentClientAsync();
        var card = "4111 1111 1111 1111";

        using var response = await agent.PostAsJsonAsync("/api/masking/preview", new { json = new { order = new { id = 42, card } } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(42, body["json"]!["order"]!["id"]!.GetValue<int>());
        Assert.DoesNotContain(card, body.ToJsonString());
    }

    [Fact]
    public async Task Preview_without_text_or_json_is_a_400_saying_what_it_expects()
    {
        var agent = await _app.AgentClientAsync();

        using var response = await agent.PostAsJsonAsync("/api/masking/preview", new { other = 1 });

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("exactly one of them", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _app.Dispose();
}
