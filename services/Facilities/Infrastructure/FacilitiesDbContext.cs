using System.Text.Json;
using EduPlatform.Facilities.Domain;
using EduPlatform.Messaging;
using EduPlatform.WebApi.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EduPlatform.Facilities.Infrastructure;

public sealed class FacilitiesDbContext(DbContextOptions<FacilitiesDbContext> options) : DbContext(options)
{
    public DbSet<County> Counties => Set<County>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolHistory> SchoolHistory => Set<SchoolHistory>();
    public DbSet<FacilityReturn> FacilityReturns => Set<FacilityReturn>();
    public DbSet<ClassList> ClassLists => Set<ClassList>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();
    public DbSet<BoardingLogistics> BoardingLogistics => Set<BoardingLogistics>();
    public DbSet<LayoutPlan> LayoutPlans => Set<LayoutPlan>();
    public DbSet<LayoutPlanItem> LayoutPlanItems => Set<LayoutPlanItem>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureStepRecord> ProcedureSteps => Set<ProcedureStepRecord>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.AddAuditLog();
        model.Entity<County>(county =>
        {
            county.HasKey(c => c.Code);
            county.Property(c => c.Code).HasMaxLength(6).IsFixedLength();
            county.Property(c => c.Name).HasMaxLength(100);
        });
        model.Entity<School>(school =>
        {
            school.HasKey(s => s.Code);
            school.Property(s => s.Code).HasMaxLength(10).IsFixedLength();
            school.Property(s => s.CountyCode).HasMaxLength(6).IsFixedLength();
            school.Property(s => s.Name).HasMaxLength(100);
            school.HasOne<County>().WithMany().HasForeignKey(s => s.CountyCode).OnDelete(DeleteBehavior.Restrict);
            school.HasIndex(s => s.CountyCode);
        });
        model.Entity<SchoolHistory>(history =>
        {
            history.ToTable("school_history");
            history.HasKey(h => new { h.SchoolCode, h.Version });
            history.Property(h => h.SchoolCode).HasMaxLength(10).IsFixedLength();
            history.Property(h => h.CountyCode).HasMaxLength(6).IsFixedLength();
            history.Property(h => h.Name).HasMaxLength(100);
            history.Property(h => h.Reason).HasMaxLength(200);
        });
        model.Entity<FacilityReturn>(r =>
        {
            r.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
            r.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            r.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolCode).OnDelete(DeleteBehavior.Restrict);
            // One document per return: read and replaced whole, never queried figure by figure in SQL.
            r.Property(x => x.Figures).HasColumnType("jsonb").HasConversion(
                figures => JsonSerializer.Serialize(figures, Json),
                json => JsonSerializer.Deserialize<FacilityFigures>(json, Json)!,
                new ValueComparer<FacilityFigures>((a, b) => Equals(a, b), f => f.GetHashCode()));
        });
        model.Entity<ClassList>(list =>
        {
            list.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
            list.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            list.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolCode).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<SchoolClass>(c =>
        {
            c.ToTable("classes");
            c.HasKey(x => new { x.SchoolCode, x.Year, x.Grade, x.Number });
            c.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            // "A county's large classes" reads classes by year and size.
            c.HasIndex(x => new { x.Year, x.Students });
        });
        model.Entity<BoardingLogistics>(b =>
        {
            b.HasKey(x => new { x.SchoolCode, x.Year });
            b.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            b.HasOne<School>().WithMany().HasForeignKey(x => x.SchoolCode).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(x => x.MeetsStandard);
        });
        model.Entity<LayoutPlan>(plan =>
        {
            plan.HasKey(p => p.CountyCode);
            plan.Property(p => p.CountyCode).HasMaxLength(6).IsFixedLength();
            plan.Property(p => p.DocumentReference).HasMaxLength(200);
            plan.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.CountyCode).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<LayoutPlanItem>(item =>
        {
            item.HasKey(i => i.Id);
            item.Property(i => i.CountyCode).HasMaxLength(6).IsFixedLength();
            item.Property(i => i.SchoolCode).HasMaxLength(10).IsFixedLength();
            item.Property(i => i.PlannedName).HasMaxLength(100);
        });
        model.Entity<Procedure>(p =>
        {
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            p.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            p.Property(x => x.ReceivingSchoolCode).HasMaxLength(10).IsFixedLength();
            p.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.ProcedureId).OnDelete(DeleteBehavior.Cascade);
            p.Navigation(x => x.Steps).AutoInclude();
            p.HasIndex(x => x.CountyCode);
            // At most one open procedure per school.
            p.HasIndex(x => x.SchoolCode).IsUnique().HasFilter("completed_at IS NULL").HasDatabaseName("ix_procedures_open_per_school");
        });
        model.Entity<ProcedureStepRecord>(step =>
        {
            step.ToTable("procedure_steps");
            step.HasKey(s => new { s.ProcedureId, s.Step });
            step.Property(s => s.DocumentReference).HasMaxLength(200);
        });
    }
}
