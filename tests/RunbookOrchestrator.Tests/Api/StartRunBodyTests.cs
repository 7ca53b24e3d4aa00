using System.Net.Http.Json;
using System.Text;
using Bogus;

namespace RunbookOrchestrator.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class StartRunBodyTests(ApiFixture fixture)
{
    private readonly Faker _faker = new();

    private async Task<HttpResponseMessage> PostRawAsync(string json, string runbook = "typed") =>
        await fixture.Agent.PostAsync($"/api/runbooks/{runbook}/runs", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_line_and_position()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await PostRawAsync("{\n  \"inputs\": { \"count\": 1 ,, }\n}");

        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("not valid JSON at line 2", problem.Detail());
        Assert.Equal(2, problem["line"]!.GetValue<long>());
        Assert.True(problem["position"]!.GetValue<long>() > 1);
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_a_400()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await PostRawAsync($"[{_faker.Random.Int()}, {_faker.Random.Int()}]");

        Assert.Contains("must be a JSON object", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task Inputs_that_are_not_an_object_are_a_400_naming_inputs()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await PostRawAsync($"{{\"inputs\": {_faker.Random.Int()}}}");

        Assert.Contains("'inputs' must be a JSON object", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task An_unknown_top_level_field_is_a_400_naming_the_field()
    {
        var field = "x_" + _faker.Random.AlphaNumeric(8).ToLowerInvariant();
        var before = await fixture.App.CountRunsAsync();

        using var response = await PostRawAsync($"{{\"inputs\": {{\"count\": 1}}, \"{field}\": true}}");

        Assert.Contains($"unknown field '{field}'", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_reason_that_is_not_a_string_is_a_400_naming_reason()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await PostRawAsync($"{{\"inputs\": {{\"count\": 1}}, \"reason\": {_faker.Random.Int()}}}");

        Assert.Contains("'reason' must be a string", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_callback_url_that_is_not_http_is_a_400_naming_callback_url()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await fixture.Agent.PostAsJsonAsync("/api/runbooks/typed/runs",
            new { inputs = new { count = 1 }, callback_url = $"ftp://{_faker.Internet.DomainName()}/done" });

        Assert.Contains("'callback_url' must be an absolute http or https URL", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task An_undeclared_input_is_a_400_naming_the_input()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await fixture.Agent.PostAsJsonAsync("/api/runbooks/typed/runs",
            new { inputs = new { count = 1, colour = _faker.Commerce.Color() } });

        Assert.Contains("input 'colour'", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_missing_required_input_is_a_400_naming_the_input()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await fixture.Agent.PostAsJsonAsync("/api/runbooks/typed/runs", new { inputs = new { label = _faker.Lorem.Word() } });

        Assert.Contains("input 'count'", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_string_given_for_an_int_input_is_a_400_naming_the_input()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await fixture.Agent.PostAsJsonAsync("/api/runbooks/typed/runs", new { inputs = new { count = _faker.Lorem.Word() } });

        var detail = (await response.AssertProblemAsync(400)).Detail();
        Assert.Contains("input 'count'", detail);
        Assert.Contains("int", detail);
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413()
    {
        var before = await fixture.App.CountRunsAsync();
        var padding = new string('a', 2 * 1024 * 1024);

        using var response = await PostRawAsync($"{{\"inputs\": {{\"count\": 1}}, \"reason\": \"{padding}\"}}");

        Assert.Contains("exceeds the limit", (await response.AssertProblemAsync(413)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task An_idempotency_key_that_is_too_long_is_a_400_naming_the_header()
    {
        var before = await fixture.App.CountRunsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runbooks/typed/runs") { Content = JsonContent.Create(new { inputs = new { count = 1 } }) };
        request.Headers.Add("Idempotency-Key", _faker.Random.String2(201));

        using var response = await fixture.Agent.SendAsync(request);

        Assert.Contains("Idempotency-Key", (await response.AssertProblemAsync(400)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_naming_the_content_type()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await fixture.Agent.PostAsync("/api/runbooks/typed/runs", new StringContent("count=1", Encoding.UTF8, "text/plain"));

        Assert.Contains("text/plain", (await response.AssertProblemAsync(415)).Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }
}
