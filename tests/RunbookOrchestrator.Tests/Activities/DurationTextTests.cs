using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("PT5S", 5_000)]
    [InlineData("P1DT2H", 93_600_000)]
    public void Runbook_duration_spellings_are_read(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 sec")]
    [InlineData("-5s")]
    [InlineData("-PT5S")]
    [InlineData("P")]
    public void Other_text_is_not_a_duration(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(5_000, "5s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(120_000, "2m")]
    [InlineData(7_200_000, "2h")]
    [InlineData(0, "0s")]
    public void Durations_are_written_in_their_shortest_exact_form(long milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
