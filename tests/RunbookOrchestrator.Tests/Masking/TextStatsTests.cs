using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class TextStatsTests
{
    [Theory]
    [InlineData("4242 4242 4242 4242", 16)]
    [InlineData("+1 (415) 555-2671", 11)]
    [InlineData("2024-01-15T10:23:45Z", 8)]
    [InlineData("12    34", 2)]
    [InlineData("AB 12 34 56 C", 6)]
    [InlineData("no digits here", 0)]
    public void Digit_groups_join_digits_across_up_to_three_separators(string text, int longest) =>
        Assert.Equal(longest, TextStats.Of(text).LongestDigitGroup);

    [Fact]
    public void Digit_groups_and_token_runs_have_their_spans()
    {
        Span<TextWindow> windows = new TextWindow[8];
        var text = "at 2024-01-15 call +44 20 7946 0958";
        var count = TextStats.DigitGroups(text, 8, windows);
        Assert.Equal(2, count);
        Assert.Equal("2024-01-15", text[windows[0].Start..windows[0].End]);
        Assert.Equal("44 20 7946 0958", text[windows[1].Start..windows[1].End]);

        count = TextStats.TokenRuns("key kP9xZ2mQ7vR4tL8wN3bY6cH1j.x", 20, windows);
        Assert.Equal(1, count);
        Assert.Equal((4, 29), (windows[0].Start, windows[0].End));
    }

    [Fact]
    public void Counts_runs_of_tokens_and_digits()
    {
        var stats = TextStats.Of("ID ABC-12_x/y z");
        Assert.Equal(10, stats.LongestTokenRun);
        Assert.Equal(2, stats.Digits);
    }
}
