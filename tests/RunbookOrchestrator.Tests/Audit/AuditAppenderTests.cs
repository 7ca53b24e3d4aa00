using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>Appending on a real database: events share the fate of the caller's transaction and the chain stays gapless under load.</summary>
public class AuditAppenderTests
{
    [Fact]
    public async Task Events_appended_in_a_transaction_that_rolls_back_leave_no_trace()
    {
        await using var database = await AuditDatabase.WithEventsAsync(2);

        await using (var db = await database.OpenAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await database.Services.GetRequiredService<AuditAppender>().AppendAsync(db, [AuditRecords.Decision()], AuditDatabase.Start.AddHours(1));
            await tx.RollbackAsync();
        }
        var result = await database.VerifyAsync();

        Assert.True(result.Ok, result.Break?.Problem);
        Assert.Equal(2, result.Events);
    }

    [Fact]
    public async Task Appending_outside_a_transaction_is_refused()
    {
        await using var database = await AuditDatabase.CreateAsync();
        await using var db = await database.OpenAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            database.Services.GetRequiredService<AuditAppender>().AppendAsync(db, [AuditRecords.Decision()], AuditDatabase.Start));

        Assert.Contains("inside a transaction", error.Message);
    }

    [Fact]
    public async Task Two_appends_in_one_transaction_continue_the_same_chain()
    {
        await using var database = await AuditDatabase.CreateAsync();
        var appender = database.Services.GetRequiredService<AuditAppender>();

        await using (var db = await database.OpenAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await appender.AppendAsync(db, [AuditRecords.Decision(), AuditRecords.StepCompleted()], AuditDatabase.Start);
            await appender.AppendAsync(db, [AuditRecords.Decision()], AuditDatabase.Start);
            await tx.CommitAsync();
        }

        Assert.Equal([1L, 2L, 3L], (await database.ReadAllAsync()).Select(e => e.Sequence));
        Assert.True((await database.VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Concurrent_appends_through_the_trail_keep_one_gapless_chain()
    {
        await using var database = await AuditDatabase.CreateAsync();
        var trail = database.Services.GetRequiredService<IAuditTrail>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => trail.AppendAsync([AuditRecords.Any(i), AuditRecords.Any(i + 1)]))));
        var result = await database.VerifyAsync();

        Assert.True(result.Ok, result.Break?.Problem);
        Assert.Equal(40, result.Events);
    }
}
