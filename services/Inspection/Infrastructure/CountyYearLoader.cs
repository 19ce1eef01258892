using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// Reads everything the indicator engine needs for one county and school year from the read models,
/// each table once: the operating schools' sections (enrolment, facility return, full-time staff), class
/// sizes, funding, teachers (a county has tens of thousands: their sections' counts are kept by the consumer, their
/// summary is counted in the database), the county's returns, verdicts and imports.
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
        var records = CountyRecordsAsync((DbContextOptions<InspectionDbContext>)db.GetService<IDbContextOptions>(), county, year, ct);
        var (staff, subjectsTaught) = await SectionStaffStore.ReadAsync(db, county, ct);
        var allSchools = await db.Schools.AsNoTracking().Where(s => s.CountyCode == county).OrderBy(s => s.Code).ToListAsync(ct);
        var schools = allSchools.Where(s => s.Status == SchoolStatus.Operating).ToList();
        var allCodes = allSchools.Select(s => s.Code).ToList();
        var codes = schools.Select(s => s.Code).ToHashSet();

        var thisYear = (await db.Enrolment.AsNoTracking().Where(e => e.Year == year && allCodes.Contains(e.SchoolCode)).ToListAsync(ct))
            .Where(e => codes.Contains(e.SchoolCode)).ToList();
        var enrolled = thisYear.ToLookup(e => e.SchoolCode);
        var facilities = (await db.Facilities.AsNoTracking().Where(f => f.Year == year && allCodes.Contains(f.SchoolCode)).ToListAsync(ct))
            .ToDictionary(f => (f.SchoolCode, f.Section));
        var classes = (await db.Classes.AsNoTracking().Where(c => c.Year == year && allCodes.Contains(c.SchoolCode)).ToListAsync(ct))
            .ToDictionary(c => (c.SchoolCode, c.Section), c => c.Sizes);
        var funding = await db.Funding.AsNoTracking().Where(f => (f.Year == year || f.Year == year - 1) && allCodes.Contains(f.SchoolCode)).ToListAsync(ct);
        var fundingNow = funding.Where(f => f.Year == year && codes.Contains(f.SchoolCode)).ToDictionary(f => f.SchoolCode);
        // Funding announces what each school is owed as soon as its enrolment is known; what it was allocated is
        // known only once the finance bureau reports. Nothing allocated to any school of the county is a missing
        // report, not a county that funds nothing: the allocation lines are no-data, not zero.
        var allocated = fundingNow.Values.Any(f => f.PublicFundsAllocated > 0 || f.SpecialEducationAllocated > 0 || f.TrainingAllocated > 0);
        var teacherSummary = await summary;
        var bySchool = schools.ToDictionary(s => s.Code);

        var sections = thisYear.Select(e =>
        {
            var school = bySchool[e.SchoolCode];
            var f = facilities.GetValueOrDefault((e.SchoolCode, e.Section));
            var here = staff.GetValueOrDefault((e.SchoolCode, e.Section)) ?? SectionStaff.None;
            return new SchoolSection(e.SchoolCode, school.Name, school.Type, e.Section, e.Students,
                here.Qualified, here.Backbone, here.PeAndArt,
                TeachingArea: f?.TeachingArea ?? 0, SportsArea: f?.SportsArea ?? 0, EquipmentValue: f?.EquipmentValue ?? 0,
                MultimediaClassrooms: f?.MultimediaClassrooms ?? 0, Computers: f?.Computers ?? 0, Books: f?.Books ?? 0,
                FullTimeTeachers: here.FullTime, MidRankTeachers: here.MidRank);
        }).OrderBy(s => s.SchoolCode).ThenBy(s => s.Level).ToList();
        var presence = thisYear.Select(e => new SectionPresence(e.SchoolCode, e.Section, facilities.ContainsKey((e.SchoolCode, e.Section)),
            classes.ContainsKey((e.SchoolCode, e.Section)), staff.GetValueOrDefault((e.SchoolCode, e.Section))?.FullTime ?? 0)).OrderBy(p => p.SchoolCode).ThenBy(p => p.Level).ToList();

        int? Students(string code) => enrolled[code].Any() ? enrolled[code].Sum(e => e.Students) : null;
        (int, int)? Admission(string code, Section section) =>
            enrolled[code].FirstOrDefault(e => e.Section == section) is { } e ? (e.Admitted, e.AdmittedFromCatchment) : null;
        List<SectionFacilities> Returns(string code) =>
            [.. new[] { Section.Primary, Section.Junior }.Select(s => facilities.GetValueOrDefault((code, s))).OfType<SectionFacilities>()];
        var schoolFacts = schools.Select(s =>
        {
            var f = fundingNow.GetValueOrDefault(s.Code);
            var returns = Returns(s.Code);
            return new SchoolFacts(s.Code, s.Name, s.Type,
                Students(s.Code),
                classes.GetValueOrDefault((s.Code, Section.Primary)), classes.GetValueOrDefault((s.Code, Section.Junior)),
                returns.Count == 0 ? null : [.. returns.SelectMany(r => r.MusicRoomAreas)],
                returns.Count == 0 ? null : [.. returns.SelectMany(r => r.ArtRoomAreas)],
                f?.FundedStudents, f?.PublicFundsRequired, allocated ? f?.PublicFundsAllocated : null,
                allocated ? f?.SpecialEducationAllocated : null, s.Location, s.Boarding,
                Admission(s.Code, Section.Primary), Admission(s.Code, Section.Junior),
                f?.SpecialEducationRequired, f?.TrainingRequired, allocated ? f?.TrainingAllocated : null);
        }).ToList();

        var (pay, welfare, eligibility, exchanges, boarding, subsidies, closures, verdicts, import, totals) = await records;
        var countyFacts = new CountyFacts(pay?.CivilServantAveragePay, welfare?.MigrantEligible, welfare?.MigrantPlaced,
            welfare?.DisabledSchoolAge, welfare?.DisabledEnrolled, welfare?.QuotaPlan, welfare?.QuotaAllocated,
            eligibility?.Eligible, eligibility is null ? null : exchanges.Count, eligibility is null ? null : exchanges.Count(e => e.Backbone));

        decimal? PerStudent(int y) => funding.Where(f => f.Year == y) is var rows && rows.Sum(f => f.Students) is > 0 and var students
            && rows.Sum(f => f.PublicFundsAllocated) is > 0 and var funds
            ? funds / students : null;
        var planSchools = schools.Select(s =>
        {
            var returns = Returns(s.Code);
            var teachers = new[] { Section.Primary, Section.Junior }.Sum(l => staff.GetValueOrDefault((s.Code, l))?.FullTime ?? 0);
            return new SchoolPlanFacts(s.Code, s.Location, s.Boarding, Students(s.Code),
                (classes.GetValueOrDefault((s.Code, Section.Primary))?.Length ?? 0) + (classes.GetValueOrDefault((s.Code, Section.Junior))?.Length ?? 0),
                teachers, subjectsTaught.GetValueOrDefault(s.Code) ?? [],
                returns.Count == 0 ? null : returns.Min(r => r.BroadbandMbps), returns.Sum(r => r.OrdinaryClassrooms),
                returns.Sum(r => r.ClassroomsWithMultimedia), returns.Sum(r => r.ClassesWithBanbantong), returns.Sum(r => r.ActiveRenrentongAccounts),
                boarding.GetValueOrDefault(s.Code)?.Missing);
        }).ToList();
        var townPay = pay is null ? new Dictionary<Rank, decimal>()
            : pay.TownRanks.Zip(pay.TownPay).ToDictionary(p => p.First, p => p.Second);
        // A term not begun yet is not owed yet (a school year in progress has paid its autumn term only).
        var due = subsidies.Where(v => SchoolCalendar.TermStart(year, v.Term) <= today).ToList();
        var plan = new PlanFacts(planSchools, PerStudent(year), PerStudent(year - 1), exchanges.Count(e => !e.RuralAllowance), townPay,
            due.Count == 0 ? null : due.Sum(v => v.Eligible), due.Count == 0 ? null : due.Sum(v => v.PaidInFull),
            closures,
            [.. allSchools.Where(s => s.Status == SchoolStatus.Closed).Select(s => s.Code)]);

        var imported = import is null ? null : new ImportedFacts(import.MonitoringSubjects, import.MonitoringLevels, import.MonitoringDifferenceRate,
            import.SatisfactionPercent, import.SurveyRespondents, import.MonitoringDocument, import.SurveyDocument);

        return new CountyYearFacts(county, countyRow.Name, year, sections, schoolFacts, teacherSummary, countyFacts, plan,
            Retention.Junior(year, totals), Retention.NineYear(year, totals), verdicts, imported, presence);
    }

    /// <summary>
    /// Every school section's students by grade in the county for school years <paramref name="from"/> to <paramref name="to"/>,
    /// closed schools' past returns included (their pupils are part of the county's rates).
    /// </summary>
    public static async Task<List<GradeHistory>> GradeHistoryAsync(InspectionDbContext db, string county, int from, int to, CancellationToken ct) =>
        (await db.Enrolment.AsNoTracking()
            .Where(e => e.Year >= from && e.Year <= to && db.Schools.Any(s => s.Code == e.SchoolCode && s.CountyCode == county))
            .Select(e => new { e.SchoolCode, e.Section, e.Year, e.Grades, e.GradeStudents }).ToListAsync(ct))
        .Select(e => new GradeHistory(e.SchoolCode, e.Section, e.Year, e.Grades, e.GradeStudents)).ToList();

    /// <summary>The county's own records and its retention cohorts, read on a second context while the first reads the schools' rows.</summary>
    private static async Task<(PayReferenceView? Pay, CountyWelfareView? Welfare, ExchangeEligibilityView? Eligibility, List<ExchangeView> Exchanges,
        Dictionary<string, BoardingView> Boarding, List<SubsidyView> Subsidies, List<(string School, string? Receiving)> Closures,
        List<VerdictFacts> Verdicts, ImportedResult? Import, List<GradeTotals> Totals)> CountyRecordsAsync(
        DbContextOptions<InspectionDbContext> options, string county, int year, CancellationToken ct)
    {
        await using var db = new InspectionDbContext(options);
        var codes = db.Schools.Where(s => s.CountyCode == county).Select(s => s.Code);
        var pay = await db.PayReferences.AsNoTracking().SingleOrDefaultAsync(p => p.CountyCode == county && p.Year == year, ct);
        var welfare = await db.CountyWelfare.AsNoTracking().SingleOrDefaultAsync(w => w.CountyCode == county && w.Year == year, ct);
        var eligibility = await db.ExchangeEligibility.AsNoTracking().SingleOrDefaultAsync(e => e.CountyCode == county && e.Year == year, ct);
        var exchanges = await db.Exchanges.AsNoTracking().Where(e => e.CountyCode == county && e.Year == year).ToListAsync(ct);
        var boarding = await db.Boarding.AsNoTracking().Where(b => b.Year == year && codes.Contains(b.SchoolCode)).ToDictionaryAsync(b => b.SchoolCode, ct);
        var subsidies = await db.Subsidies.AsNoTracking().Where(v => v.Year == year && codes.Contains(v.SchoolCode)).ToListAsync(ct);
        var closures = (await db.Procedures.AsNoTracking().Where(p => p.CountyCode == county && p.Kind == ProcedureKind.Closure)
            .Select(p => new { p.SchoolCode, p.ReceivingSchoolCode }).ToListAsync(ct)).Select(c => (c.SchoolCode, c.ReceivingSchoolCode)).ToList();
        var verdicts = await db.Verdicts.AsNoTracking().Where(v => v.CountyCode == county && v.Year == year)
            .Select(v => new VerdictFacts(v.Code, v.Met, v.DocumentReference, v.Inspector, v.Note)).ToListAsync(ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.CountyCode == county && i.Year == year, ct);
        // Nine school years of grade totals: the nine-year cohort starts in year − 8 (closed schools' past returns count).
        var totals = await Sql.ReadAsync(db, """
            SELECT e.year, g.grade, sum(g.students)::int, sum(g.transfers_in)::int, sum(g.transfers_out)::int, sum(g.graduates)::int
            FROM enrolment e
            JOIN registry_schools s ON s.code = e.school_code AND s.county_code = @county
            CROSS JOIN LATERAL unnest(e.grades, e.grade_students, e.transfers_in, e.transfers_out, e.graduates)
                AS g(grade, students, transfers_in, transfers_out, graduates)
            WHERE e.year BETWEEN @first AND @year
            GROUP BY e.year, g.grade
            """, r => new GradeTotals(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)), ct,
            Sql.P("county", county), Sql.P("first", year - 8), Sql.P("year", year));
        return (pay, welfare, eligibility, exchanges, boarding, subsidies, closures, verdicts, import, totals);
    }
}
