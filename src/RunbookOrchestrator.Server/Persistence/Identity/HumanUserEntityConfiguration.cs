using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Maps <see cref="HumanUserEntity"/> to <c>users</c>.</summary>
public sealed class HumanUserEntityConfiguration : IEntityTypeConfiguration<HumanUserEntity>
{
    public void Configure(EntityTypeBuilder<HumanUserEntity> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Name);
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.LoginProvider).HasMaxLength(40);
        builder.Property(u => u.LoginSubject).HasMaxLength(255);
        builder.HasIndex(u => new { u.LoginProvider, u.LoginSubject }).IsUnique();
        builder.HasMany(u => u.Groups).WithOne().HasForeignKey(g => g.UserName).OnDelete(DeleteBehavior.Cascade);
    }
}
