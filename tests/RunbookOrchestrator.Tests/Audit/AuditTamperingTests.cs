using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Persistence.Audit;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>Plays the attacker with raw SQL on a real database file and checks that verify names the exact record.</summary>
public class AuditTamperingTests
{
    [Fact]
    public async Task Verify_passes_on_an_untouched_database()
    {
        await using var database = await AuditDatabase.WithEventsAsync(6);

        var result = await database.VerifyAsync();

        Assert.True(result.Ok, result.Break?.Problem);
        Assert.Equal(6, result.Events);
        Assert.Equal((await database.ReadAllAsync())[^1].Hash, result.LastHash);
    }

    [Fact]
    public async Task Verify_passes_on_a_fresh_database_without_events()
    {
        await using var database = await AuditDatabase.CreateAsync();

        var result = await database.VerifyAsync();

        Assert.True(result.Ok, result.Break?.Problem);
        Assert.Equal(0, result.Events);
    }

    [Fact]
    public async Task Changing_one_field_of_one_row_is_reported_at_exactly_that_row()
    {
        await using var database = await AuditDatabase.WithEventsAsync(6);
        await database.DropTriggersAsync();

        await database.ExecuteSqlAsync("UPDATE audit_events SET reason = 'approved after review' WHERE sequence = 4");
        var result = await database.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(4, result.Break!.Sequence);
        Assert.Contains("changed", result.Break.Problem);
    }

    [Fact]
    public async Task Changing_the_time_of_one_row_is_reported_at_exactly_that_row()
    {
        await using var database = await AuditDatabase.WithEventsAsync(5);
        await database.DropTriggersAsync();

        await database.ExecuteSqlAsync("UPDATE audit_events SET at = at + 1 WHERE sequence = 2");
        var result = await database.VerifyAsync();

        Assert.Equal(2, result.Break!.Sequence);
    }

    [Fact]
    public async Task Changing_a_row_and_recomputing_its_hash_is_reported_at_the_next_row()
    {
        await using var database = await AuditDatabase.WithEventsAsync(5);
        var third = (await database.ReadAllAsync())[2];
        var forged = third with { ActorName = "mallory" };
        await database.DropTriggersAsync();

        await database.ExecuteSqlAsync($"UPDATE audit_events SET actor_name = 'mallory', hash = '{AuditHash.Compute(forged.PrevHash, forged)}' WHERE sequence = 3");
        var result = await database.VerifyAsync();

        Assert.Equal(4, result.Break!.Sequence);
        Assert.Contains("previous hash", result.Break.Problem);
    }

    [Fact]
    public async Task Deleting_a_middle_row_is_reported_at_the_missing_sequence()
    {
        await using var database = await AuditDatabase.WithEventsAsync(6);
        await database.DropTriggersAsync();

        await database.ExecuteSqlAsync("DELETE FROM audit_events WHERE sequence = 3");
        var result = await database.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(3, result.Break!.Sequence);
        Assert.Contains("deleted", result.Break.Problem);
    }

    [Fact]
    public async Task Deleting_the_last_row_is_reported_as_truncation_against_the_head()
    {
        await using var database = await AuditDatabase.WithEventsAsync(6);
        await database.DropTriggersAsync();

        await database.ExecuteSqlAsync("DELETE FROM audit_events WHERE sequence = 6");
        var result = await database.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(6, result.Break!.Sequence);
        Assert.Contains("head says 6", result.Break.Problem);
    }

    [Fact]
    public async Task Swapping_the_contents_of_two_rows_is_reported_at_the_first_of_them()
    {
        await using var database = await AuditDatabase.WithEventsAsync(6);
        await database.DropTriggersAsync();
        const string columns = "at, kind, actor_kind, actor_name, run_id, step_id, channel, client_address, reason, data_json, prev_hash, hash";

        await database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE swap AS SELECT sequence, {columns} FROM audit_events WHERE sequence IN (2, 5);
            UPDATE audit_events SET ({columns}) = (SELECT {columns} FROM swap WHERE swap.sequence = 7 - audit_events.sequence) WHERE sequence IN (2, 5);
            """);
        var result = await database.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(2, result.Break!.Sequence);
        Assert.Contains("reordered", result.Break.Problem);
    }

    [Fact]
    public async Task A_forged_row_appended_with_a_correct_link_is_reported_as_not_covered_by_the_head()
    {
        await using var database = await AuditDatabase.WithEventsAsync(4);
        var last = (await database.ReadAllAsync())[^1];
        var unhashed = last with { Sequence = 5, ActorName = "mallory", Reason = "cover-up", PrevHash = last.Hash };
        var forged = unhashed with { Hash = AuditHash.Compute(last.Hash, unhashed) };

        await database.ExecuteSqlAsync($"""
            INSERT INTO audit_events (sequence, at, kind, actor_kind, actor_name, run_id, step_id, channel, client_address, reason, data_json, prev_hash, hash)
            SELECT 5, at, kind, actor_kind, 'mallory', run_id, step_id, channel, client_address, 'cover-up', data_json, '{forged.PrevHash}', '{forged.Hash}'
            FROM audit_events WHERE sequence = 4
            """);
        var result = await database.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(5, result.Break!.Sequence);
        Assert.Contains("not covered by the head", result.Break.Problem);
    }

    [Fact]
    public async Task Renumbering_the_rows_after_a_deletion_is_reported_at_the_first_renumbered_row()
    {
        await using var database = await AuditDatabase.WithEventsAsync(5);
        await database.DropTriggersAsync();

        await database.ExecuteSqlAsync("""
            DELETE FROM audit_events WHERE sequence = 2;
            UPDATE audit_events SET sequence = sequence - 1 WHERE sequence > 2;
            UPDATE audit_head SET sequence = 4, hash = (SELECT hash FROM audit_events WHERE sequence = 4);
            """);
        var result = await database.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(2, result.Break!.Sequence);
    }

    [Fact]
    public async Task The_database_refuses_to_update_an_audit_event()
    {
        await using var database = await AuditDatabase.WithEventsAsync(2);

        var error = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteSqlAsync("UPDATE audit_events SET reason = 'x' WHERE sequence = 1"));

        Assert.Contains("audit_events is append-only", error.Message);
    }

    [Fact]
    public async Task The_database_refuses_to_delete_an_audit_event()
    {
        await using var database = await AuditDatabase.WithEventsAsync(2);

        var error = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteSqlAsync("DELETE FROM audit_events WHERE sequence = 2"));

        Assert.Contains("audit_events is append-only", error.Message);
    }

    [Fact]
    public async Task The_database_refuses_to_move_the_head_back()
    {
        await using var database = await AuditDatabase.WithEventsAsync(3);

        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            database.ExecuteSqlAsync("UPDATE audit_head SET sequence = 2, hash = (SELECT hash FROM audit_events WHERE sequence = 2)"));

        Assert.Contains("audit_head", error.Message);
    }

    [Fact]
    public async Task A_chain_and_head_rewritten_consistently_pass_verify_without_an_external_anchor()
    {
        await using var database = await AuditDatabase.WithEventsAsync(5);

        await RewriteConsistentlyFromAsync(database, 2, "nothing to see");
        var result = await database.VerifyAsync();

        Assert.True(result.Ok, "this is the documented limit: without an anchor kept elsewhere a full rewrite is consistent");
        Assert.Equal("nothing to see", (await database.ReadAllAsync())[1].Reason);
    }

    [Fact]
    public async Task A_chain_and_head_rewritten_consistently_are_reported_against_an_anchor_recorded_earlier()
    {
        await using var database = await AuditDatabase.WithEventsAsync(5);
        var before = await database.VerifyAsync();
        var anchor = new AuditHead(before.Events, before.LastHash);

        await RewriteConsistentlyFromAsync(database, 2, "nothing to see");
        await using var scope = database.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditStore>().VerifyAsync(anchor);

        Assert.False(result.Ok);
        Assert.Equal(5, result.Break!.Sequence);
        Assert.Contains("anchor", result.Break.Problem);
    }

    /// <summary>What an attacker who knows the scheme does: change one record, then recompute every later link and the head.</summary>
    private static async Task RewriteConsistentlyFromAsync(AuditDatabase database, long from, string reason)
    {
        var events = await database.ReadAllAsync();
        await database.DropTriggersAsync();
        var prev = events[(int)from - 2].Hash;
        var sql = new StringBuilder();
        foreach (var e in events.Where(e => e.Sequence >= from))
        {
            var changed = (e.Sequence == from ? e with { Reason = reason } : e) with { PrevHash = prev };
            var hash = AuditHash.Compute(prev, changed);
            var setReason = e.Sequence == from ? $"reason = '{reason}', " : "";
            sql.Append($"UPDATE audit_events SET {setReason}prev_hash = '{prev}', hash = '{hash}' WHERE sequence = {e.Sequence};");
            prev = hash;
        }
        sql.Append($"UPDATE audit_head SET hash = '{prev}';");
        await database.ExecuteSqlAsync(sql.ToString());
    }
}
