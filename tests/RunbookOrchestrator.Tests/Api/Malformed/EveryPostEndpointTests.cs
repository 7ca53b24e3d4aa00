using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Tests.Api.Malformed;

/// <summary>The general rule: every POST operation the served OpenAPI document lists answers every malformed body with a 4xx problem
/// (code, detail, trace_id), for an agent and for a human alike. New endpoints are covered by being documented.</summary>
public sealed partial class EveryPostEndpointTests(MalformedBodyFixture fixture) : IClassFixture<MalformedBodyFixture>
{
    [Theory]
    [MemberData(nameof(MalformedBodies.Names), MemberType = typeof(MalformedBodies))]
    public async Task Every_post_endpoint_answers_a_malformed_body_with_a_4xx_problem(string bodyName) =>
        await AssertAllRefuseAsync(await PostRoutesAsync(), bodyName);

    /// <summary>The demo's fake infrastructure is kept out of the API reference, so it is listed here by hand.</summary>
    [Theory]
    [MemberData(nameof(MalformedBodies.Names), MemberType = typeof(MalformedBodies))]
    public async Task Demo_infrastructure_post_routes_answer_a_malformed_body_with_a_4xx_problem(string bodyName) =>
        await AssertAllRefuseAsync(["/demo/infra/services/{name}/scale", "/demo/infra/credentials/{name}/rotate", "/demo/infra/access-grants"], bodyName);

    private async Task AssertAllRefuseAsync(IEnumerable<string> routes, string bodyName)
    {
        var failures = new List<string>();
        foreach (var route in routes)
            foreach (var (caller, client) in new[] { ("agent", fixture.Agent), ("human", fixture.Reviewer) })
            {
                var url = RouteParameter().Replace(route, m => Uri.EscapeDataString(fixture.ValueFor(m.Groups[1].Value)));
                using var content = new ByteArrayContent(MalformedBodies.All[bodyName]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(url, content);
                if (await WhatIsWrongAsync(response) is { } wrong) failures.Add($"POST {route} as {caller}: {wrong}");
            }

        Assert.True(failures.Count == 0, $"{bodyName} body:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_walk_finds_the_post_endpoints_the_api_is_known_to_have()
    {
        var routes = await PostRoutesAsync();

        Assert.Contains("/api/runbooks/{runbookId}/runs", routes);
        Assert.Contains("/api/runs/{runId}/cancel", routes);
        Assert.Contains("/api/runs/{runId}/events/{eventName}", routes);
        Assert.Contains("/api/approvals/{gateId}/decisions", routes);
        Assert.Contains("/api/approvals/{gateId}/reveals", routes);
        Assert.Contains("/api/masking/preview", routes);
    }

    /// <summary>Every path of the served document that has a <c>post</c> operation; nothing else of the document is relied on.</summary>
    private async Task<List<string>> PostRoutesAsync()
    {
        using var anonymous = fixture.App.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        return document["paths"]!.AsObject().Where(p => p.Value?["post"] is not null).Select(p => p.Key).ToList();
    }

    private static async Task<string?> WhatIsWrongAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shortText = text.Length <= 300 ? text : text[..300] + "…";
        if (status is < 400 or >= 500) return $"answered {status}: {shortText}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"answered {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {shortText}";
        JsonNode? problem;
        try { problem = JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return $"answered {status} with a problem that is not JSON: {shortText}"; }
        foreach (var field in new[] { "detail", "code", "trace_id", "type", "title" })
            if (problem?[field] is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length == 0)
                return $"answered {status} without a '{field}': {shortText}";
        if (problem!["status"]?.GetValue<int>() != status) return $"answered {status} but the problem says status {problem["status"]}";
        return null;
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();
}
