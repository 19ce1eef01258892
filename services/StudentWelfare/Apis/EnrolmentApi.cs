using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.StudentWelfare.Domain;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Apis;

/// <summary>Enrolment returns (学籍), retention (巩固率) and admission near home (就近入学).</summary>
public static class EnrolmentApi
{
    public static IEndpointRouteBuilder MapEnrolmentApi(this IEndpointRouteBuilder app)
    {
        var county = app.MapGroup("/api/counties/{county}/years/{year:int}").WithTags("Enrolment").ForCountyInRoute();
        county.MapPut("/enrolment", PutCountyEnrolment).AcceptsRows<EnrolmentRow>();
        county.MapGet("/retention", GetRetention);
        county.MapGet("/admission-near-home", GetAdmissionNearHome);
        county.MapGet("/missing-returns", GetMissingReturns);
        var school = app.MapGroup("/api/schools/{code}/years/{year:int}/enrolment").WithTags("Enrolment").ForSchoolInRoute();
        school.MapPut("/", PutSchoolEnrolment);
        school.MapGet("/", GetSchoolEnrolment);
        return app;
    }

    /// <summary>
    /// A county's enrolment returns for the year: one row per school and grade (JSON array or CSV with
    /// columns schoolCode, grade, students, boarders, specialNeeds, transfersIn, transfersOut, dropouts,
    /// graduates, admitted, admittedFromCatchment). A school listed gives its whole return, which
    /// replaces its earlier one. Stored whole or not at all.
    /// </summary>
    public static async Task<Results<Ok<WriteOutcome>, ValidationProblem>> PutCountyEnrolment(string county, int year,
        HttpRequest request, WelfareDbContext db, EnrolmentWriter writer, CancellationToken ct)
    {
        var problems = await Requests.CheckCountyYearAsync(county, year, db, ct);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var (rows, unreadable) = await BulkInput.ReadAsync<EnrolmentRow>(request, "enrolment", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var (outcome, faults) = await writer.WriteAsync(county, year, rows, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    public sealed record SchoolEnrolmentRequest(EnrolmentRow[]? Grades);

    /// <summary>One school's whole return for the year, one entry per grade.</summary>
    public static async Task<Results<Ok<WriteOutcome>, ValidationProblem, NotFound>> PutSchoolEnrolment(string code, int year,
        SchoolEnrolmentRequest request, WelfareDbContext db, EnrolmentWriter writer, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (school is null)
        {
            return TypedResults.NotFound();
        }
        var problems = new Problems();
        Codes.CheckYear(year, problems);
        var rows = BulkInput.Locate(request.Grades?.Select(g => g with { SchoolCode = code }), "grades");
        if (rows.Count == 0)
        {
            problems.Error("", "grades", "A return lists the school's grades.");
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var (outcome, faults) = await writer.WriteAsync(school.CountyCode, year, rows, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    public sealed record GradeDto(int Grade, int Students, int Boarders, int SpecialNeeds, int TransfersIn, int TransfersOut,
        int Dropouts, int Graduates, int Admitted, int AdmittedFromCatchment);

    /// <summary>One school's enrolment return for the year, per grade.</summary>
    public static async Task<Ok<GradeDto[]>> GetSchoolEnrolment(string code, int year, WelfareDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.EnrolmentGrades.AsNoTracking().Where(g => g.SchoolCode == code && g.Year == year).OrderBy(g => g.Grade)
            .Select(g => new GradeDto(g.Grade, g.Students, g.Boarders, g.SpecialNeeds, g.TransfersIn, g.TransfersOut, g.Dropouts,
                g.Graduates, g.Admitted, g.AdmittedFromCatchment))
            .ToArrayAsync(ct));

    public sealed record RetentionDto(string CountyCode, int Year, RetentionRate Junior, RetentionRate NineYear);

    /// <summary>
    /// The county's 初中三年巩固率 and 九年义务教育巩固率 for the class graduating at the end of school year
    /// <c>year</c>, with every input; a rate is null while a year of its cohort has no returns (listed).
    /// Junior: graduates(grade 9, Y) ÷ (students(grade 7, Y−2) + transfers in − transfers out of the
    /// cohort over Y−2..Y) × 100, capped at 100. Nine-year: the same from grade 1 in Y−8.
    /// </summary>
    public static async Task<Ok<RetentionDto>> GetRetention(string county, int year, WelfareDbContext db, CancellationToken ct)
    {
        var totals = await db.EnrolmentGrades.AsNoTracking()
            .Where(g => g.CountyCode == county && g.Year >= year - 8 && g.Year <= year)
            .GroupBy(g => new { g.Year, g.Grade })
            .Select(g => new GradeTotals(g.Key.Year, g.Key.Grade, g.Sum(x => x.Students), g.Sum(x => x.TransfersIn),
                g.Sum(x => x.TransfersOut), g.Sum(x => x.Graduates)))
            .ToListAsync(ct);
        return TypedResults.Ok(new RetentionDto(county, year, Retention.Junior(year, totals), Retention.NineYear(year, totals)));
    }

    public sealed record AdmissionDto(string SchoolCode, string Name, Location Location, int Grade, int Admitted, int FromCatchment,
        decimal? Percent);

    public sealed record AdmissionNearHomeDto(string CountyCode, int Year, decimal? PrimaryPercent, decimal? JuniorPercent, AdmissionDto[] Schools);

    /// <summary>
    /// 就近划片入学 for the county's urban and town public non-boarding schools: admitted from the
    /// catchment ÷ all admitted, for grade 1 (primary) and grade 7 (junior), per school and in all.
    /// </summary>
    public static async Task<Ok<AdmissionNearHomeDto>> GetAdmissionNearHome(string county, int year, WelfareDbContext db, CancellationToken ct)
    {
        var rows = await db.EnrolmentGrades.AsNoTracking()
            .Where(g => g.CountyCode == county && g.Year == year && (g.Grade == 1 || g.Grade == 7))
            .Join(db.Schools.Where(s => !s.Boarding && s.Location != Location.Rural), g => g.SchoolCode, s => s.Code, (g, s) => new { g, s })
            .OrderBy(x => x.s.Code).ThenBy(x => x.g.Grade)
            .Select(x => new { x.s.Code, x.s.Name, x.s.Location, x.g.Grade, x.g.Admitted, x.g.AdmittedFromCatchment })
            .ToListAsync(ct);
        static decimal? Percent(int part, int all) => all == 0 ? null : Math.Round(part * 100m / all, 2, MidpointRounding.AwayFromZero);
        decimal? Level(int grade) => Percent(rows.Where(r => r.Grade == grade).Sum(r => r.AdmittedFromCatchment), rows.Where(r => r.Grade == grade).Sum(r => r.Admitted));
        return TypedResults.Ok(new AdmissionNearHomeDto(county, year, Level(1), Level(7),
            rows.Select(r => new AdmissionDto(r.Code, r.Name, r.Location, r.Grade, r.Admitted, r.AdmittedFromCatchment,
                Percent(r.AdmittedFromCatchment, r.Admitted))).ToArray()));
    }

    public sealed record MissingDto(string SchoolCode, string Name, SchoolType Type);

    /// <summary>Operating schools of the county without an enrolment return for the year.</summary>
    public static async Task<Ok<MissingDto[]>> GetMissingReturns(string county, int year, WelfareDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Schools.AsNoTracking()
            .Where(s => s.CountyCode == county && s.Status == SchoolStatus.Operating
                && !db.EnrolmentReturns.Any(r => r.SchoolCode == s.Code && r.Year == year))
            .OrderBy(s => s.Code).Select(s => new MissingDto(s.Code, s.Name, s.Type)).ToArrayAsync(ct));
}
