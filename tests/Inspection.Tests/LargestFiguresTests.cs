using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Funding;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// Nothing a department accepts may fail downstream: every event type inspection consumes, carrying the
/// largest figures the departments accept (<see cref="Bounds"/>), is consumed and stored as sent.
/// </summary>
public sealed class LargestFiguresTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task Every_event_at_the_largest_accepted_figures_is_consumed_and_stored()
    {
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, _bus,
            (SchoolType.NineYear, Location.Urban, true));
        var school = RegistryAnnouncer.School(county, 1);
        var now = DateTimeOffset.UtcNow;
        decimal area = Bounds.Area.Max, money = Bounds.SchoolMoney.Max, pay = Bounds.Pay.Max;
        int things = (int)Bounds.Things.Max, students = (int)Bounds.Students.Max, people = (int)Bounds.CountyPeople.Max;
        int[] grades = [7, 8, 9], full = [students, students, students];
        var teacher = Guid.NewGuid();
        var training = Guid.NewGuid();

        await _bus.PublishAsync(new FacilityReturnRecorded(school, county, 2026, Section.Junior, 1, false, area, area, area, money, things, things, things,
            [Bounds.RoomArea.Max], [Bounds.RoomArea.Max], Bounds.Bandwidth.Max, things, things, things, things, now));
        await _bus.PublishAsync(new EnrolmentReported(school, county, 2026, Section.Junior, 1, grades, full, full, full, full, full, full, full, full, full, now));
        await _bus.PublishAsync(new TeacherRecorded(teacher, TeacherChange.Hired, school, county, Section.Junior, true, [Subject.Music],
            Qualification.Doctor, Rank.Senior, BackboneLevel.National, true, (int)Bounds.Years.Max, pay, true, 1, now));
        await _bus.PublishAsync(new PayReferenceRecorded(county, 2026, pay, now, [Rank.Senior], [pay]));
        await _bus.PublishAsync(new SchoolFundingAssessed(school, county, 2026, 1, 3 * students, 3 * students, 3 * students, 3 * students,
            money, money, money, money, money, money, 0m, now));
        await _bus.PublishAsync(new TrainingRecorded(training, teacher, school, county, new DateOnly(2020, 1, 1), new DateOnly(2026, 1, 1),
            Bounds.CourseHours.Max, now));
        await _bus.PublishAsync(new CountyWelfareReported(county, 2026, 1, people, people, people, people, people, people, people, people,
            people, people, people, people, now));
        await _bus.PublishAsync(new SubsidyCoverageReported(school, county, 2026, 1, 1, 3 * students, 3 * students, 3 * students,
            3 * students * Bounds.PerStudentMoney.Max, 3 * students * Bounds.PerStudentMoney.Max, now));

        await Poll.UntilAsync(() => factory.QueryAsync<InspectionDbContext, bool>(async db =>
                await db.Facilities.AnyAsync(f => f.SchoolCode == school && f.TeachingArea == area && f.SportsArea == 2 * area
                    && f.EquipmentValue == money && f.Books == things && f.BroadbandMbps == Bounds.Bandwidth.Max, Ct)
                && await db.Enrolment.AnyAsync(e => e.SchoolCode == school && e.Students == 3 * students && e.Boarders == 3 * students, Ct)
                && await db.Teachers.AnyAsync(t => t.TeacherId == teacher && t.AnnualPay == pay, Ct)
                && await db.PayReferences.AnyAsync(p => p.CountyCode == county && p.CivilServantAveragePay == pay, Ct)
                && await db.Funding.AnyAsync(f => f.SchoolCode == school && f.PublicFundsAllocated == money && f.TrainingRequired == money, Ct)
                && await db.Training.AnyAsync(t => t.TrainingId == training && t.Hours == Bounds.CourseHours.Max, Ct)
                && await db.CountyWelfare.AnyAsync(w => w.CountyCode == county && w.MigrantPlaced == 2 * people, Ct)
                && await db.Subsidies.AnyAsync(s => s.SchoolCode == school && s.Eligible == 3 * students, Ct)),
            TimeSpan.FromSeconds(60), "an event carrying the largest accepted figures was not consumed and stored");
    }
}
