using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunbookOrchestrator.Server.Persistence.Channels;

/// <summary>Maps <see cref="DeliveryEntity"/> to <c>deliveries</c>.</summary>
internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<DeliveryEntity>
{
    public void Configure(EntityTypeBuilder<DeliveryEntity> b)
    {
        b.ToTable("deliveries");
        b.HasKey(d => d.Id);
        b.HasIndex(d => d.DedupeKey).IsUnique();
        b.HasIndex(d => d.GateId);
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}

/// <summary>Maps <see cref="ReviewLinkEntity"/> to <c>review_links</c>.</summary>
internal sealed class ReviewLinkConfiguration : IEntityTypeConfiguration<ReviewLinkEntity>
{
    public void Configure(EntityTypeBuilder<ReviewLinkEntity> b)
    {
        b.ToTable("review_links");
        b.HasKey(l => l.Id);
        b.HasIndex(l => new { l.GateId, l.Reviewer });
    }
}

/// <summary>Maps <see cref="SeenRequestEntity"/> to <c>seen_requests</c>.</summary>
internal sealed class SeenRequestConfiguration : IEntityTypeConfiguration<SeenRequestEntity>
{
    public void Configure(EntityTypeBuilder<SeenRequestEntity> b)
    {
        b.ToTable("seen_requests");
        b.HasKey(r => r.Key);
        b.HasIndex(r => r.SeenAt);
    }
}
