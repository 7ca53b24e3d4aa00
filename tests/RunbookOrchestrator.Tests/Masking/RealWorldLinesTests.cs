using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Masking;

/// <summary>Lines written by hand in the shapes people use (config files, command lines, code, sentences, international
/// formats; Masking/RealWorld/lines.txt), not produced by the corpus generator: no raw value survives, no hard negative changes.</summary>
public class RealWorldLinesTests
{
    private static readonly Masker Masker = new();

    private static IEnumerable<string[]> Lines(string kind) =>
        File.ReadLines(Path.Combine(ServerProcess.RepositoryRoot(), "tests", "RunbookOrchestrator.Tests", "Masking", "RealWorld", "lines.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|', 3))
            .Where(parts => parts[0] == kind)
            .Select(parts => new[] { parts[1].Replace("\\n", "\n", StringComparison.Ordinal), parts[2] });

    public static TheoryData<string, string> Positives
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var p in Lines("P")) data.Add(p[0], p[1]);
            return data;
        }
    }

    public static TheoryData<string> HardNegatives => new(Lines("N").Select(p => p[0]));

    [Theory]
    [MemberData(nameof(Positives))]
    public void A_sensitive_value_written_as_people_write_it_is_masked(string line, string raw) =>
        Assert.DoesNotContain(raw, Masker.MaskText(line).Text);

    [Theory]
    [MemberData(nameof(HardNegatives))]
    public void A_placeholder_reference_or_public_value_is_left_alone(string line) =>
        Assert.Equal(line, Masker.MaskText(line).Text);
}
