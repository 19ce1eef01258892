using EduPlatform.Facilities.Domain;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Infrastructure;

public sealed class FacilitiesDbContext(DbContextOptions<FacilitiesDbContext> options) : DbContext(options)
{
    public DbSet<County> Counties => Set<County>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<County>(county =>
        {
            county.HasKey(c => c.Code);
            county.Property(c => c.Code).HasMaxLength(6).IsFixedLength();
            county.Property(c => c.Name).HasMaxLength(100);
        });
    }
}
