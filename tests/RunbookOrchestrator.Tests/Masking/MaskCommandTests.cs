using System.Text.Json.Nodes;
using RunbookOrchestrator.Server.Cli;

namespace RunbookOrchestrator.Tests.Masking;

public class MaskCommandTests
{
    private static async Task<(int Exit, string[] Lines)> Run(string input)
    {
        var output = new StringWriter();
        var exit = await new MaskCommand().RunAsync([], new CliConsole(new StringReader(input), output, new StringWriter()));
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Mask_command_is_discovered_by_its_verb() => Assert.IsType<MaskCommand>(CliCommands.Find(["mask"]));

    [Fact]
    public async Task Each_input_line_yields_masked_text_and_detections()
    {
        var (exit, lines) = await Run("""{"text": "Contact: jane.doe@example.com today"}""" + "\n");

        Assert.Equal(0, exit);
        var result = JsonNode.Parse(Assert.Single(lines))!;
        Assert.Equal("Contact: j***@example.com today", result["text"]!.GetValue<string>());
        var d = Assert.Single(result["detections"]!.AsArray())!;
        Assert.Equal("email", d["type"]!.GetValue<string>());
        Assert.Equal(9, d["start"]!.GetValue<int>());
        Assert.Equal(20, d["length"]!.GetValue<int>());
        Assert.Equal("email", d["detector"]!.GetValue<string>());
        Assert.Equal("j***@example.com", d["mask"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_line_yields_an_error_and_later_lines_are_still_masked()
    {
        var (exit, lines) = await Run("{not json\n{\"other\": 1}\n{\"text\": \"no secrets here\"}\n");

        Assert.Equal(0, exit);
        Assert.Equal(3, lines.Length);
        Assert.Contains("line 1", JsonNode.Parse(lines[0])!["error"]!.GetValue<string>());
        Assert.Contains("\"text\"", JsonNode.Parse(lines[1])!["error"]!.GetValue<string>());
        Assert.Equal("no secrets here", JsonNode.Parse(lines[2])!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Multi_line_text_is_masked_and_spans_count_code_points()
    {
        var (_, lines) = await Run("""{"text": "😀 line\nssn 123-45-6789"}""" + "\n");

        var d = JsonNode.Parse(lines[0])!["detections"]![0]!;
        Assert.Equal("us_ssn", d["type"]!.GetValue<string>());
        Assert.Equal(11, d["start"]!.GetValue<int>());
        Assert.Equal("😀 line\nssn ***-**-6789", JsonNode.Parse(lines[0])!["text"]!.GetValue<string>());
    }
}
