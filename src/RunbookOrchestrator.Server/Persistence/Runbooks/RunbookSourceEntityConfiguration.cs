using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Runbooks;

/// <summary>Maps <see cref="RunbookSourceEntity"/> to <c>runbook_sources</c>.</summary>
public sealed class RunbookSourceEntityConfiguration : IEntityTypeConfiguration<RunbookSourceEntity>
{
    public void Configure(EntityTypeBuilder<RunbookSourceEntity> builder)
    {
        builder.ToTable("runbook_sources");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.RunbookId).HasMaxLength(200);
        builder.Property(s => s.DefinitionHash).HasMaxLength(64);
        builder.Property(s => s.TextHash).HasMaxLength(64);
        builder.Property(s => s.Origin).HasMaxLength(16);
        builder.Property(s => s.SavedBy).HasMaxLength(100);
        builder.HasIndex(s => new { s.RunbookId, s.Id });
    }
}
