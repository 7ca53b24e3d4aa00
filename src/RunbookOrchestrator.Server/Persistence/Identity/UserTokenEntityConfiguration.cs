using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Maps <see cref="UserTokenEntity"/> to <c>user_tokens</c>; the hash is unique because authentication finds tokens by it.</summary>
public sealed class UserTokenEntityConfiguration : IEntityTypeConfiguration<UserTokenEntity>
{
    public void Configure(EntityTypeBuilder<UserTokenEntity> builder)
    {
        builder.ToTable("user_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(16);
        builder.Property(t => t.UserName).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Label).HasMaxLength(200).IsRequired();
        builder.Property(t => t.TokenHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserName);
    }
}
