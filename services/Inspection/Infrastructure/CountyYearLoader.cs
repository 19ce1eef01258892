using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// Reads everything the indicator engine needs for one county and school year from the read models, each table once:
/// the schools' rows (<see cref="SchoolRows"/>), the teachers' summary (a county has tens of thousands: their sections'
/// counts are kept by the consumer, their summary is counted in the database) and the county's own records
/// (<see cref="CountyRecords"/>).
/// </summary>
public static class CountyYearLoader
{
    /// <summary>
    /// GG9 and PL8 count training in the five school years up to this one: 1 September of year − 4 to 31 August of year + 1.
    /// </summary>
    public static (DateOnly From, DateOnly To) TrainingWindow(int year) => (new DateOnly(year - 4, 9, 1), new DateOnly(year + 1, 8, 31));

    public static async Task<CountyYearFacts?> LoadAsync(InspectionDbContext db, string county, int year, Standards standards, DateOnly today,
        CancellationToken ct)
    {
        var countyRow = await db.Counties.AsNoTracking().SingleOrDefaultAsync(c => c.Code == county, ct);
        if (countyRow is null)
        {
            return null;
        }
        // The teachers' summary and the county's records run on their own connections meanwhile.
        var summary = TeacherCounts.SummaryAsync(db, county, TrainingWindow(year), standards, ct);
        var read = CountyRecords.ReadAsync((DbContextOptions<InspectionDbContext>)db.GetService<IDbContextOptions>(), county, year, ct);
        var schools = await SchoolRows.ReadAsync(db, county, year, ct);
        var teachers = await summary;
        var records = await read;
        return new CountyYearFacts(county, countyRow.Name, year, schools.Sections(), schools.GuaranteeFacts(), teachers, records.GuaranteeFacts(),
            Plan(schools, records, year, today), Retention.Junior(year, records.Totals), Retention.NineYear(year, records.Totals),
            records.Verdicts, records.Imported(), schools.Presence());
    }

    /// <summary>The facts of the plan's own targets (PL1–PL14).</summary>
    private static PlanFacts Plan(SchoolRows schools, CountyRecords records, int year, DateOnly today)
    {
        var townPay = records.Pay is not { } pay ? new Dictionary<Rank, decimal>()
            : pay.TownRanks.Zip(pay.TownPay).ToDictionary(p => p.First, p => p.Second);
        // A term not begun yet is not owed yet (a school year in progress has paid its autumn term only).
        var due = records.Subsidies.Where(v => SchoolCalendar.TermStart(year, v.Term) <= today).ToList();
        return new PlanFacts(schools.PlanSchools(records.Boarding), schools.PerStudentFunds(year), schools.PerStudentFunds(year - 1),
            records.Exchanges.Count(e => !e.RuralAllowance), townPay,
            due.Count == 0 ? null : due.Sum(v => v.Eligible), due.Count == 0 ? null : due.Sum(v => v.PaidInFull),
            records.Closures, schools.Closed);
    }

    /// <summary>
    /// Every school section's students by grade in the county for school years <paramref name="from"/> to <paramref name="to"/>,
    /// closed schools' past returns included (their pupils are part of the county's rates).
    /// </summary>
    public static async Task<List<GradeHistory>> GradeHistoryAsync(InspectionDbContext db, string county, int from, int to, CancellationToken ct) =>
        (await CountyEnrolment(db, county, from, to)
            .Select(e => new { e.SchoolCode, e.Section, e.Year, e.Grades, e.GradeStudents }).ToListAsync(ct))
        .Select(e => new GradeHistory(e.SchoolCode, e.Section, e.Year, e.Grades, e.GradeStudents)).ToList();

    /// <summary>The enrolment returns of the county's schools (closed ones included) for school years <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal static IQueryable<SectionEnrolment> CountyEnrolment(InspectionDbContext db, string county, int from, int to) =>
        db.Enrolment.AsNoTracking()
            .Where(e => e.Year >= from && e.Year <= to && db.Schools.Any(s => s.Code == e.SchoolCode && s.CountyCode == county));
}
