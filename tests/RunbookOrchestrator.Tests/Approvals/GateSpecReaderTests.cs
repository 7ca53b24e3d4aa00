using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Tests.Approvals;

public class GateSpecReaderTests
{
    [Theory]
    [InlineData("with: { approvers: [group:sre], quorum: 2, timeout: 1h }")]
    [InlineData("with:\n      approvers: [group:sre]\n      quorum: 2\n      timeout: 1h")]
    public void A_quorum_written_in_a_runbook_is_read_as_that_number(string with)
    {
        var yaml = $"""
            id: q
            version: 1
            title: Quorum
            owners: [sre]
            steps:
              - id: ask
                uses: approval
                {with}
            """;
        var definition = RunbookLoader.Load(yaml, "q.yaml", RunbookFormat.Yaml).Definition!;

        var spec = GateSpecReader.Read(definition.Steps[0].With, definition.Owners);

        Assert.Equal(2, spec.Quorum);
    }

    public static TheoryData<JsonNode> WholeNumbers => new(JsonValue.Create(3), JsonValue.Create(3L), JsonValue.Create(3.0), JsonNode.Parse("3")!, JsonValue.Create("3"));

    [Theory]
    [MemberData(nameof(WholeNumbers))]
    public void A_quorum_is_read_from_any_whole_number_value(JsonNode quorum) =>
        Assert.Equal(3, GateSpecReader.Read(new JsonObject { ["approvers"] = new JsonArray("group:sre"), ["quorum"] = quorum }, []).Quorum);

    [Theory]
    [InlineData("2.5")]
    [InlineData("\"two\"")]
    [InlineData("[2]")]
    public void A_quorum_that_is_not_a_whole_number_is_refused_by_name(string json)
    {
        var error = Assert.Throws<ParameterException>(() =>
            GateSpecReader.Read(new JsonObject { ["approvers"] = new JsonArray("group:sre"), ["quorum"] = JsonNode.Parse(json) }, []));
        Assert.Contains("'quorum' must be a whole number", error.Message);
    }
}
