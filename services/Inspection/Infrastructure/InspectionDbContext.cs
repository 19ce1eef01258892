using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

public sealed class InspectionDbContext(DbContextOptions<InspectionDbContext> options) : DbContext(options)
{
    public DbSet<EvaluationRound> EvaluationRounds => Set<EvaluationRound>();
    public DbSet<RegistryCounty> Counties => Set<RegistryCounty>();
    public DbSet<RegistrySchool> Schools => Set<RegistrySchool>();
    public DbSet<SectionEnrolment> Enrolment => Set<SectionEnrolment>();
    public DbSet<SectionFacilities> Facilities => Set<SectionFacilities>();
    public DbSet<TeacherView> Teachers => Set<TeacherView>();
    public DbSet<SectionClasses> Classes => Set<SectionClasses>();
    public DbSet<PayReferenceView> PayReferences => Set<PayReferenceView>();
    public DbSet<CountyWelfareView> CountyWelfare => Set<CountyWelfareView>();
    public DbSet<FundingView> Funding => Set<FundingView>();
    public DbSet<ExchangeView> Exchanges => Set<ExchangeView>();
    public DbSet<ExchangeEligibilityView> ExchangeEligibility => Set<ExchangeEligibilityView>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddRegistryCopy();
        model.Entity<SectionEnrolment>(e =>
        {
            e.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
            e.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        });
        model.Entity<SectionFacilities>(f =>
        {
            f.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
            f.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            f.Property(x => x.TeachingArea).HasPrecision(14, 2);
            f.Property(x => x.SportsArea).HasPrecision(14, 2);
            f.Property(x => x.EquipmentValue).HasPrecision(16, 2);
        });
        model.Entity<SectionClasses>(c =>
        {
            c.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
            c.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        });
        model.Entity<PayReferenceView>(p =>
        {
            p.ToTable("pay_references");
            p.HasKey(x => new { x.CountyCode, x.Year });
            p.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            p.Property(x => x.CivilServantAveragePay).HasPrecision(14, 2);
        });
        model.Entity<CountyWelfareView>(w =>
        {
            w.ToTable("county_welfare");
            w.HasKey(x => new { x.CountyCode, x.Year });
            w.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        });
        model.Entity<FundingView>(f =>
        {
            f.ToTable("funding");
            f.HasKey(x => new { x.SchoolCode, x.Year });
            f.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            f.Property(x => x.PublicFundsRequired).HasPrecision(16, 2);
            f.Property(x => x.PublicFundsAllocated).HasPrecision(16, 2);
            f.Property(x => x.SpecialEducationAllocated).HasPrecision(16, 2);
        });
        model.Entity<ExchangeView>(e =>
        {
            e.ToTable("exchanges");
            e.HasKey(x => x.ExchangeId);
            e.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            e.HasIndex(x => new { x.CountyCode, x.Year });
        });
        model.Entity<ExchangeEligibilityView>(e =>
        {
            e.ToTable("exchange_eligibility");
            e.HasKey(x => new { x.CountyCode, x.Year });
            e.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        });
        model.Entity<TeacherView>(t =>
        {
            t.ToTable("teachers");
            t.HasKey(x => x.TeacherId);
            t.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            t.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            t.Property(x => x.AnnualPay).HasPrecision(12, 2);
            t.Property(x => x.Subjects).HasIntegerArrayConversion();
            t.HasIndex(x => x.SchoolCode);
        });
        model.Entity<EvaluationRound>(round =>
        {
            round.HasKey(r => r.Id);
            round.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            // One round of each kind per school year: the database enforces it even under races.
            round.HasIndex(r => new { r.Kind, r.SchoolYear }).IsUnique();
        });
    }
}
