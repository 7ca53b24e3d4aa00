using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Server.Persistence.Approvals;

/// <summary>Table <c>approval_gates</c>. <see cref="ApprovalGateData.Version"/> is the concurrency token every decision is compared-and-set on.</summary>
internal sealed class ApprovalGateConfiguration : IEntityTypeConfiguration<ApprovalGateData>
{
    public void Configure(EntityTypeBuilder<ApprovalGateData> b)
    {
        b.ToTable("approval_gates");
        b.HasKey(g => g.Id);
        b.Property(g => g.Id).HasMaxLength(64);
        b.Property(g => g.RunId).HasMaxLength(32);
        b.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(g => g.Version).IsConcurrencyToken();
        b.HasIndex(g => new { g.Status, g.CreatedAt });
        b.HasIndex(g => g.RunId);
        b.HasIndex(g => new { g.RequesterKind, g.RequesterName });
        b.HasIndex(g => g.ExecutionId);
        // The timeout sweep looks up pending gates by deadline.
        b.HasIndex(g => new { g.Status, g.Deadline });
    }
}

/// <summary>Table <c>approval_decisions</c>: one row per person per gate (unique), so one person is one vote.</summary>
internal sealed class ApprovalDecisionConfiguration : IEntityTypeConfiguration<ApprovalDecisionData>
{
    public void Configure(EntityTypeBuilder<ApprovalDecisionData> b)
    {
        b.ToTable("approval_decisions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedOnAdd();
        b.Property(d => d.GateId).HasMaxLength(64);
        b.Property(d => d.Approver).HasMaxLength(200);
        b.Property(d => d.Decision).HasMaxLength(16);
        b.HasIndex(d => new { d.GateId, d.Approver }).IsUnique();
    }
}

/// <summary>Table <c>approval_gate_approvers</c>: the approver entries of every gate, kept in step with its approver list.</summary>
internal sealed class GateApproverConfiguration : IEntityTypeConfiguration<GateApproverEntity>
{
    public void Configure(EntityTypeBuilder<GateApproverEntity> b)
    {
        b.ToTable("approval_gate_approvers");
        b.HasKey(a => new { a.GateId, a.Entry });
        b.Property(a => a.GateId).HasMaxLength(64);
        b.Property(a => a.Entry).HasMaxLength(210);
        b.HasIndex(a => new { a.Entry, a.GateId });
    }
}
