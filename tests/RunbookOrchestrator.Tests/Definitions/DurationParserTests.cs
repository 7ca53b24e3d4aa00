using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Tests.Definitions;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m30s500ms", 90_500)]
    [InlineData("PT5S", 5_000)]
    [InlineData("P1DT2H", 93_600_000)]
    public void Written_durations_are_read_in_milliseconds(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("s5")]
    [InlineData("-5s")]
    [InlineData("PT")]
    [InlineData("")]
    public void Text_that_is_not_a_duration_is_rejected(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }
}
