using EduPlatform.Funding.Domain;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Funding.Infrastructure;

public sealed class FundingDbContext(DbContextOptions<FundingDbContext> options) : DbContext(options)
{
    public DbSet<FundingNorm> FundingNorms => Set<FundingNorm>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<FundingNorm>(norm =>
        {
            norm.HasKey(n => n.Year);
            norm.Property(n => n.Year).ValueGeneratedNever();
            norm.Property(n => n.PrimaryPerStudent).HasPrecision(12, 2);
            norm.Property(n => n.JuniorPerStudent).HasPrecision(12, 2);
        });
    }
}
