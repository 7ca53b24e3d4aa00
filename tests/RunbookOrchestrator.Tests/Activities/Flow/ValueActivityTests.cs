using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Activities.Flow;

public sealed class ValueActivityTests : IDisposable
{
    private readonly ActivityTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Set_publishes_its_values_as_the_output()
    {
        var output = ResultAssert.Done(await _host.RunAsync("set", new JsonObject { ["values"] = new JsonObject { ["ticket"] = "OPS-1", ["count"] = 2 } }));

        Assert.Equal("OPS-1", (string?)output!["ticket"]);
        Assert.Equal(2, (int)output["count"]!);
    }

    [Fact]
    public async Task Set_without_values_faults_naming_the_parameter()
    {
        var fault = ResultAssert.Faulted(await _host.RunAsync("set", new JsonObject()));

        Assert.Equal("parameter 'values' is required", fault.Error);
    }

    [Fact]
    public async Task Fail_faults_with_its_message_and_is_not_retried()
    {
        var fault = ResultAssert.Faulted(await _host.RunAsync("fail", new JsonObject { ["message"] = "customer not found" }));

        Assert.Equal("customer not found", fault.Error);
        Assert.False(fault.Retryable);
    }

    [Fact]
    public async Task Notify_on_the_log_channel_writes_the_message_with_run_and_step()
    {
        ResultAssert.Done(await _host.RunAsync("notify", new JsonObject { ["message"] = "export finished" }, "tell-owner", "run-5"));

        Assert.Contains(_host.Logs.Entries, e =>
            e.Level == LogLevel.Information && e.Message.Contains("export finished") && e.Message.Contains("run-5") && e.Message.Contains("tell-owner"));
    }

    [Fact]
    public async Task Notify_on_a_channel_that_is_not_configured_faults()
    {
        var fault = ResultAssert.Faulted(await _host.RunAsync("notify", new JsonObject { ["message"] = "hi", ["channel"] = "slack" }));

        Assert.Equal("channel 'slack' is not configured", fault.Error);
    }

    [Fact]
    public async Task Notify_on_an_unknown_channel_lists_the_known_ones()
    {
        var fault = ResultAssert.Faulted(await _host.RunAsync("notify", new JsonObject { ["message"] = "hi", ["channel"] = "pager" }));

        Assert.Equal("unknown channel 'pager'; expected one of log, slack, teams, email", fault.Error);
    }
}
