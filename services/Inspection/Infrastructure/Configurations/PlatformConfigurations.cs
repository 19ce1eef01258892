using EduPlatform.Inspection.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlatform.Inspection.Infrastructure.Configurations;

// The service's own bookkeeping: the log of consumed events and the counties whose cached scorecards are stale.

internal sealed class ConsumedEventConfiguration : IEntityTypeConfiguration<ConsumedEvent>
{
    public void Configure(EntityTypeBuilder<ConsumedEvent> e)
    {
        e.ToTable("consumed_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.Property(x => x.Type).HasMaxLength(100);
        e.Property(x => x.CountyCode).HasMaxLength(6);
        e.Property(x => x.Actor).HasMaxLength(400);
        e.HasIndex(x => new { x.CountyCode, x.Id });
    }
}

internal sealed class CountyChangeConfiguration : IEntityTypeConfiguration<CountyChange>
{
    public void Configure(EntityTypeBuilder<CountyChange> c)
    {
        c.ToTable("county_changes");
        c.HasKey(x => x.Id);
        c.Property(x => x.Id).UseIdentityAlwaysColumn();
        c.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
    }
}
