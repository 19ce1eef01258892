using System.Linq.Expressions;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// A county's school rows for one school year, each table read once: the registry, enrolment, facility returns, class
/// sizes, funding (this year and the last) and the kept teacher counts. Each indicator family takes its facts from here:
/// <see cref="Sections"/> the resource lines, <see cref="GuaranteeFacts"/> the government-guarantee lines,
/// <see cref="PlanSchools"/> and <see cref="PerStudentFunds"/> the plan's targets, <see cref="Presence"/> data quality.
/// </summary>
internal sealed class SchoolRows
{
    private static readonly Section[] Levels = [Section.Primary, Section.Junior];

    private readonly List<RegistrySchool> all;
    private readonly List<RegistrySchool> operating;
    private readonly List<SectionEnrolment> enrolment;
    private readonly ILookup<string, SectionEnrolment> enrolled;
    private readonly Dictionary<(string, Section), SectionFacilities> facilities;
    private readonly Dictionary<(string, Section), int[]> classes;
    private readonly List<FundingView> funding;
    private readonly Dictionary<string, FundingView> fundingNow;
    private readonly bool allocated;
    private readonly Dictionary<(string, Section), SectionStaff> staff;
    private readonly Dictionary<string, Subject[]> subjectsTaught;

    private SchoolRows(List<RegistrySchool> all, List<SectionEnrolment> enrolment, List<SectionFacilities> facilities, List<SectionClasses> classes,
        List<FundingView> funding, int year, Dictionary<(string, Section), SectionStaff> staff, Dictionary<string, Subject[]> subjectsTaught,
        bool? countyAllocated = null)
    {
        this.all = all;
        operating = all.Where(s => s.Status == SchoolStatus.Operating).ToList();
        var codes = operating.Select(s => s.Code).ToHashSet();
        this.enrolment = enrolment.Where(e => codes.Contains(e.SchoolCode)).ToList();
        enrolled = this.enrolment.ToLookup(e => e.SchoolCode);
        this.facilities = facilities.ToDictionary(f => (f.SchoolCode, f.Section));
        this.classes = classes.ToDictionary(c => (c.SchoolCode, c.Section), c => c.Sizes);
        this.funding = funding;
        fundingNow = funding.Where(f => f.Year == year && codes.Contains(f.SchoolCode)).ToDictionary(f => f.SchoolCode);
        // Funding announces what each school is owed as soon as its enrolment is known; what it was allocated is
        // known only once the finance bureau reports. Nothing allocated to any school of the county is a missing
        // report, not a county that funds nothing: the allocation lines are no-data, not zero.
        allocated = countyAllocated ?? fundingNow.Values.Any(Allocated);
        this.staff = staff;
        this.subjectsTaught = subjectsTaught;
    }

    public static async Task<SchoolRows> ReadAsync(InspectionDbContext db, string county, int year, CancellationToken ct) =>
        await ReadAsync(db, county, year, school: null, ct);

    /// <summary>
    /// One school's rows (a drill-down), with what it shares with its county: whether the finance bureau has reported
    /// any allocation to the county's schools this year.
    /// </summary>
    public static async Task<SchoolRows> ReadSchoolAsync(InspectionDbContext db, string county, string school, int year, CancellationToken ct) =>
        await ReadAsync(db, county, year, school, ct);

    private static async Task<SchoolRows> ReadAsync(InspectionDbContext db, string county, int year, string? school, CancellationToken ct)
    {
        var (staff, subjectsTaught) = await SectionStaffStore.ReadAsync(db, county, school, ct);
        var all = await db.Schools.AsNoTracking().Where(s => s.CountyCode == county && (school == null || s.Code == school)).OrderBy(s => s.Code)
            .ToListAsync(ct);
        var codes = all.Select(s => s.Code).ToList();
        // The sections' head counts only: the grade arrays are the retention cohorts' (CountyRecords), and reading them
        // was most of this query's cost.
        var enrolment = await db.Enrolment.Where(e => e.Year == year && codes.Contains(e.SchoolCode))
            .Select(e => new SectionEnrolment
            {
                SchoolCode = e.SchoolCode, Year = e.Year, Section = e.Section, Students = e.Students,
                Admitted = e.Admitted, AdmittedFromCatchment = e.AdmittedFromCatchment,
            }).ToListAsync(ct);
        var facilities = await db.Facilities.AsNoTracking().Where(f => f.Year == year && codes.Contains(f.SchoolCode)).ToListAsync(ct);
        var classes = await db.Classes.AsNoTracking().Where(c => c.Year == year && codes.Contains(c.SchoolCode)).ToListAsync(ct);
        var funding = await db.Funding.AsNoTracking().Where(f => (f.Year == year || f.Year == year - 1) && codes.Contains(f.SchoolCode)).ToListAsync(ct);
        bool? countyAllocated = school is null ? null : await db.Funding.Where(f => f.Year == year).Where(AllocatedToSchool)
            .AnyAsync(f => db.Schools.Any(s => s.Code == f.SchoolCode && s.CountyCode == county && s.Status == SchoolStatus.Operating), ct);
        return new SchoolRows(all, enrolment, facilities, classes, funding, year, staff, subjectsTaught, countyAllocated);
    }

    /// <summary>Whether the finance bureau reported an allocation to the school: in the database for a drill-down, in memory for a county.</summary>
    private static readonly Expression<Func<FundingView, bool>> AllocatedToSchool =
        f => f.PublicFundsAllocated > 0 || f.SpecialEducationAllocated > 0 || f.TrainingAllocated > 0;

    private static readonly Func<FundingView, bool> Allocated = AllocatedToSchool.Compile();

    /// <summary>Every operating school section with students this year, its resources and kept teacher counts (RA1–RA7).</summary>
    public List<SchoolSection> Sections()
    {
        var bySchool = operating.ToDictionary(s => s.Code);
        return enrolment.Select(e =>
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
    }

    /// <summary>Which returns each section with students has (data quality).</summary>
    public List<SectionPresence> Presence() =>
        enrolment.Select(e => new SectionPresence(e.SchoolCode, e.Section, facilities.ContainsKey((e.SchoolCode, e.Section)),
            classes.ContainsKey((e.SchoolCode, e.Section)), staff.GetValueOrDefault((e.SchoolCode, e.Section))?.FullTime ?? 0))
        .OrderBy(p => p.SchoolCode).ThenBy(p => p.Level).ToList();

    /// <summary>Each operating school's facts for the government-guarantee lines: classes, rooms, funding, admission.</summary>
    public List<SchoolFacts> GuaranteeFacts() => operating.Select(s =>
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

    /// <summary>Each operating school's facts for the plan's targets (<paramref name="boarding"/>: its logistics return).</summary>
    public List<SchoolPlanFacts> PlanSchools(IReadOnlyDictionary<string, BoardingView> boarding) => operating.Select(s =>
    {
        var returns = Returns(s.Code);
        var teachers = Levels.Sum(l => staff.GetValueOrDefault((s.Code, l))?.FullTime ?? 0);
        return new SchoolPlanFacts(s.Code, s.Location, s.Boarding, Students(s.Code),
            Levels.Sum(l => classes.GetValueOrDefault((s.Code, l))?.Length ?? 0),
            teachers, subjectsTaught.GetValueOrDefault(s.Code) ?? [],
            returns.Count == 0 ? null : returns.Min(r => r.BroadbandMbps), returns.Sum(r => r.OrdinaryClassrooms),
            returns.Sum(r => r.ClassroomsWithMultimedia), returns.Sum(r => r.ClassesWithBanbantong), returns.Sum(r => r.ActiveRenrentongAccounts),
            boarding.GetValueOrDefault(s.Code)?.Missing);
    }).ToList();

    /// <summary>Public funds allocated per student in school year <paramref name="year"/> (this one or the last), if any were.</summary>
    public decimal? PerStudentFunds(int year) => funding.Where(f => f.Year == year) is var rows && rows.Sum(f => f.Students) is > 0 and var students
        && rows.Sum(f => f.PublicFundsAllocated) is > 0 and var funds
        ? funds / students : null;

    /// <summary>The schools the registry lists as closed (the plan's closures).</summary>
    public string[] Closed => [.. all.Where(s => s.Status == SchoolStatus.Closed).Select(s => s.Code)];

    private int? Students(string code) => enrolled[code].Any() ? enrolled[code].Sum(e => e.Students) : null;

    private (int, int)? Admission(string code, Section section) =>
        enrolled[code].FirstOrDefault(e => e.Section == section) is { } e ? (e.Admitted, e.AdmittedFromCatchment) : null;

    private List<SectionFacilities> Returns(string code) =>
        [.. Levels.Select(s => facilities.GetValueOrDefault((code, s))).OfType<SectionFacilities>()];
}
