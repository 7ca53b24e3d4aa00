using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities.Http;

public sealed class HttpRequestActivityTests(HttpTestServer server) : IClassFixture<HttpTestServer>, IDisposable
{
    private readonly ActivityTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private Task<ActivityResult> Call(JsonObject parameters, string runId = "run-1", string stepId = "step-1", int attempt = 1) =>
        _host.RunAsync("http.request", parameters, stepId, runId, attempt);

    [Fact]
    public async Task Request_carries_an_idempotency_key_made_of_run_step_and_attempt()
    {
        var output = ResultAssert.Done(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/echo" }, "run-42", "notify-crm", 3));

        Assert.Equal("run-42:notify-crm:3", (string?)output!["body"]!["idempotency_key"]);
    }

    [Fact]
    public async Task Keep_body_false_leaves_the_body_out_of_the_output()
    {
        var output = ResultAssert.Done(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/echo", ["keep_body"] = false }));

        Assert.Equal(200, (int)output!["status"]!);
        Assert.Null(output["body"]);
    }

    [Fact]
    public async Task Json_response_body_is_parsed_into_the_output()
    {
        var output = ResultAssert.Done(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/echo", ["method"] = "put" }));

        Assert.Equal(200, (int)output!["status"]!);
        Assert.StartsWith("application/json", (string?)output["headers"]!["content-type"]);
        Assert.Equal("PUT", (string?)output["body"]!["method"]);
    }

    [Fact]
    public async Task Object_body_is_sent_as_json()
    {
        var output = ResultAssert.Done(await Call(new JsonObject
        {
            ["url"] = $"{server.BaseUrl}/echo",
            ["method"] = "POST",
            ["body"] = new JsonObject { ["customer"] = "c-1", ["count"] = 2 },
        }));

        Assert.StartsWith("application/json", (string?)output!["body"]!["content_type"]);
        var sent = JsonNode.Parse((string)output["body"]!["body"]!)!;
        Assert.Equal("c-1", (string?)sent["customer"]);
        Assert.Equal(2, (int)sent["count"]!);
    }

    [Fact]
    public async Task String_body_is_sent_as_text()
    {
        var output = ResultAssert.Done(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/echo", ["method"] = "POST", ["body"] = "hello there" }));

        Assert.StartsWith("text/plain", (string?)output!["body"]!["content_type"]);
        Assert.Equal("hello there", (string?)output["body"]!["body"]);
    }

    [Fact]
    public async Task Custom_headers_reach_the_server()
    {
        var output = ResultAssert.Done(await Call(new JsonObject
        {
            ["url"] = $"{server.BaseUrl}/echo",
            ["headers"] = new JsonObject { ["X-Custom"] = "abc" },
        }));

        Assert.Equal("abc", (string?)output!["body"]!["x_custom"]);
    }

    [Fact]
    public async Task Text_response_body_is_returned_as_text()
    {
        var output = ResultAssert.Done(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/text" }));

        Assert.Equal("plain words", (string?)output!["body"]);
    }

    [Fact]
    public async Task Server_error_is_a_retryable_fault()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/status/503" }));

        Assert.True(fault.Retryable);
        Assert.Contains("503", fault.Error);
    }

    [Fact]
    public async Task Too_many_requests_is_a_retryable_fault()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/status/429" }));

        Assert.True(fault.Retryable);
    }

    [Fact]
    public async Task Not_found_is_a_fault_that_is_not_retried_and_keeps_the_status()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/status/404" }));

        Assert.False(fault.Retryable);
        Assert.Equal(404, (int)fault.Output!["status"]!);
    }

    [Fact]
    public async Task Expected_status_list_accepts_a_status_outside_2xx()
    {
        var output = ResultAssert.Done(await Call(new JsonObject
        {
            ["url"] = $"{server.BaseUrl}/status/404",
            ["expect_status"] = new JsonArray(200, 404),
        }));

        Assert.Equal(404, (int)output!["status"]!);
    }

    [Fact]
    public async Task Expected_status_rejects_another_2xx()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/status/204", ["expect_status"] = 200 }));

        Assert.Contains("unexpected status 204", fault.Error);
    }

    [Fact]
    public async Task Body_with_a_declared_length_over_the_cap_faults()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/bytes/5000", ["max_response_bytes"] = 1000 }));

        Assert.Contains("exceeds max_response_bytes (1000 bytes)", fault.Error);
    }

    [Fact]
    public async Task Streamed_body_over_the_cap_faults()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/streamed/200000", ["max_response_bytes"] = 10_000 }));

        Assert.Contains("exceeds max_response_bytes", fault.Error);
    }

    [Fact]
    public async Task Body_within_the_cap_is_returned_whole()
    {
        var output = ResultAssert.Done(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/bytes/1000", ["max_response_bytes"] = 1000 }));

        Assert.Equal(1000, ((string)output!["body"]!).Length);
    }

    [Fact]
    public async Task Slow_server_is_a_retryable_timeout()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"{server.BaseUrl}/slow", ["timeout"] = "1s" }));

        Assert.True(fault.Retryable);
        Assert.Contains("timed out after 1s", fault.Error);
    }

    [Fact]
    public async Task Refused_connection_is_a_retryable_fault()
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = $"http://127.0.0.1:{ClosedPort()}/" }));

        Assert.True(fault.Retryable);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/file")]
    [InlineData("/relative/path")]
    public async Task Only_absolute_http_or_https_urls_are_accepted(string url)
    {
        var fault = ResultAssert.Faulted(await Call(new JsonObject { ["url"] = url }));

        Assert.Equal("parameter 'url' must be an absolute http or https URL", fault.Error);
        Assert.False(fault.Retryable);
    }

    [Fact]
    public async Task Header_values_and_query_strings_never_reach_the_log()
    {
        ResultAssert.Done(await Call(new JsonObject
        {
            ["url"] = $"{server.BaseUrl}/echo?api_key=query-secret",
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer header-secret" },
        }));

        Assert.NotEmpty(_host.Logs.Entries);
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Message.Contains("header-secret") || e.Message.Contains("query-secret"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
