using EduPlatform.Staffing.Domain;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Staffing.Infrastructure;

public sealed class StaffingDbContext(DbContextOptions<StaffingDbContext> options) : DbContext(options)
{
    public DbSet<PayReference> PayReferences => Set<PayReference>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<PayReference>(pay =>
        {
            pay.HasKey(p => new { p.CountyCode, p.Year });
            pay.Property(p => p.CountyCode).HasMaxLength(6).IsFixedLength();
            pay.Property(p => p.CivilServantAveragePay).HasPrecision(14, 2);
        });
    }
}
