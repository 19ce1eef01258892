using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Funding;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using EduPlatform.Registry;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Consumers;

/// <summary>
/// Keeps each section's enrolment; the highest revision wins whatever the arrival order. A county's
/// enrolment return announces every school's sections at once: taken in batches.
/// </summary>
public sealed class EnrolmentReportedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<EnrolmentReported, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<EnrolmentReported> messages, CancellationToken ct)
    {
        var applied = await Db.Enrolment.NewerAllAsync(messages, m => [m.SchoolCode, m.Year, m.Section],
            m => new SectionEnrolment { SchoolCode = m.SchoolCode, Year = m.Year, Section = m.Section },
            (m, r) => m.Revision <= r.Revision,
            (m, row) =>
            {
                (row.Revision, row.Students, row.Boarders, row.SpecialNeeds) = (m.Revision, m.Students.Sum(), m.Boarders.Sum(), m.SpecialNeeds.Sum());
                (row.Admitted, row.AdmittedFromCatchment) = (m.Admitted.Sum(), m.AdmittedFromCatchment.Sum());
                (row.Grades, row.GradeStudents, row.TransfersIn, row.TransfersOut, row.Graduates) =
                    (m.Grades, m.Students, m.TransfersIn, m.TransfersOut, m.Graduates);
            }, ct);
        await Db.MarkChangedAsync(applied.Select(m => m.CountyCode), ct);
    }
}

/// <summary>
/// Keeps each section's facility return; the highest revision wins whatever the arrival order. A county's submission
/// announces every school's sections at once: taken in batches.
/// </summary>
public sealed class FacilityReturnRecordedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<FacilityReturnRecorded, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<FacilityReturnRecorded> messages, CancellationToken ct)
    {
        var applied = await Db.Facilities.NewerAllAsync(messages, m => [m.SchoolCode, m.Year, m.Section],
            m => new SectionFacilities { SchoolCode = m.SchoolCode, Year = m.Year, Section = m.Section },
            (m, r) => m.Revision <= r.Revision,
            (m, row) =>
            {
                row.Revision = m.Revision;
                row.TeachingArea = m.TeachingAuxiliaryArea;
                row.SportsArea = m.SportsGroundArea + m.SportsHallArea;
                row.EquipmentValue = m.EquipmentValue;
                row.MultimediaClassrooms = m.MultimediaClassrooms;
                row.Computers = m.Computers;
                row.Books = m.Books;
                row.MusicRoomAreas = m.MusicRoomAreas;
                row.ArtRoomAreas = m.ArtRoomAreas;
                (row.BroadbandMbps, row.OrdinaryClassrooms, row.ClassroomsWithMultimedia) = (m.BroadbandMbps, m.OrdinaryClassrooms, m.ClassroomsWithMultimedia);
                (row.ClassesWithBanbantong, row.ActiveRenrentongAccounts) = (m.ClassesWithBanbantong, m.ActiveRenrentongAccounts);
            }, ct);
        await Db.MarkChangedAsync(applied.Select(m => m.CountyCode), ct);
    }
}

/// <summary>
/// Keeps every teacher's latest profile (a county's return brings tens of thousands at once: batches), and their school
/// sections' counts (<see cref="SectionStaffView"/>) with them.
/// </summary>
public sealed class TeacherRecordedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<TeacherRecorded, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<TeacherRecorded> messages, CancellationToken ct)
    {
        var latest = messages.GroupBy(m => m.TeacherId).Select(g => g.MaxBy(m => m.Version)!).ToList();
        var ids = latest.Select(m => m.TeacherId).ToList();
        // Two batches may hold versions of the same teacher: each locks its teachers before reading them.
        await Db.LockRowsAsync(ids.Select(id => ReadModelUpsert.LockKey<TeacherView>(id)), ct);
        // Tracked ones first: a rebuild saves once per page, so a teacher an earlier run of the page added is not in the table yet.
        var tracked = Db.Teachers.Local; // (each read of Local detects changes: once)
        var stored = ids.Select(id => tracked.FindEntry(id)?.Entity).OfType<TeacherView>().ToDictionary(t => t.TeacherId);
        var unseen = ids.Where(id => !stored.ContainsKey(id)).ToList();
        foreach (var row in await Db.Teachers.Where(t => unseen.Contains(t.TeacherId)).ToListAsync(ct))
        {
            stored[row.TeacherId] = row;
        }
        var staff = new SectionStaffStore.Changes();
        foreach (var m in latest)
        {
            if (!stored.TryGetValue(m.TeacherId, out var teacher))
            {
                teacher = new TeacherView { TeacherId = m.TeacherId, SchoolCode = m.SchoolCode, CountyCode = m.CountyCode };
                Db.Teachers.Add(teacher);
            }
            else if (m.Version <= teacher.Version)
            {
                continue;
            }
            else
            {
                staff.Remove(StaffCount.Of(teacher));
            }
            teacher.Version = m.Version;
            (teacher.SchoolCode, teacher.CountyCode, teacher.Section, teacher.FullTime, teacher.Subjects) =
                (m.SchoolCode, m.CountyCode, m.Section, m.FullTime, m.Subjects);
            (teacher.Qualification, teacher.Rank, teacher.Backbone, teacher.Certified, teacher.RuralYears, teacher.AnnualPay, teacher.Active) =
                (m.Qualification, m.Rank, m.Backbone, m.Certified, m.RuralYears, m.AnnualPay, m.Active);
            staff.Add(StaffCount.Of(teacher));
        }
        // A rebuild recomputes the sections' counts once, after replaying every teacher.
        if (!Db.Replaying)
        {
            await SectionStaffStore.ApplyAsync(Db, staff, ct);
        }
        await Db.MarkChangedAsync(latest.Select(m => m.CountyCode), ct);
    }
}

/// <summary>Keeps each section's class sizes; the highest revision wins. A county's submission brings them all: batches.</summary>
public sealed class ClassesReportedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<ClassesReported, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<ClassesReported> messages, CancellationToken ct)
    {
        var applied = await Db.Classes.NewerAllAsync(messages, m => [m.SchoolCode, m.Year, m.Section],
            m => new SectionClasses { SchoolCode = m.SchoolCode, Year = m.Year, Section = m.Section },
            (m, r) => m.Revision <= r.Revision, (m, row) => (row.Revision, row.Sizes) = (m.Revision, m.ClassSizes), ct);
        await Db.MarkChangedAsync(applied.Select(m => m.CountyCode), ct);
    }
}

/// <summary>Keeps each county's pay reference per year; a later announcement wins.</summary>
public sealed class PayReferenceRecordedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableInboxConsumer<PayReferenceRecorded, InspectionDbContext>(db, metrics)
{
    protected override async Task ApplyAsync(PayReferenceRecorded m, CancellationToken ct)
    {
        var row = await Db.PayReferences.NewerAsync([m.CountyCode, m.Year],
            () => new PayReferenceView { CountyCode = m.CountyCode, Year = m.Year }, r => m.OccurredAt <= r.RecordedAt, ct);
        if (row is null)
        {
            return;
        }
        (row.CivilServantAveragePay, row.RecordedAt, row.TownRanks, row.TownPay) = (m.CivilServantAveragePay, m.OccurredAt, m.TownRanks ?? [], m.TownPay ?? []);
        await Db.MarkChangedAsync(m.CountyCode, ct);
    }
}

/// <summary>Keeps each county's welfare return per year; the highest revision wins.</summary>
public sealed class CountyWelfareReportedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableInboxConsumer<CountyWelfareReported, InspectionDbContext>(db, metrics)
{
    protected override async Task ApplyAsync(CountyWelfareReported m, CancellationToken ct)
    {
        var row = await Db.CountyWelfare.NewerAsync([m.CountyCode, m.Year],
            () => new CountyWelfareView { CountyCode = m.CountyCode, Year = m.Year },
            r => m.Revision <= r.Revision, ct);
        if (row is null)
        {
            return;
        }
        row.Revision = m.Revision;
        (row.MigrantEligible, row.MigrantPlaced) = (m.MigrantEligible, m.MigrantInPublicSchools + m.MigrantInFundedPrivatePlaces);
        (row.DisabledSchoolAge, row.DisabledEnrolled) =
            (m.DisabledSchoolAge, m.DisabledInRegularClasses + m.DisabledInSpecialSchools + m.DisabledHomeTuition);
        (row.QuotaPlan, row.QuotaAllocated) = (m.QuotaPlan, m.QuotaAllocated);
        await Db.MarkChangedAsync(m.CountyCode, ct);
    }
}

/// <summary>Keeps each school's funding assessment per year; the highest revision wins. Assessed county by county: batches.</summary>
public sealed class SchoolFundingAssessedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<SchoolFundingAssessed, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<SchoolFundingAssessed> messages, CancellationToken ct)
    {
        var applied = await Db.Funding.NewerAllAsync(messages, m => [m.SchoolCode, m.Year],
            m => new FundingView { SchoolCode = m.SchoolCode, Year = m.Year },
            (m, r) => m.Revision <= r.Revision,
            (m, row) =>
            {
                (row.Revision, row.Students, row.FundedStudents) = (m.Revision, m.Students, m.FundedStudents);
                (row.PublicFundsRequired, row.PublicFundsAllocated, row.SpecialEducationRequired, row.SpecialEducationAllocated) =
                    (m.PublicFundsRequired, m.PublicFundsAllocated, m.SpecialEducationRequired, m.SpecialEducationAllocated);
                (row.TrainingRequired, row.TrainingAllocated) = (m.TrainingRequired, m.TrainingAllocated);
            }, ct);
        await Db.MarkChangedAsync(applied.Select(m => m.CountyCode), ct);
    }
}

/// <summary>Keeps each exchange once (its id is its identity). A county's exchanges come in one upload: batches.</summary>
public sealed class ExchangeRecordedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<ExchangeRecorded, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<ExchangeRecorded> messages, CancellationToken ct)
    {
        var applied = await Db.Exchanges.NewerAllAsync(messages, m => [m.ExchangeId],
            m => new ExchangeView { ExchangeId = m.ExchangeId, CountyCode = m.CountyCode, Year = m.Year, Backbone = m.Backbone, RuralAllowance = m.RuralAllowance },
            (_, _) => true, (_, _) => { }, ct);
        await Db.MarkChangedAsync(applied.Select(m => m.CountyCode), ct);
    }
}

/// <summary>Keeps each county's exchange eligibility per year; the highest revision wins.</summary>
public sealed class ExchangeEligibilityReportedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableInboxConsumer<ExchangeEligibilityReported, InspectionDbContext>(db, metrics)
{
    protected override async Task ApplyAsync(ExchangeEligibilityReported m, CancellationToken ct)
    {
        var row = await Db.ExchangeEligibility.NewerAsync([m.CountyCode, m.Year],
            () => new ExchangeEligibilityView { CountyCode = m.CountyCode, Year = m.Year },
            r => m.Revision <= r.Revision, ct);
        if (row is null)
        {
            return;
        }
        (row.Revision, row.Eligible) = (m.Revision, m.Eligible);
        await Db.MarkChangedAsync(m.CountyCode, ct);
    }
}

/// <summary>Keeps each training course once (its id is its identity).</summary>
public sealed class TrainingRecordedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<TrainingRecorded, InspectionDbContext>(db, metrics)
{
    // A county's training upload announces tens of thousands of courses at once: taken in batches.
    public override async Task ApplyAsync(IReadOnlyList<TrainingRecorded> messages, CancellationToken ct)
    {
        var ids = messages.Select(m => m.TrainingId).Distinct().ToList();
        await Db.LockRowsAsync(ids.Select(id => ReadModelUpsert.LockKey<TrainingView>(id)), ct);
        var known = (await Db.Training.Where(t => ids.Contains(t.TrainingId)).Select(t => t.TrainingId).ToListAsync(ct)).ToHashSet();
        // A course is recorded once and never changes: only ones not yet kept are added.
        foreach (var m in messages.Where(m => known.Add(m.TrainingId)))
        {
            Db.Training.Add(new TrainingView { TrainingId = m.TrainingId, TeacherId = m.TeacherId, CountyCode = m.CountyCode, EndDate = m.EndDate, Hours = m.Hours });
        }
        await Db.MarkChangedAsync(messages.Select(m => m.CountyCode), ct);
    }
}

/// <summary>Keeps each honour a teacher holds (one per level). A county's awards come in one upload: batches.</summary>
public sealed class HonourAwardedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<HonourAwarded, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<HonourAwarded> messages, CancellationToken ct)
    {
        var applied = await Db.Honours.NewerAllAsync(messages, m => [m.TeacherId, m.Level],
            m => new HonourView { TeacherId = m.TeacherId, Level = m.Level, CountyCode = m.CountyCode, Year = m.Year },
            (_, _) => true, (_, _) => { }, ct);
        await Db.MarkChangedAsync(applied.Select(m => m.CountyCode), ct);
    }
}

/// <summary>Keeps each boarding school's logistics report per year as the items it lacks; the highest revision wins.</summary>
public sealed class BoardingLogisticsReportedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableInboxConsumer<BoardingLogisticsReported, InspectionDbContext>(db, metrics)
{
    protected override async Task ApplyAsync(BoardingLogisticsReported m, CancellationToken ct)
    {
        var row = await Db.Boarding.NewerAsync([m.SchoolCode, m.Year], () => new BoardingView { SchoolCode = m.SchoolCode, Year = m.Year },
            r => m.Revision <= r.Revision, ct);
        if (row is null)
        {
            return;
        }
        row.Revision = m.Revision;
        row.Missing = [.. new[] { (m.Canteen, "canteen"), (m.Dormitory, "dormitory"), (m.DrinkingWater, "drinking water"), (m.Bathing, "bathing"),
            (m.Toilets, "toilets"), (m.WasteHandling, "waste handling") }.Where(i => !i.Item1).Select(i => i.Item2)];
        await Db.MarkChangedAsync(m.CountyCode, ct);
    }
}

/// <summary>Keeps each completed closure or restoration once.</summary>
public sealed class ProcedureCompletedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableInboxConsumer<ProcedureCompleted, InspectionDbContext>(db, metrics)
{
    protected override async Task ApplyAsync(ProcedureCompleted m, CancellationToken ct)
    {
        await Db.Procedures.NewerAsync([m.ProcedureId], () => new ProcedureView
        {
            ProcedureId = m.ProcedureId, SchoolCode = m.SchoolCode, CountyCode = m.CountyCode, Kind = m.Kind,
            ReceivingSchoolCode = m.ReceivingSchoolCode, EffectiveDate = m.EffectiveDate,
        }, _ => true, ct);
        await Db.MarkChangedAsync(m.CountyCode, ct);
    }
}

/// <summary>Keeps each school's subsidy coverage per term; the highest revision wins. Reported county by county: batches.</summary>
public sealed class SubsidyCoverageReportedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : ReplayableBatchConsumer<SubsidyCoverageReported, InspectionDbContext>(db, metrics)
{
    public override async Task ApplyAsync(IReadOnlyList<SubsidyCoverageReported> messages, CancellationToken ct)
    {
        var applied = await Db.Subsidies.NewerAllAsync(messages, m => [m.SchoolCode, m.Year, m.Term],
            m => new SubsidyView { SchoolCode = m.SchoolCode, Year = m.Year, Term = m.Term }, (m, r) => m.Revision <= r.Revision,
            (m, row) => (row.Revision, row.Eligible, row.PaidInFull) = (m.Revision, m.Eligible, m.PaidInFull), ct);
        await Db.MarkChangedAsync(applied.Select(m => m.CountyCode), ct);
    }
}

/// <summary>A school's registry change (type, location, status, boarding) changes its county's scorecards.</summary>
public sealed class SchoolChangeMarker : ISchoolChangeFollower<InspectionDbContext>
{
    public Task SchoolChangedAsync(InspectionDbContext db, RegistrySchool school, CancellationToken ct) => db.MarkChangedAsync(school.CountyCode, ct);
}
