using Bogus;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Server.Scheduling;

namespace RunbookOrchestrator.Tests.Scheduling;

/// <summary>Timers are grouped by the second they fall due in: one durable job per second, never a second early.</summary>
public sealed class TimerBucketsTests
{
    private readonly Faker _faker = new();
    private readonly TimerBuckets _buckets = new(new ServiceCollection().BuildServiceProvider(), TimeProvider.System);

    private RunTimer Timer(DateTimeOffset at) =>
        new(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), at, $"timeout of gate {_faker.Hacker.Verb()}");

    private static DateTimeOffset InAnHour(int second, int millisecond = 0) =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600 + second).AddMilliseconds(millisecond);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 1)]
    [InlineData(0, 999, 1)]
    [InlineData(5, 500, 6)]
    public void A_timer_belongs_to_the_first_whole_second_not_before_it(int second, int millisecond, int expectedOffset)
    {
        var at = InAnHour(second, millisecond);

        var bucket = TimerBuckets.SecondOf(at);

        Assert.Equal(InAnHour(0).ToUnixTimeSeconds() + expectedOffset, bucket);
        Assert.True(DateTimeOffset.FromUnixTimeSeconds(bucket) >= at);
    }

    [Fact]
    public void A_thousand_timers_due_in_the_same_second_need_one_job()
    {
        var jobs = Enumerable.Range(0, 1000).Select(i => _buckets.Add(Timer(InAnHour(6, 1 + i % 999))).WriteSecond).Where(s => s is not null).ToList();

        Assert.Single(jobs);
        Assert.Equal(1000, _buckets.Pending(jobs[0]!.Value).Count);
    }

    [Fact]
    public void Timers_a_minute_apart_each_need_their_own_job()
    {
        var jobs = Enumerable.Range(0, 60).Select(i => _buckets.Add(Timer(InAnHour(i * 60))).WriteSecond).Where(s => s is not null).Distinct().Count();

        Assert.Equal(60, jobs);
    }

    [Fact]
    public void The_job_of_a_second_is_deleted_when_its_last_timer_ends_early()
    {
        var first = Timer(InAnHour(3, 100));
        var second = Timer(InAnHour(3, 200));
        var bucket = _buckets.Add(first).WriteSecond!.Value;
        _buckets.Add(second);
        Assert.True(_buckets.SetJob(bucket, "job-17"));

        Assert.Null(_buckets.Remove(first.TimerId));
        Assert.Equal("job-17", _buckets.Remove(second.TimerId));
        Assert.Empty(_buckets.Pending(bucket));
    }

    [Fact]
    public void A_job_written_after_its_bucket_emptied_is_reported_for_deletion()
    {
        var timer = Timer(InAnHour(9));
        var bucket = _buckets.Add(timer).WriteSecond!.Value;
        _buckets.Remove(timer.TimerId);

        Assert.False(_buckets.SetJob(bucket, "job-18"));
    }

    [Fact]
    public void Moving_a_timer_to_another_second_leaves_the_old_second_empty()
    {
        var timer = Timer(InAnHour(11));
        var old = _buckets.Add(timer).WriteSecond!.Value;
        _buckets.SetJob(old, "job-19");

        var moved = _buckets.Add(timer with { At = InAnHour(42) });

        Assert.NotNull(moved.WriteSecond);
        Assert.Equal("job-19", moved.DeleteJob);
        Assert.Empty(_buckets.Pending(old));
        Assert.Equal(1, _buckets.Count);
    }

    [Fact]
    public void Job_names_say_what_falls_due_and_on_which_run_without_input_values()
    {
        var timers = new[] { new RunTimer("3f2c1a2b99", "e1", InAnHour(1), "timeout of gate export") };

        Assert.Equal("timeout of gate export on run 3f2c1a2b99", WakeTimersJob.Summarize(timers));
    }
}
