using YamlDotNet.RepresentationModel;

namespace RunbookOrchestrator.Tests.Demo;

/// <summary>The demo runbooks in <c>runbooks/</c> carry the privilege tags the demo relies on.</summary>
public class DemoRunbooksTests
{
    private static string RunbooksDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RunbookOrchestrator.sln")))
                return Path.Combine(dir.FullName, "runbooks");
        throw new DirectoryNotFoundException("repository root (RunbookOrchestrator.sln) not found above " + AppContext.BaseDirectory);
    }

    private static YamlMappingNode Load(string id)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RunbooksDirectory(), id + ".yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode runbook) =>
        ((YamlSequenceNode)runbook["steps"]).Children.Cast<YamlMappingNode>();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    [Theory]
    [InlineData("export-customer-data", "data-export")]
    [InlineData("scale-service", "infra")]
    [InlineData("rotate-credentials", "secrets")]
    [InlineData("grant-temporary-access", "iam")]
    public void Privileged_demo_runbook_tags_its_effect_step(string id, string privilege)
    {
        var runbook = Load(id);

        Assert.Equal(id, Scalar(runbook, "id"));
        Assert.Contains(Steps(runbook), s => Scalar(s, "privileged") == privilege);
    }

    [Fact]
    public void Health_check_has_no_privileged_step()
    {
        Assert.DoesNotContain(Steps(Load("health-check")), s => Scalar(s, "privileged") is not null);
    }

    [Fact]
    public void Customer_export_binds_the_country_as_a_parameter_instead_of_interpolating_it()
    {
        var export = Steps(Load("export-customer-data")).Single(s => Scalar(s, "uses") == "sql.query");
        var with = (YamlMappingNode)export["with"];

        Assert.DoesNotContain("{{", Scalar(with, "query"));
        Assert.Equal("{{ inputs.customer_country }}", Scalar((YamlMappingNode)with["parameters"], "country"));
        Assert.Equal(("file", "csv"), (Scalar(with, "output"), Scalar(with, "format")));
    }
}
