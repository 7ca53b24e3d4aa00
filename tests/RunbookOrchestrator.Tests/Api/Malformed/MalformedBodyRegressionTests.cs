using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bogus;

namespace RunbookOrchestrator.Tests.Api.Malformed;

/// <summary>The malformed bodies that used to answer 500 (or a misleading 400), each pinned by the bug it was.</summary>
public sealed class MalformedBodyRegressionTests(MalformedBodyFixture fixture) : IClassFixture<MalformedBodyFixture>
{
    private readonly Faker _faker = new();

    private Task<HttpResponseMessage> TriggerAsync(string json) => PostAsync(fixture.Agent, "/api/runbooks/typed/runs", Encoding.UTF8.GetBytes(json));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.PostAsync(url, content);
    }

    private static ProblemErrorView SingleError(JsonObject problem)
    {
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        return new ProblemErrorView(error["path"]!.GetValue<string>(), error["message"]!.GetValue<string>());
    }

    private sealed record ProblemErrorView(string Path, string Message);

    [Fact]
    public async Task Duplicate_key_in_inputs_is_400_naming_the_key()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await TriggerAsync("""{"inputs": {"count": 1, "customer_country": "FR", "customer_country": "DE"}, "reason": "test"}""");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("duplicate-key", problem["code"]!.GetValue<string>());
        Assert.Equal("/inputs/customer_country", SingleError(problem).Path);
        Assert.Contains("'customer_country'", problem.Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task Duplicate_key_spelled_with_an_escape_is_still_a_duplicate()
    {
        using var response = await TriggerAsync("""{"inputs": {"count": 1, "\u0063ount": 2}}""");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("duplicate-key", problem["code"]!.GetValue<string>());
        Assert.Equal("/inputs/count", SingleError(problem).Path);
    }

    [Fact]
    public async Task Duplicate_key_at_the_top_of_a_trigger_body_is_400_naming_the_key()
    {
        using var response = await TriggerAsync("""{"inputs": {"count": 1}, "reason": "a", "reason": "b"}""");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("duplicate-key", problem["code"]!.GetValue<string>());
        Assert.Equal("/reason", SingleError(problem).Path);
    }

    [Fact]
    public async Task Duplicate_decision_key_is_400_and_decides_nothing()
    {
        using var response = await PostAsync(fixture.Reviewer, $"/api/approvals/{fixture.GateId}/decisions",
            """{"decision": "reject", "decision": "approve", "reason": "sure"}"""u8.ToArray());

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("duplicate-key", problem["code"]!.GetValue<string>());
        Assert.Equal("/decision", SingleError(problem).Path);
        var gate = JsonNode.Parse(await fixture.Reviewer.GetStringAsync($"/api/approvals/{fixture.GateId}"))!;
        Assert.Equal("pending", gate["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lone_surrogate_in_reason_is_400()
    {
        var before = await fixture.App.CountRunsAsync();

        using var response = await TriggerAsync("""{"inputs": {"count": 1}, "reason": "ok \ud800 then"}""");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("invalid-unicode-escape", problem["code"]!.GetValue<string>());
        Assert.Equal("/reason", SingleError(problem).Path);
        Assert.Contains("surrogate", problem.Detail());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task Lone_surrogate_in_a_decision_reason_is_400()
    {
        using var response = await PostAsync(fixture.Reviewer, $"/api/approvals/{fixture.GateId}/decisions",
            """{"decision": "reject", "reason": "\udc00"}"""u8.ToArray());

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("/reason", SingleError(problem).Path);
    }

    [Fact]
    public async Task Invalid_utf8_in_reason_is_400_naming_the_field_and_position()
    {
        var before = await fixture.App.CountRunsAsync();
        byte[] body = [.. "{\"inputs\": {\"count\": 1},\n \"reason\": \"caf"u8, 0xE9, .. "\"}"u8];

        using var response = await PostAsync(fixture.Agent, "/api/runbooks/typed/runs", body);

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("invalid-utf8", problem["code"]!.GetValue<string>());
        Assert.Equal("/reason", SingleError(problem).Path);
        Assert.Equal(2, problem["line"]!.GetValue<long>());
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task Empty_body_is_400_saying_a_json_object_is_expected()
    {
        using var response = await PostAsync(fixture.Agent, $"/api/runs/{fixture.ParkedRunId}/cancel", []);

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("empty-body", problem["code"]!.GetValue<string>());
        Assert.Contains("{}", problem.Detail());
    }

    [Fact]
    public async Task Null_body_is_400_saying_an_object_is_expected()
    {
        using var response = await TriggerAsync("null");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("wrong-type", problem["code"]!.GetValue<string>());
        Assert.Contains("must be a JSON object, not null", problem.Detail());
    }

    [Fact]
    public async Task Two_hundred_digit_integer_is_reported_as_out_of_range()
    {
        var digits = string.Concat(Enumerable.Range(0, 200).Select(i => i == 0 ? _faker.Random.Int(1, 9) : _faker.Random.Int(0, 9)));

        using var response = await TriggerAsync($$$"""{"inputs": {"count": {{{digits}}}}}""");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("invalid-inputs", problem["code"]!.GetValue<string>());
        Assert.Equal("/inputs/count", SingleError(problem).Path);
        Assert.Contains("out of that range", problem.Detail());
        Assert.DoesNotContain("fractional", problem.Detail());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e-400")]
    [InlineData("12345678901234567890.25")]
    public async Task A_fraction_given_for_an_int_input_is_still_reported_as_fractional(string number)
    {
        using var response = await TriggerAsync($$$"""{"inputs": {"count": {{{number}}}}}""");

        Assert.Contains("fractional part", (await response.AssertProblemAsync(400)).Detail());
    }

    [Fact]
    public async Task Deep_nesting_is_400_naming_the_path_and_the_depth()
    {
        var nested = new string('[', 100) + new string(']', 100);

        using var response = await TriggerAsync($$$"""{"inputs": {"count": 1, "customer_country": {{{nested}}}}}""");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("too-deep", problem["code"]!.GetValue<string>());
        var path = SingleError(problem).Path;
        Assert.StartsWith("/inputs/customer_country/0/0", path);
        Assert.Contains("32 levels", problem.Detail());
        Assert.Contains("/inputs/customer_country/0", problem.Detail());
    }

    [Fact]
    public async Task Malformed_json_names_the_path_it_was_reading()
    {
        using var response = await TriggerAsync("{\"inputs\": {\"count\": 1,\n \"customer_country\": tru}}");

        var problem = await response.AssertProblemAsync(400);
        Assert.Equal("malformed-json", problem["code"]!.GetValue<string>());
        Assert.Equal("/inputs/customer_country", SingleError(problem).Path);
        Assert.Equal(2, problem["line"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415()
    {
        using var content = new ByteArrayContent("""{"inputs": {"count": 1}}"""u8.ToArray());

        using var response = await fixture.Agent.PostAsync("/api/runbooks/typed/runs", content);

        Assert.Equal("unsupported-media-type", (await response.AssertProblemAsync(415))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_payload_that_is_not_an_object_is_400_and_not_delivered()
    {
        using var response = await PostAsync(fixture.Agent, $"/api/runs/{fixture.ParkedRunId}/events/other", "[1]"u8.ToArray());

        Assert.Equal("wrong-type", (await response.AssertProblemAsync(400))["code"]!.GetValue<string>());
    }
}
