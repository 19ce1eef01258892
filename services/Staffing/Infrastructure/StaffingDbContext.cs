using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi.Access;
using EduPlatform.Staffing.Domain;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Staffing.Infrastructure;

public sealed class StaffingDbContext(DbContextOptions<StaffingDbContext> options) : DbContext(options)
{
    public DbSet<PayReference> PayReferences => Set<PayReference>();
    public DbSet<TownPay> TownPay => Set<TownPay>();
    public DbSet<RegistrySchool> Schools => Set<RegistrySchool>();
    public DbSet<RegistryCounty> Counties => Set<RegistryCounty>();
    public DbSet<Teacher> Teachers => Set<Teacher>();
    public DbSet<TrainingRecord> Training => Set<TrainingRecord>();
    public DbSet<Exchange> Exchanges => Set<Exchange>();
    public DbSet<Honour> Honours => Set<Honour>();
    public DbSet<EligibilityRevision> EligibilityRevisions => Set<EligibilityRevision>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddAuditLog();
        model.AddRegistryCopy();
        model.Entity<PayReference>(pay =>
        {
            pay.HasKey(p => new { p.CountyCode, p.Year });
            pay.Property(p => p.CountyCode).HasMaxLength(6).IsFixedLength();
            pay.Property(p => p.CivilServantAveragePay).HasPrecision(14, 2);
        });
        model.Entity<TownPay>(pay =>
        {
            pay.HasKey(p => new { p.CountyCode, p.Year, p.Rank });
            pay.Property(p => p.CountyCode).HasMaxLength(6).IsFixedLength();
            pay.Property(p => p.AveragePay).HasPrecision(14, 2);
        });
        model.Entity<Teacher>(t =>
        {
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.IdNumber).HasMaxLength(18).IsFixedLength();
            // Writes of teachers take one lock (TeacherWriter), so this index never fails with a person's number in its message.
            t.HasIndex(x => x.IdNumber).IsUnique();
            t.Property(x => x.Name).HasMaxLength(50);
            t.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            t.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            t.Property(x => x.AnnualPay).HasPrecision(12, 2);
            t.Property(x => x.Subjects).HasIntegerArrayConversion();
            t.Ignore(x => x.Active);
            t.Ignore(x => x.IsBackbone);
            t.Ignore(x => x.Profile);
            t.HasIndex(x => x.SchoolCode);
            t.HasIndex(x => x.CountyCode);
        });
        model.Entity<TrainingRecord>(r =>
        {
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Course).HasMaxLength(200);
            r.Property(x => x.Hours).HasPrecision(6, 1);
            // A course is recorded once per teacher and start date.
            r.HasIndex(x => new { x.TeacherId, x.Course, x.StartDate }).IsUnique();
        });
        model.Entity<Exchange>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            e.Property(x => x.FromSchoolCode).HasMaxLength(10).IsFixedLength();
            e.Property(x => x.ToSchoolCode).HasMaxLength(10).IsFixedLength();
            e.HasIndex(x => new { x.TeacherId, x.Year }).IsUnique();
            e.HasIndex(x => new { x.CountyCode, x.Year });
        });
        model.Entity<Honour>(h =>
        {
            h.HasKey(x => new { x.TeacherId, x.Level });
            h.Property(x => x.DocumentReference).HasMaxLength(200);
        });
        model.Entity<EligibilityRevision>(e =>
        {
            e.HasKey(x => new { x.CountyCode, x.Year });
            e.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        });
    }
}
