using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlatform.Facilities.Apis;

/// <summary>
/// Annual facility returns, classes and boarding logistics: a county's whole year in one request
/// (JSON, or a CSV upload per part), or one school's part as a clerk edits it. Either way the same
/// rules apply and a request is stored whole or not at all.
/// </summary>
public static class SubmissionApi
{
    public static IEndpointRouteBuilder MapSubmissionApi(this IEndpointRouteBuilder app)
    {
        var county = app.MapGroup("/api/counties/{county}/years/{year:int}").WithTags("Annual submissions").ForCountyInRoute();
        county.MapPut("/submission", PutSubmission).AcceptsBulkUpload();
        county.MapPut("/facility-returns", PutFacilityReturns).AcceptsRows<FacilityReturnRow>();
        county.MapPut("/classes", PutClasses).AcceptsRows<ClassRow>();
        county.MapPut("/boarding-logistics", PutBoardingLogistics).AcceptsRows<BoardingLogisticsRow>();
        county.MapGet("/large-classes", GetLargeClasses).WithTags("Planner queries");
        county.MapGet("/missing-returns", GetMissingReturns).WithTags("Planner queries");

        var school = app.MapGroup("/api/schools/{code}/years/{year:int}").WithTags("Annual submissions").ForSchoolInRoute();
        school.MapGet("/", GetSchoolYear);
        school.MapPut("/facility-return", PutSchoolReturn);
        school.MapPut("/classes", PutSchoolClasses);
        school.MapPut("/boarding-logistics", PutSchoolBoarding);
        return app;
    }

    public sealed record AnnualSubmission(FacilityReturnRow[]? FacilityReturns, ClassRow[]? Classes, BoardingLogisticsRow[]? BoardingLogistics);

    /// <summary>A county's whole annual submission as one JSON document; any part may be left out.</summary>
    public static async Task<Results<Ok<SubmissionOutcome>, ValidationProblem>> PutSubmission(string county, int year,
        AnnualSubmission submission, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct) =>
        Answer(await SubmitAsync(county, year, new SubmissionRows(
            BulkInput.Locate(submission.FacilityReturns, "facilityReturns"),
            BulkInput.Locate(submission.Classes, "classes"),
            BulkInput.Locate(submission.BoardingLogistics, "boardingLogistics")), db, writer, ct));

    /// <summary>Facility returns of a county's schools for the year (JSON array or CSV; room areas as "96;100").</summary>
    public static async Task<Results<Ok<SubmissionOutcome>, ValidationProblem>> PutFacilityReturns(string county, int year,
        HttpRequest request, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct)
    {
        var (rows, unreadable) = await BulkInput.ReadAsync<FacilityReturnRow>(request, "facilityReturns", ct);
        return unreadable.Any ? BulkInput.Refused(unreadable)
            : Answer(await SubmitAsync(county, year, new SubmissionRows(rows, [], []), db, writer, ct));
    }

    /// <summary>
    /// Classes of a county's schools for the year (columns schoolCode, grade, number, students). Each
    /// school listed gets exactly the classes listed: its earlier list for the year is replaced.
    /// </summary>
    public static async Task<Results<Ok<SubmissionOutcome>, ValidationProblem>> PutClasses(string county, int year,
        HttpRequest request, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct)
    {
        var (rows, unreadable) = await BulkInput.ReadAsync<ClassRow>(request, "classes", ct);
        return unreadable.Any ? BulkInput.Refused(unreadable)
            : Answer(await SubmitAsync(county, year, new SubmissionRows([], rows, []), db, writer, ct));
    }

    /// <summary>A county's boarding schools' logistics for the year (canteen, dormitory, drinking water, bathing, toilets, waste), as JSON or CSV.</summary>
    public static async Task<Results<Ok<SubmissionOutcome>, ValidationProblem>> PutBoardingLogistics(string county, int year,
        HttpRequest request, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct)
    {
        var (rows, unreadable) = await BulkInput.ReadAsync<BoardingLogisticsRow>(request, "boardingLogistics", ct);
        return unreadable.Any ? BulkInput.Refused(unreadable)
            : Answer(await SubmitAsync(county, year, new SubmissionRows([], [], rows), db, writer, ct));
    }

    private static Results<Ok<SubmissionOutcome>, ValidationProblem> Answer((SubmissionOutcome? Outcome, Problems Problems) result) =>
        BulkInput.Answer(result.Outcome, result.Problems);

    /// <summary>Checks the county and year, then writes the rows: the outcome, or null and every fault.</summary>
    private static async Task<(SubmissionOutcome? Outcome, Problems Problems)> SubmitAsync(string county, int year,
        SubmissionRows rows, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct)
    {
        var problems = await Counties.CheckCountyAsync(county, db, ct);
        Codes.CheckYear(year, problems);
        if (rows.Returns.Count + rows.Classes.Count + rows.Boarding.Count == 0)
        {
            problems.Error("", "body", "Nothing was submitted.");
        }
        return problems.Any ? (null, problems) : await writer.WriteAsync(county, year, rows, ct);
    }

    // ---- one school, as a clerk edits it ----

    public sealed record SchoolReturnRequest(FacilityReturnRow[]? Sections);
    public sealed record SchoolClassesRequest(ClassRow[]? Classes);

    /// <summary>One school's facility return for the year: one entry per section (both for a through-train school).</summary>
    public static Task<Results<Ok<SubmissionOutcome>, ValidationProblem, NotFound, ProblemHttpResult>> PutSchoolReturn(
        string code, int year, SchoolReturnRequest request, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct) =>
        WriteForSchoolAsync(code, year, new SubmissionRows(
            BulkInput.Locate(request.Sections?.Select(s => s with { SchoolCode = s.SchoolCode ?? code }), "sections"), [], []),
            db, writer, ct);

    /// <summary>One school's whole class list for the year (it replaces the earlier list).</summary>
    public static Task<Results<Ok<SubmissionOutcome>, ValidationProblem, NotFound, ProblemHttpResult>> PutSchoolClasses(
        string code, int year, SchoolClassesRequest request, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct) =>
        WriteForSchoolAsync(code, year, new SubmissionRows([],
            BulkInput.Locate(request.Classes?.Select(c => c with { SchoolCode = c.SchoolCode ?? code }), "classes"), []),
            db, writer, ct);

    /// <summary>One boarding school's logistics for the year.</summary>
    public static Task<Results<Ok<SubmissionOutcome>, ValidationProblem, NotFound, ProblemHttpResult>> PutSchoolBoarding(
        string code, int year, BoardingLogisticsRow request, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct) =>
        WriteForSchoolAsync(code, year, new SubmissionRows([], [],
            [new Located<BoardingLogisticsRow>("", request with { SchoolCode = request.SchoolCode ?? code })]), db, writer, ct);

    private static async Task<Results<Ok<SubmissionOutcome>, ValidationProblem, NotFound, ProblemHttpResult>> WriteForSchoolAsync(
        string code, int year, SubmissionRows rows, FacilitiesDbContext db, SubmissionWriter writer, CancellationToken ct)
    {
        var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (school is null)
        {
            return TypedResults.NotFound();
        }
        if (school.Status == SchoolStatus.Closed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The school is closed",
                detail: $"School {code} ({school.Name}) is closed; a closed school files no return.");
        }
        var mismatch = rows.Returns.Select(r => (r.Where, r.Row.SchoolCode)).Concat(rows.Classes.Select(c => (c.Where, c.Row.SchoolCode)))
            .Concat(rows.Boarding.Select(b => (b.Where, b.Row.SchoolCode))).Where(r => r.SchoolCode != code).ToList();
        if (mismatch.Count > 0)
        {
            var problems = new Problems();
            mismatch.ForEach(m => problems.Error(m.Where, "schoolCode", $"This request is for school {code}."));
            return BulkInput.Refused(problems);
        }
        var (outcome, faults) = await SubmitAsync(school.CountyCode, year, rows, db, writer, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    public sealed record ClassDto(int Grade, int Number, int Students);
    public sealed record SchoolYearDto(string SchoolCode, int Year, FacilityReturnDto[] FacilityReturns, ClassDto[] Classes,
        BoardingLogisticsDto? BoardingLogistics);
    public sealed record FacilityReturnDto(Section Section, int Revision, DateTimeOffset FirstSubmittedAt, DateTimeOffset SubmittedAt,
        FacilityFigures Figures);
    public sealed record BoardingLogisticsDto(int Revision, DateTimeOffset SubmittedAt, bool Canteen, bool Dormitory,
        bool DrinkingWater, bool Bathing, bool Toilets, bool WasteHandling, bool MeetsStandard);

    /// <summary>What a school has filed for the year.</summary>
    public static async Task<Results<Ok<SchoolYearDto>, NotFound>> GetSchoolYear(string code, int year, FacilitiesDbContext db, CancellationToken ct)
    {
        if (!await db.Schools.AnyAsync(s => s.Code == code, ct))
        {
            return TypedResults.NotFound();
        }
        var returns = await db.FacilityReturns.AsNoTracking().Where(r => r.SchoolCode == code && r.Year == year)
            .OrderBy(r => r.Section).ToListAsync(ct);
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolCode == code && c.Year == year)
            .OrderBy(c => c.Grade).ThenBy(c => c.Number).Select(c => new ClassDto(c.Grade, c.Number, c.Students)).ToArrayAsync(ct);
        var boarding = await db.BoardingLogistics.AsNoTracking().SingleOrDefaultAsync(b => b.SchoolCode == code && b.Year == year, ct);
        return TypedResults.Ok(new SchoolYearDto(code, year,
            returns.Select(r => new FacilityReturnDto(r.Section, r.Revision, r.FirstSubmittedAt, r.SubmittedAt, r.Figures)).ToArray(),
            classes,
            boarding is null ? null : new BoardingLogisticsDto(boarding.Revision, boarding.SubmittedAt, boarding.Canteen, boarding.Dormitory,
                boarding.DrinkingWater, boarding.Bathing, boarding.Toilets, boarding.WasteHandling, boarding.MeetsStandard)));
    }

    // ---- planner queries ----

    public sealed record LargeClassDto(string SchoolCode, string SchoolName, Location Location, int Grade, int Number, int Students,
        int Limit);
    public sealed record LargeClassesDto(string CountyCode, int Year, int MinStudents, int Classes, int OverLimit, int Large,
        int SuperLarge, LargeClassDto[] Listed);

    /// <summary>
    /// The county's classes of at least <paramref name="minStudents"/> (default 56, 大班额), largest first,
    /// with the counts the plan tracks: over the class-size limit (45 primary / 50 junior), 大班额 (≥ 56),
    /// 超大班额 (≥ 66), out of all classes.
    /// </summary>
    public static async Task<Ok<LargeClassesDto>> GetLargeClasses(string county, int year, int? minStudents, FacilitiesDbContext db,
        IOptions<SubmissionLimits> options, CancellationToken ct)
    {
        var limits = options.Value;
        var (primary, junior, large, superLarge) = (limits.PrimaryClassLimit, limits.JuniorClassLimit, limits.LargeClass, limits.SuperLargeClass);
        var min = minStudents ?? large;
        var classes = db.Classes.AsNoTracking().Where(c => c.Year == year)
            .Join(db.Schools.Where(s => s.CountyCode == county), c => c.SchoolCode, s => s.Code, (c, s) => new { c, s });
        var counts = await classes.GroupBy(_ => 1).Select(g => new
        {
            All = g.Count(),
            OverLimit = g.Count(x => x.c.Students > (x.c.Grade <= 6 ? primary : junior)),
            Large = g.Count(x => x.c.Students >= large),
            SuperLarge = g.Count(x => x.c.Students >= superLarge),
        }).SingleOrDefaultAsync(ct);
        var listed = await classes.Where(x => x.c.Students >= min)
            .OrderByDescending(x => x.c.Students).ThenBy(x => x.s.Code).ThenBy(x => x.c.Grade).ThenBy(x => x.c.Number)
            .Select(x => new LargeClassDto(x.s.Code, x.s.Name, x.s.Location, x.c.Grade, x.c.Number, x.c.Students, x.c.Grade <= 6 ? primary : junior))
            .ToArrayAsync(ct);
        return TypedResults.Ok(new LargeClassesDto(county, year, min, counts?.All ?? 0, counts?.OverLimit ?? 0, counts?.Large ?? 0,
            counts?.SuperLarge ?? 0, listed));
    }

    public sealed record MissingDto(string SchoolCode, string Name, SchoolType Type, string[] Missing);

    /// <summary>Operating schools of the county that have not filed every part due for the year.</summary>
    public static async Task<Ok<MissingDto[]>> GetMissingReturns(string county, int year, FacilitiesDbContext db, CancellationToken ct)
    {
        var schools = await db.Schools.AsNoTracking().Where(s => s.CountyCode == county && s.Status == SchoolStatus.Operating)
            .OrderBy(s => s.Code).ToListAsync(ct);
        var codes = schools.Select(s => s.Code).ToList();
        var returns = (await db.FacilityReturns.AsNoTracking().Where(r => r.Year == year && codes.Contains(r.SchoolCode))
            .Select(r => new { r.SchoolCode, r.Section }).ToListAsync(ct)).ToLookup(r => r.SchoolCode, r => r.Section);
        var withClasses = (await db.ClassLists.AsNoTracking().Where(l => l.Year == year && codes.Contains(l.SchoolCode))
            .Select(l => l.SchoolCode).Distinct().ToListAsync(ct)).ToHashSet();
        var withLogistics = (await db.BoardingLogistics.AsNoTracking().Where(b => b.Year == year && codes.Contains(b.SchoolCode))
            .Select(b => b.SchoolCode).ToListAsync(ct)).ToHashSet();
        var missing = new List<MissingDto>();
        foreach (var s in schools)
        {
            var due = SchoolTypes.RequiredSections(s.Type);
            var parts = due.Except(returns[s.Code]).Select(sec => $"facility-return:{Problems.KebabCase(sec)}").ToList();
            if (due.Length == 0 && !returns[s.Code].Any())
            {
                parts.Add("facility-return");
            }
            if (!withClasses.Contains(s.Code))
            {
                parts.Add("classes");
            }
            if (s.Boarding && !withLogistics.Contains(s.Code))
            {
                parts.Add("boarding-logistics");
            }
            if (parts.Count > 0)
            {
                missing.Add(new MissingDto(s.Code, s.Name, s.Type, parts.ToArray()));
            }
        }
        return TypedResults.Ok(missing.ToArray());
    }
}
