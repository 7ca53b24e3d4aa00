using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Tests.Api;

/// <summary>Every problem, whoever produced it, has the same shape: type, title, status, detail, code and the request's W3C trace_id.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemShapeTests(ApiFixture fixture)
{
    private static void AssertShape(JsonObject problem, string code)
    {
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.Equal("https://runbook-orchestrator.dev/problems/" + code, problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail()));
        Assert.Matches("^[0-9a-f]{32}$", problem["trace_id"]!.GetValue<string>());
        Assert.Null(problem["traceId"]);
    }

    [Fact]
    public async Task A_problem_from_an_endpoint_carries_code_and_trace_id()
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs/{Guid.NewGuid():N}");

        AssertShape(await response.AssertProblemAsync(404), "not-found");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem_not_an_empty_body()
    {
        using var response = await fixture.Agent.GetAsync($"/api/nothing-here-{Guid.NewGuid():N}");

        var problem = await response.AssertProblemAsync(404);
        AssertShape(problem, "not-found");
        Assert.Contains("/api/nothing-here-", problem.Detail());
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var response = await fixture.Agent.GetAsync("/api/masking/preview");

        AssertShape(await response.AssertProblemAsync(405), "method-not-allowed");
    }

    [Fact]
    public async Task The_trace_id_is_the_one_the_caller_sent_in_traceparent()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{Guid.NewGuid():N}");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await fixture.Agent.SendAsync(request);

        Assert.Equal(traceId, (await response.AssertProblemAsync(404))["trace_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_that_accepts_only_html_still_gets_a_json_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{Guid.NewGuid():N}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await fixture.Agent.SendAsync(request);

        AssertShape(await response.AssertProblemAsync(404), "not-found");
    }

    [Fact]
    public void An_unhandled_exception_becomes_a_500_that_quotes_the_trace_id_and_nothing_of_the_exception()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/somewhere";
        var problem = new ProblemDetails { Status = 500 };

        ApiProblemShape.Apply(context, problem, new InvalidOperationException("secret connection string"));

        Assert.Equal("internal-error", problem.Extensions["code"]);
        var traceId = (string)problem.Extensions["trace_id"]!;
        Assert.Contains(traceId, problem.Detail);
        Assert.DoesNotContain("secret", problem.Detail);
    }

    [Fact]
    public void A_bad_request_exception_keeps_its_status_and_says_why()
    {
        var context = new DefaultHttpContext();
        var problem = new ProblemDetails { Status = 413 };

        ApiProblemShape.Apply(context, problem, new Microsoft.AspNetCore.Http.BadHttpRequestException("Request body too large.", 413));

        Assert.Equal("payload-too-large", problem.Extensions["code"]);
        Assert.Equal("Request body too large.", problem.Detail);
    }

    [Fact]
    public void An_endpoints_code_wins_over_the_one_its_status_suggests()
    {
        var problem = new ProblemDetails { Status = 409 };
        problem.Extensions["code"] = "already-decided";

        ApiProblemShape.Apply(new DefaultHttpContext(), problem);

        Assert.Equal("already-decided", problem.Extensions["code"]);
        Assert.EndsWith("/already-decided", problem.Type);
    }
}
