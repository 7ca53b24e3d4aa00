using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Server.Persistence.Runtime;

/// <summary>Table <c>runs</c>. The lease owner is the concurrency token: a node that lost its lease cannot write the run.</summary>
internal sealed class RunConfiguration : IEntityTypeConfiguration<RunData>
{
    public void Configure(EntityTypeBuilder<RunData> b)
    {
        b.ToTable("runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(32);
        b.Property(r => r.RunbookId).HasMaxLength(200);
        b.Property(r => r.DefinitionHash).HasMaxLength(64);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.RequesterKind).HasMaxLength(16);
        b.Property(r => r.RequesterName).HasMaxLength(200);
        b.Property(r => r.LeaseOwner).HasMaxLength(200).IsConcurrencyToken();
        b.HasIndex(r => r.IdempotencyKey).IsUnique();
        b.HasIndex(r => r.WakeAt);
        b.HasIndex(r => new { r.RunbookId, r.CreatedAt });
        b.HasIndex(r => r.CreatedAt);
        b.HasIndex(r => r.LeaseOwner);
    }
}

/// <summary>Table <c>step_executions</c>: one row per attempt of a step.</summary>
internal sealed class StepExecutionConfiguration : IEntityTypeConfiguration<StepExecutionData>
{
    public void Configure(EntityTypeBuilder<StepExecutionData> b)
    {
        b.ToTable("step_executions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(32);
        b.Property(e => e.RunId).HasMaxLength(32);
        b.Property(e => e.StepId).HasMaxLength(200);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(e => new { e.RunId, e.Status });
        b.HasOne<RunData>().WithMany().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table <c>run_signals</c>: events and child completions waiting for their run's owner.</summary>
internal sealed class RunSignalConfiguration : IEntityTypeConfiguration<RunSignalData>
{
    public void Configure(EntityTypeBuilder<RunSignalData> b)
    {
        b.ToTable("run_signals");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedOnAdd();
        b.Property(s => s.RunId).HasMaxLength(32);
        b.Property(s => s.Kind).HasMaxLength(16);
        b.Property(s => s.Name).HasMaxLength(200);
        b.HasIndex(s => new { s.RunId, s.Id });
    }
}

/// <summary>Table <c>runbook_versions</c>: immutable definition snapshots by content hash.</summary>
internal sealed class RunbookVersionConfiguration : IEntityTypeConfiguration<RunbookVersionData>
{
    public void Configure(EntityTypeBuilder<RunbookVersionData> b)
    {
        b.ToTable("runbook_versions");
        b.HasKey(v => v.Hash);
        b.Property(v => v.Hash).HasMaxLength(64);
        b.Property(v => v.RunbookId).HasMaxLength(200);
        b.HasIndex(v => new { v.RunbookId, v.Version });
    }
}

/// <summary>Table <c>outbox_messages</c>: deliveries (completion callbacks) that follow a committed transition.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessageData>
{
    public void Configure(EntityTypeBuilder<OutboxMessageData> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedOnAdd();
        b.Property(m => m.Kind).HasMaxLength(32);
        b.Property(m => m.RunId).HasMaxLength(32);
        b.HasIndex(m => new { m.DeliveredAt, m.NextAttemptAt });
        b.HasIndex(m => m.RunId);
    }
}
