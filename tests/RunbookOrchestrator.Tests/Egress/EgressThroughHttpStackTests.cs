using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Egress;
using RunbookOrchestrator.Tests.Activities;
using RunbookOrchestrator.Tests.Runtime;

namespace RunbookOrchestrator.Tests.Egress;

/// <summary>The policy inside the real HttpClient stack of the http.request activity, over a network that can only reach loopback.</summary>
public sealed class EgressThroughHttpStackTests : IAsyncLifetime
{
    private readonly RecordingServer _server = new();
    private LoopbackOnlyNetwork _network = null!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _network = new LoopbackOnlyNetwork(new Dictionary<string, IPAddress[]>
        {
            ["metadata.test"] = [IPAddress.Parse("169.254.169.254")],
            ["rebinding.test"] = [IPAddress.Parse("10.1.2.3")],
            ["mixed.test"] = [IPAddress.Parse("192.168.0.7"), IPAddress.Loopback],
            ["service.test"] = [IPAddress.Loopback],
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ActivityTestHost Host(params string[] allow) => new(extra: services =>
    {
        services.AddEgressPolicy(EgressPolicy.Parse(allow));
        services.AddSingleton<IEgressNetwork>(_network);
    });

    private static Task<ActivityResult> Get(ActivityTestHost host, string url) =>
        host.RunAsync("http.request", new JsonObject { ["url"] = url, ["timeout"] = "5s" }, "probe", "run-1", 1);

    private int Port => new Uri(_server.BaseUrl).Port;

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("http://2852039166/latest/meta-data/")]
    [InlineData("http://0251.0376.0251.0376/")]
    [InlineData("http://metadata.test/computeMetadata/v1/")]
    [InlineData("http://rebinding.test/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::1]:9/")]
    public async Task Http_steps_to_special_addresses_fail_without_a_packet_and_without_retry(string url)
    {
        using var host = Host();

        var result = await Get(host, url);

        var failed = ResultAssert.Faulted(result);
        Assert.Contains("egress refused", failed.Error);
        Assert.False(failed.Retryable);
        Assert.DoesNotContain(_network.Dialled, e => !IPAddress.IsLoopback(e.Address));
    }

    [Fact]
    public async Task Loopback_is_refused_unless_an_entry_names_it()
    {
        using var refused = Host();
        using var allowed = Host($"127.0.0.1:{Port}");

        var refusedResult = await Get(refused, $"{_server.BaseUrl}/status/200/{Guid.NewGuid():N}");
        var allowedResult = await Get(allowed, $"{_server.BaseUrl}/status/200/{Guid.NewGuid():N}");

        Assert.Contains("loopback", ResultAssert.Faulted(refusedResult).Error);
        ResultAssert.Done(allowedResult);
    }

    [Fact]
    public async Task A_name_allowed_by_host_entry_connects_to_its_loopback_address()
    {
        using var host = Host($"service.test:{Port}");

        var result = await Get(host, $"http://service.test:{Port}/status/204/{Guid.NewGuid():N}");

        ResultAssert.Done(result);
    }

    [Fact]
    public async Task A_name_with_a_refused_and_an_allowed_address_connects_only_to_the_allowed_one()
    {
        using var host = Host($"127.0.0.1:{Port}");

        var result = await Get(host, $"http://mixed.test:{Port}/status/200/{Guid.NewGuid():N}");

        ResultAssert.Done(result);
        Assert.All(_network.Dialled, e => Assert.True(IPAddress.IsLoopback(e.Address)));
    }
}
