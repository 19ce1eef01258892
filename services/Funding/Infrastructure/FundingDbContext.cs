using System.Text.Json;
using EduPlatform.Funding.Domain;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.WebApi.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EduPlatform.Funding.Infrastructure;

public sealed class FundingDbContext(DbContextOptions<FundingDbContext> options) : DbContext(options)
{
    public DbSet<FundingNorm> FundingNorms => Set<FundingNorm>();
    public DbSet<RegistrySchool> Schools => Set<RegistrySchool>();
    public DbSet<RegistryCounty> Counties => Set<RegistryCounty>();
    public DbSet<EnrolmentCopy> Enrolment => Set<EnrolmentCopy>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<SchoolAssessment> Assessments => Set<SchoolAssessment>();
    public DbSet<CountyFinance> CountyFinance => Set<CountyFinance>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddAuditLog();
        model.AddRegistryCopy();
        model.Entity<FundingNorm>(norm =>
        {
            norm.HasKey(n => new { n.Scope, n.Year });
            norm.Property(n => n.Scope).HasMaxLength(8);
            foreach (var amount in new[] { nameof(FundingNorm.PrimaryPerStudent), nameof(FundingNorm.JuniorPerStudent),
                         nameof(FundingNorm.BoardingSupplement), nameof(FundingNorm.SpecialEducationPerStudent) })
            {
                norm.Property(amount).HasPrecision(12, 2);
            }
            norm.Ignore(n => n.Figures);
        });
        model.Entity<EnrolmentCopy>(e =>
        {
            e.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
            e.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        });
        model.Entity<Allocation>(a =>
        {
            a.HasKey(x => new { x.SchoolCode, x.Year });
            a.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            a.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            a.Property(x => x.PublicFunds).HasPrecision(16, 2);
            a.Property(x => x.SpecialEducationFunds).HasPrecision(16, 2);
            a.Property(x => x.TrainingBudget).HasPrecision(16, 2);
        });
        model.Entity<SchoolAssessment>(a =>
        {
            a.HasKey(x => new { x.SchoolCode, x.Year });
            a.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            a.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            a.HasIndex(x => new { x.CountyCode, x.Year });
            a.Property(x => x.Figures).HasColumnType("jsonb").HasConversion(
                f => JsonSerializer.Serialize(f, Json),
                json => JsonSerializer.Deserialize<AssessedFigures>(json, Json)!,
                new ValueComparer<AssessedFigures>((x, y) => Equals(x, y), f => f.GetHashCode()));
        });
        model.Entity<CountyFinance>(f =>
        {
            f.HasKey(x => new { x.CountyCode, x.Year });
            f.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            f.Property(x => x.EducationSpending).HasPrecision(18, 2);
            f.Property(x => x.RecurrentRevenue).HasPrecision(18, 2);
            f.Property(x => x.PrimarySpendingPerStudent).HasPrecision(12, 2);
            f.Property(x => x.JuniorSpendingPerStudent).HasPrecision(12, 2);
        });
    }
}
