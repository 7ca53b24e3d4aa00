using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RunbookOrchestrator.Protection;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Server.Persistence.Protection;

/// <summary>The columns that hold a run's raw data (inputs, the reason, step outputs, errors, event payloads, callbacks) and are stored sealed.
/// The engine needs these values raw to run, so they cannot be masked; sealed, a copy of the database file shows none of them.</summary>
internal static class SealedColumns
{
    public static void Apply(ModelBuilder model, SecretBox box)
    {
        var sealing = new ValueConverter<string, string>(v => box.Seal(v), v => box.Open(v));
        // EF Core never hands null to a converter, so the nullable one only differs in its declared types.
        var sealingOptional = new ValueConverter<string?, string?>(v => box.Seal(v!), v => box.Open(v!));
        model.Entity<RunData>(b =>
        {
            b.Property(r => r.InputsJson).HasConversion(sealing);
            b.Property(r => r.StateJson).HasConversion(sealing);
            b.Property(r => r.Reason).HasConversion(sealingOptional);
            b.Property(r => r.Error).HasConversion(sealingOptional);
            b.Property(r => r.CallbackUrl).HasConversion(sealingOptional);
        });
        model.Entity<StepExecutionData>(b =>
        {
            b.Property(e => e.OutputJson).HasConversion(sealingOptional);
            b.Property(e => e.Error).HasConversion(sealingOptional);
            b.Property(e => e.BookmarkStateJson).HasConversion(sealingOptional);
        });
        model.Entity<RunSignalData>(b => b.Property(s => s.PayloadJson).HasConversion(sealingOptional));
        model.Entity<OutboxMessageData>(b =>
        {
            b.Property(m => m.PayloadJson).HasConversion(sealing);
            b.Property(m => m.Target).HasConversion(sealing);
            b.Property(m => m.LastError).HasConversion(sealingOptional);
        });
    }
}
