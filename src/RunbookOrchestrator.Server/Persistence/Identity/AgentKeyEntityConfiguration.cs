using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Maps <see cref="AgentKeyEntity"/> to the <c>agent_keys</c> table.</summary>
public sealed class AgentKeyEntityConfiguration : IEntityTypeConfiguration<AgentKeyEntity>
{
    public void Configure(EntityTypeBuilder<AgentKeyEntity> builder)
    {
        builder.ToTable("agent_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").HasMaxLength(16);
        builder.Property(k => k.AgentName).HasColumnName("agent_name").HasMaxLength(200).IsRequired();
        builder.Property(k => k.Owner).HasColumnName("owner").HasMaxLength(200).IsRequired();
        builder.Property(k => k.AllowedRunbooks).HasColumnName("allowed_runbooks").IsRequired();
        builder.Property(k => k.SecretHash).HasColumnName("secret_hash").HasMaxLength(32).IsRequired();
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(k => k.AgentName).HasDatabaseName("ix_agent_keys_agent_name");
    }
}
