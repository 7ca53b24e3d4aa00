using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary>Table <c>audit_events</c>: the sequence is the key and is assigned by the chain, never by the database.</summary>
public sealed class AuditEventEntityConfiguration : IEntityTypeConfiguration<AuditEventEntity>
{
    public void Configure(EntityTypeBuilder<AuditEventEntity> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.Kind).HasMaxLength(100);
        b.Property(e => e.ActorKind).HasMaxLength(16);
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.RunId).HasMaxLength(32);
        b.Property(e => e.StepId).HasMaxLength(200);
        b.Property(e => e.Channel).HasMaxLength(32);
        b.Property(e => e.ClientAddress).HasMaxLength(64);
        b.Property(e => e.PrevHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.RunId);
    }
}

/// <summary>Table <c>audit_head</c>: exactly one row (id 1), enforced by a check constraint.</summary>
public sealed class AuditHeadEntityConfiguration : IEntityTypeConfiguration<AuditHeadEntity>
{
    public void Configure(EntityTypeBuilder<AuditHeadEntity> b)
    {
        b.ToTable("audit_head", t => t.HasCheckConstraint("ck_audit_head_single_row", "id = 1"));
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
    }
}
