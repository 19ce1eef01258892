using EduPlatform.StudentWelfare.Domain;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Infrastructure;

public sealed class WelfareDbContext(DbContextOptions<WelfareDbContext> options) : DbContext(options)
{
    public DbSet<SubsidyRate> SubsidyRates => Set<SubsidyRate>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<SubsidyRate>(rate =>
        {
            rate.HasKey(r => r.Year);
            rate.Property(r => r.Year).ValueGeneratedNever();
            rate.Property(r => r.PrimaryBoarder).HasPrecision(12, 2);
            rate.Property(r => r.JuniorBoarder).HasPrecision(12, 2);
        });
    }
}
