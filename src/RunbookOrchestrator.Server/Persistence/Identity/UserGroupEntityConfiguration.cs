using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Identity;

/// <summary>Maps <see cref="UserGroupEntity"/> to <c>user_groups</c>.</summary>
public sealed class UserGroupEntityConfiguration : IEntityTypeConfiguration<UserGroupEntity>
{
    public void Configure(EntityTypeBuilder<UserGroupEntity> builder)
    {
        builder.ToTable("user_groups");
        builder.HasKey(g => new { g.UserName, g.GroupName });
        builder.Property(g => g.UserName).HasMaxLength(100);
        builder.Property(g => g.GroupName).HasMaxLength(100);
        // Expanding group:x into its members reads by group.
        builder.HasIndex(g => g.GroupName);
    }
}
