using System.Text.Json;
using EduPlatform.Contracts;
using EduPlatform.Inspection.Domain;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using EduPlatform.Registry;
using EduPlatform.WebApi.Access;
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

    /// <summary>
    /// True for the rebuild's own context (<see cref="ForReplay"/>), fixed when it is made: a replay takes no row locks (the
    /// rebuild holds the tables), marks no county changed per event and keeps no section counts per teacher (the rebuild does
    /// both once, at the end).
    /// </summary>
    public bool Replaying { get; private init; }

    /// <summary>The context the rebuild replays the consumed-event log through.</summary>
    public static InspectionDbContext ForReplay(DbContextOptions<InspectionDbContext> options) => new(options) { Replaying = true };

    /// <summary>Records, in the caller's transaction, that these counties' cached scorecards are stale (each once).</summary>
    public async Task MarkChangedAsync(IEnumerable<string> countyCodes, CancellationToken ct)
    {
        foreach (var county in countyCodes.Distinct())
        {
            await MarkChangedAsync(county, ct);
        }
    }

    public Task MarkChangedAsync(string countyCode, CancellationToken ct) => Replaying ? Task.CompletedTask : InsertChangeAsync(countyCode, ct);

    /// <summary>How a replay ends: every county's cached scorecards are stale. Returns how many counties there are.</summary>
    public async Task<int> MarkEveryCountyChangedAsync(CancellationToken ct)
    {
        var counties = await Counties.AsNoTracking().Select(c => c.Code).ToListAsync(ct);
        foreach (var county in counties)
        {
            await InsertChangeAsync(county, ct);
        }
        return counties.Count;
    }

    private Task<int> InsertChangeAsync(string countyCode, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"INSERT INTO county_changes (county_code) VALUES ({countyCode})", ct);

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
        model.AddAuditLog();
        model.AddRegistryCopy();
        // One configuration per entity, grouped by the department whose events fill it (Configurations/).
        model.ApplyConfigurationsFromAssembly(typeof(InspectionDbContext).Assembly);
    }
}
