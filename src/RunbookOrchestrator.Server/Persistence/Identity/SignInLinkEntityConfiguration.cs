using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Maps <see cref="SignInLinkEntity"/> to <c>sign_in_links</c>.</summary>
public sealed class SignInLinkEntityConfiguration : IEntityTypeConfiguration<SignInLinkEntity>
{
    public void Configure(EntityTypeBuilder<SignInLinkEntity> builder)
    {
        builder.ToTable("sign_in_links");
        builder.HasKey(l => l.TokenHash);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.UserName).HasMaxLength(100);
        builder.HasIndex(l => l.UserName);
    }
}
