using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities;

public sealed class RegistrationTests
{
    private static readonly string[] BuiltIn =
    [
        "http.request", "sql.query", "shell", "set", "fail", "notify", "delay", "wait.event", "branch", "switch", "parallel", "join", "runbook.call", "approval",
    ];

    [Fact]
    public void Every_built_in_activity_is_in_the_registry()
    {
        using var host = new ActivityTestHost();

        var types = host.Services.GetRequiredService<IActivityRegistry>().Descriptors.Select(d => d.Type).Order();

        Assert.Equal(BuiltIn.Order(), types);
    }

    [Fact]
    public void Registering_twice_does_not_duplicate_activities()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddBuiltInActivities();
        services.AddBuiltInActivities();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(BuiltIn.Length, provider.GetServices<IActivity>().Count());
    }

    [Fact]
    public void Expression_parameters_are_marked_so_the_engine_leaves_them_unrendered()
    {
        using var host = new ActivityTestHost();

        Assert.Equal(ParameterKind.Expression, host.Activity("branch").Descriptor.Parameters.Single(p => p.Name == "condition").Kind);
        Assert.Equal(ParameterKind.Expression, host.Activity("switch").Descriptor.Parameters.Single(p => p.Name == "cases").Kind);
    }

    [Fact]
    public void Sql_query_text_is_literal_so_templates_cannot_splice_values_into_it()
    {
        using var host = new ActivityTestHost();

        Assert.Equal(ParameterKind.Literal, host.Activity("sql.query").Descriptor.Parameters.Single(p => p.Name == "query").Kind);
    }

    [Fact]
    public async Task Control_flow_step_run_as_an_activity_faults_instead_of_doing_nothing()
    {
        using var host = new ActivityTestHost();

        var fault = ResultAssert.Faulted(await host.RunAsync("parallel", new System.Text.Json.Nodes.JsonObject()));

        Assert.Equal("'parallel' is carried out by the engine and cannot run as an activity", fault.Error);
    }
}
