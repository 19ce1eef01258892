using System.Text.Json;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.WebApi.Access;
using EduPlatform.StudentWelfare.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EduPlatform.StudentWelfare.Infrastructure;

public sealed class WelfareDbContext(DbContextOptions<WelfareDbContext> options) : DbContext(options)
{
    public DbSet<SubsidyRate> SubsidyRates => Set<SubsidyRate>();
    public DbSet<RegistrySchool> Schools => Set<RegistrySchool>();
    public DbSet<RegistryCounty> Counties => Set<RegistryCounty>();
    public DbSet<EnrolmentReturn> EnrolmentReturns => Set<EnrolmentReturn>();
    public DbSet<EnrolmentGrade> EnrolmentGrades => Set<EnrolmentGrade>();
    public DbSet<CountyReturn> CountyReturns => Set<CountyReturn>();
    public DbSet<EligibleStudent> EligibleStudents => Set<EligibleStudent>();
    public DbSet<SubsidyPayment> SubsidyPayments => Set<SubsidyPayment>();
    public DbSet<CoverageRevision> CoverageRevisions => Set<CoverageRevision>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddAuditLog();
        model.AddRegistryCopy();
        model.Entity<SubsidyRate>(rate =>
        {
            rate.HasKey(r => r.Year);
            rate.Property(r => r.Year).ValueGeneratedNever();
            rate.Property(r => r.PrimaryBoarder).HasPrecision(12, 2);
            rate.Property(r => r.JuniorBoarder).HasPrecision(12, 2);
            rate.Property(r => r.PrimaryNonBoarder).HasPrecision(12, 2);
            rate.Property(r => r.JuniorNonBoarder).HasPrecision(12, 2);
        });
        model.Entity<EnrolmentReturn>(r =>
        {
            r.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
            r.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        });
        model.Entity<EnrolmentGrade>(g =>
        {
            g.HasKey(x => new { x.SchoolCode, x.Year, x.Grade });
            g.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            g.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            g.Ignore(x => x.Section);
            g.Ignore(x => x.Figures);
            // Retention sums a county's grades by year.
            g.HasIndex(x => new { x.CountyCode, x.Year });
        });
        model.Entity<CountyReturn>(r =>
        {
            r.HasKey(x => new { x.CountyCode, x.Year });
            r.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            r.Property(x => x.Figures).HasColumnType("jsonb").HasConversion(
                f => JsonSerializer.Serialize(f, Json),
                json => JsonSerializer.Deserialize<CountyFigures>(json, Json)!,
                new ValueComparer<CountyFigures>((a, b) => Equals(a, b), f => f.GetHashCode()));
        });
        model.Entity<EligibleStudent>(e =>
        {
            e.HasKey(x => new { x.Year, x.StudentId });
            e.Property(x => x.StudentId).HasMaxLength(SubsidyRules.MaxIdLength);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            e.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            e.HasIndex(x => new { x.CountyCode, x.Year });
        });
        model.Entity<SubsidyPayment>(p =>
        {
            // One payment per student and term: a second is a duplicate (409).
            p.HasKey(x => new { x.Year, x.StudentId, x.Term });
            p.Property(x => x.StudentId).HasMaxLength(SubsidyRules.MaxIdLength);
            p.Property(x => x.Amount).HasPrecision(12, 2);
        });
        model.Entity<CoverageRevision>(c =>
        {
            c.HasKey(x => new { x.SchoolCode, x.Year, x.Term });
            c.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        });
    }
}
