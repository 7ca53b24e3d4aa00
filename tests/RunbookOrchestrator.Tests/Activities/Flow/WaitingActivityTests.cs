using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities.Flow;

public sealed class WaitingActivityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly ActivityTestHost _host = new() { Clock = new StoppedClock(Now) };

    public void Dispose() => _host.Dispose();

    private async Task<ActivityResult> Resume(string uses, ResumeSignal signal)
    {
        var activity = Assert.IsAssignableFrom<IResumableActivity>(_host.Activity(uses));
        return await activity.ResumeAsync(_host.Context(uses, new JsonObject()), signal, CancellationToken.None);
    }

    [Fact]
    public async Task Delay_waits_on_a_timer_for_its_duration()
    {
        var bookmark = ResultAssert.Suspended(await _host.RunAsync("delay", new JsonObject { ["duration"] = "10m" }));

        Assert.Null(bookmark.EventName);
        Assert.Equal(Now.AddMinutes(10), bookmark.ResumeAt);
    }

    [Fact]
    public async Task Delay_until_an_instant_waits_for_that_instant()
    {
        var bookmark = ResultAssert.Suspended(await _host.RunAsync("delay", new JsonObject { ["until"] = "2026-11-23T08:30:00Z" }));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero), bookmark.ResumeAt);
    }

    [Fact]
    public async Task Delay_of_zero_is_done_at_once()
    {
        ResultAssert.Done(await _host.RunAsync("delay", new JsonObject { ["duration"] = "0s" }));
    }

    [Fact]
    public async Task Delay_until_a_past_instant_is_done_at_once()
    {
        ResultAssert.Done(await _host.RunAsync("delay", new JsonObject { ["until"] = "2020-01-01T00:00:00Z" }));
    }

    [Fact]
    public async Task Delay_with_both_duration_and_until_is_refused()
    {
        var fault = ResultAssert.Faulted(await _host.RunAsync("delay", new JsonObject { ["duration"] = "1m", ["until"] = "2027-01-01T00:00:00Z" }));

        Assert.Equal("give either 'duration' or 'until', not both", fault.Error);
    }

    [Fact]
    public async Task Delay_with_an_unreadable_duration_names_the_accepted_forms()
    {
        var fault = ResultAssert.Faulted(await _host.RunAsync("delay", new JsonObject { ["duration"] = "ten minutes" }));

        Assert.Equal("parameter 'duration' must be a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S (got 'ten minutes')", fault.Error);
    }

    [Fact]
    public async Task Resumed_delay_is_done()
    {
        ResultAssert.Done(await Resume("delay", new ResumeSignal("timer", null, null)));
    }

    [Fact]
    public async Task Wait_event_waits_on_the_event_name_with_its_timeout()
    {
        var bookmark = ResultAssert.Suspended(await _host.RunAsync("wait.event", new JsonObject { ["event"] = "deploy-finished", ["timeout"] = "PT2H" }));

        Assert.Equal("deploy-finished", bookmark.EventName);
        Assert.Equal(Now.AddHours(2), bookmark.ResumeAt);
    }

    [Fact]
    public async Task Wait_event_without_timeout_waits_for_the_event_only()
    {
        var bookmark = ResultAssert.Suspended(await _host.RunAsync("wait.event", new JsonObject { ["event"] = "deploy-finished" }));

        Assert.Null(bookmark.ResumeAt);
    }

    [Fact]
    public async Task Event_payload_becomes_the_output()
    {
        var output = ResultAssert.Done(await Resume("wait.event", new ResumeSignal("event", new JsonObject { ["version"] = "1.4.2" }, null)));

        Assert.Equal("1.4.2", (string?)output!["version"]);
    }

    [Fact]
    public async Task Timer_resume_of_wait_event_is_timed_out()
    {
        ResultAssert.Outcome(await Resume("wait.event", new ResumeSignal("timer", null, null)), Outcomes.TimedOut);
    }
}
