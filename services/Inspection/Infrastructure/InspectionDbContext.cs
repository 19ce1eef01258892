using System.Text.Json;
using EduPlatform.Contracts;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

public sealed class InspectionDbContext(DbContextOptions<InspectionDbContext> options) : DbContext(options), IConsumedEventLog
{
    public DbSet<EvaluationRound> EvaluationRounds => Set<EvaluationRound>();
    public DbSet<RegistryCounty> Counties => Set<RegistryCounty>();
    public DbSet<RegistrySchool> Schools => Set<RegistrySchool>();
    public DbSet<SectionEnrolment> Enrolment => Set<SectionEnrolment>();
    public DbSet<SectionFacilities> Facilities => Set<SectionFacilities>();
    public DbSet<TeacherView> Teachers => Set<TeacherView>();
    public DbSet<SectionStaffView> SectionStaff => Set<SectionStaffView>();
    public DbSet<SectionClasses> Classes => Set<SectionClasses>();
    public DbSet<PayReferenceView> PayReferences => Set<PayReferenceView>();
    public DbSet<CountyWelfareView> CountyWelfare => Set<CountyWelfareView>();
    public DbSet<FundingView> Funding => Set<FundingView>();
    public DbSet<ExchangeView> Exchanges => Set<ExchangeView>();
    public DbSet<ExchangeEligibilityView> ExchangeEligibility => Set<ExchangeEligibilityView>();
    public DbSet<TrainingView> Training => Set<TrainingView>();
    public DbSet<HonourView> Honours => Set<HonourView>();
    public DbSet<BoardingView> Boarding => Set<BoardingView>();
    public DbSet<ProcedureView> Procedures => Set<ProcedureView>();
    public DbSet<SubsidyView> Subsidies => Set<SubsidyView>();
    public DbSet<EvidenceVerdict> Verdicts => Set<EvidenceVerdict>();
    public DbSet<SavedScenario> SavedScenarios => Set<SavedScenario>();
    public DbSet<ImportedResult> Imports => Set<ImportedResult>();
    public DbSet<EvaluationSnapshot> Snapshots => Set<EvaluationSnapshot>();
    public DbSet<CountyChange> CountyChanges => Set<CountyChange>();
    public DbSet<ConsumedEvent> ConsumedEvents => Set<ConsumedEvent>();

    /// <summary>Set while the read models are rebuilt: the rebuild marks every county changed once, at the end.</summary>
    public bool Replaying { get; set; }

    /// <summary>Records, in the caller's transaction, that a county's cached scorecards are stale.</summary>
    /// <summary>Marks each county once.</summary>
    public async Task MarkChangedAsync(IEnumerable<string> countyCodes, CancellationToken ct)
    {
        foreach (var county in countyCodes.Distinct())
        {
            await MarkChangedAsync(county, ct);
        }
    }

    public Task MarkChangedAsync(string countyCode, CancellationToken ct) => Replaying
        ? Task.CompletedTask
        : Database.ExecuteSqlAsync($"INSERT INTO county_changes (county_code) VALUES ({countyCode})", ct);

    public void Record(Guid messageId, object message, string? actor) => ConsumedEvents.Add(new ConsumedEvent
    {
        MessageId = messageId, Type = message.GetType().Name, Body = JsonSerializer.Serialize(message, message.GetType(), EventJson.Options),
        ReceivedAt = DateTimeOffset.UtcNow, Actor = actor,
        // Kept apart so "who submitted this county's figures" is an indexed read.
        CountyCode = (message as ICountyEvent)?.CountyCode,
    });

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
            f.Property(x => x.BroadbandMbps).HasPrecision(10, 2);
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
            p.Property(x => x.TownRanks).HasIntegerArrayConversion();
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
            f.Property(x => x.SpecialEducationRequired).HasPrecision(16, 2);
            f.Property(x => x.TrainingRequired).HasPrecision(16, 2);
            f.Property(x => x.TrainingAllocated).HasPrecision(16, 2);
        });
        model.Entity<TrainingView>(t =>
        {
            t.ToTable("training");
            t.HasKey(x => x.TrainingId);
            t.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            t.Property(x => x.Hours).HasPrecision(8, 2);
            t.HasIndex(x => new { x.CountyCode, x.EndDate });
        });
        model.Entity<HonourView>(h =>
        {
            h.ToTable("honours");
            h.HasKey(x => new { x.TeacherId, x.Level });
            h.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            h.HasIndex(x => x.CountyCode);
        });
        model.Entity<BoardingView>(b =>
        {
            b.ToTable("boarding");
            b.HasKey(x => new { x.SchoolCode, x.Year });
            b.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        });
        model.Entity<ProcedureView>(p =>
        {
            p.ToTable("procedures");
            p.HasKey(x => x.ProcedureId);
            p.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            p.Property(x => x.ReceivingSchoolCode).HasMaxLength(10).IsFixedLength();
            p.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            p.HasIndex(x => x.CountyCode);
        });
        model.Entity<SubsidyView>(v =>
        {
            v.ToTable("subsidies");
            v.HasKey(x => new { x.SchoolCode, x.Year, x.Term });
            v.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        });
        model.Entity<EvidenceVerdict>(v =>
        {
            v.ToTable("verdicts");
            v.HasKey(x => new { x.CountyCode, x.Year, x.Code });
            v.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            v.Property(x => x.Code).HasMaxLength(8);
            v.Property(x => x.DocumentReference).HasMaxLength(200);
            v.Property(x => x.Inspector).HasMaxLength(100);
            v.Property(x => x.Note).HasMaxLength(1000);
        });
        model.Entity<SavedScenario>(s =>
        {
            s.ToTable("saved_scenarios");
            s.HasKey(x => new { x.CountyCode, x.Name });
            s.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            s.Property(x => x.Name).HasMaxLength(SavedScenario.MaxName);
            s.Property(x => x.Changes).HasColumnType("jsonb");
            s.Property(x => x.SavedBy).HasMaxLength(200);
        });
        model.Entity<ImportedResult>(i =>
        {
            i.ToTable("imported_results");
            i.HasKey(x => new { x.CountyCode, x.Year });
            i.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            i.Property(x => x.MonitoringDifferenceRate).HasPrecision(6, 4);
            i.Property(x => x.SatisfactionPercent).HasPrecision(6, 2);
            i.Property(x => x.MonitoringDocument).HasMaxLength(200);
            i.Property(x => x.SurveyDocument).HasMaxLength(200);
        });
        model.Entity<EvaluationSnapshot>(s =>
        {
            s.ToTable("evaluation_snapshots");
            s.HasKey(x => new { x.RoundId, x.CountyCode });
            s.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            s.HasOne<EvaluationRound>().WithMany().HasForeignKey(x => x.RoundId);
        });
        model.Entity<ConsumedEvent>(e =>
        {
            e.ToTable("consumed_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.CountyCode).HasMaxLength(6);
            e.Property(x => x.Actor).HasMaxLength(400);
            e.HasIndex(x => new { x.CountyCode, x.Id });
        });
        model.Entity<CountyChange>(c =>
        {
            c.ToTable("county_changes");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).UseIdentityAlwaysColumn();
            c.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
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
            // Every scorecard counts one county's teachers (TeacherCounts): without it, each read scanned the whole table.
            t.HasIndex(x => x.CountyCode);
        });
        model.Entity<SectionStaffView>(s =>
        {
            s.ToTable("section_staff");
            s.HasKey(x => new { x.CountyCode, x.SchoolCode, x.Section });
            s.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
            s.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
            s.HasIndex(x => x.SchoolCode);
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
