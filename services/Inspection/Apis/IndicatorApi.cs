using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.WebApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EduPlatform.Inspection.Apis;

/// <summary>What inspectors read: scorecards, the city ranking, the indicator families, a school's drill-down, data quality.</summary>
public static class IndicatorApi
{
    public static IEndpointRouteBuilder MapIndicatorApi(this IEndpointRouteBuilder app)
    {
        var county = app.MapGroup("/api/counties/{county}/years/{year:int}").WithTags("Scorecards").AddEndpointFilter(CheckYear);
        county.MapGet("/scorecard", GetScorecard).Produces<Scorecard>(StatusCodes.Status200OK, "application/json");
        county.MapGet("/scorecard.csv", GetScorecardCsv).Produces<byte[]>(StatusCodes.Status200OK, "text/csv");
        county.MapGet("/resource-allocation", GetResourceAllocation);
        county.MapGet("/government-guarantee", GetGovernmentGuarantee);
        county.MapGet("/data-quality", GetDataQuality);
        county.MapGet("/schools/{school}", GetSchool);
        app.MapGet("/api/years/{year:int}/scorecards", GetCity).WithTags("Scorecards").AddEndpointFilter(CheckYear)
            .Produces<CityRanking>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    /// <summary>A school year outside the registry's range is a 400 naming <c>year</c>, not an empty scorecard (or a cached one).</summary>
    internal static async ValueTask<object?> CheckYear(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var problems = new Problems();
        if (int.TryParse(context.HttpContext.GetRouteValue("year")?.ToString(), out var year))
        {
            Codes.CheckYear(year, problems);
        }
        return problems.Any ? BulkInput.Refused(problems) : await next(context);
    }

    internal static ProblemHttpResult UnknownCounty(string county) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown county",
            detail: $"County {county} is not in the registry (facilities announces counties).");

    /// <summary>
    /// The county's scorecard: every indicator grouped as in the standard (资源配置 per level, 政府保障程度,
    /// 教育质量, 社会认可度) and the plan's targets, each with value, threshold, status, schools at fault and
    /// inputs; the overall verdict (met only when every counted item is met; SR1 is a veto); and the data
    /// quality faults it rests on. Served from Redis, refreshed when a department's event changes the county.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetScorecard(string county, int year, ScorecardService scorecards,
        CancellationToken ct) =>
        await scorecards.GetJsonAsync(county, year, ct) is { } json ? Json(json) : UnknownCounty(county);

    // The cached bytes go out as they are: no parsing and re-serialising on the hot path.
    private static FileContentHttpResult Json(byte[] json) => TypedResults.Bytes(json, "application/json; charset=utf-8");

    /// <summary>The scorecard as CSV (UTF-8 with BOM, for spreadsheets): one line per indicator and level.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetScorecardCsv(string county, int year, ScorecardService scorecards,
        CancellationToken ct) =>
        await scorecards.GetAsync(county, year, ct) is { } card
            ? TypedResults.File(ScorecardCsv.Write([(card, null)]), "text/csv; charset=utf-8", $"scorecard-{county}-{year}.csv")
            : UnknownCounty(county);

    /// <summary>Every county of the city for the school year, ranked (passing counties first, then by items failed and balance).</summary>
    public static async Task<FileContentHttpResult> GetCity(int year, ScorecardService scorecards, CancellationToken ct) =>
        Json(await scorecards.GetCityJsonAsync(year, ct));

    /// <param name="Locations">Each school's location (城区 / 镇区 / 乡村), so a chart can show where the imbalance lies.</param>
    public sealed record ResourceAllocationDto(string CountyCode, int Year, string Standard, ResourceResult Primary, ResourceResult Junior,
        SchoolSection[] Inputs, IReadOnlyDictionary<string, Location> Locations);

    /// <summary>
    /// 资源配置 RA1–RA7 for the county and school year, per level: each school's values and verdict, each
    /// indicator's enrolment-weighted CV (with the schools that pull it up most), the 2012 baseline, and
    /// every input, so an inspector can redo any figure by hand.
    /// </summary>
    public static async Task<Results<Ok<ResourceAllocationDto>, ProblemHttpResult>> GetResourceAllocation(string county, int year,
        InspectionDbContext db, Standards standards, TimeProvider clock, CancellationToken ct)
    {
        if (await CountyYearLoader.LoadAsync(db, county, year, standards, clock.Today(), ct) is not { } facts)
        {
            return UnknownCounty(county);
        }
        return TypedResults.Ok(new ResourceAllocationDto(county, year, standards.Name,
            ResourceIndicators.Evaluate(Section.Primary, facts.Sections, standards.Resources),
            ResourceIndicators.Evaluate(Section.Junior, facts.Sections, standards.Resources), [.. facts.Sections],
            facts.Schools.ToDictionary(s => s.Code, s => s.Location)));
    }

    public sealed record GuaranteeDto(string CountyCode, int Year, IndicatorResult[] Indicators, SchoolFacts[] Schools);

    /// <summary>
    /// The data-based 政府保障程度 items (GG3–GG8, GG11–GG15) and EQ2 with the facts of every school; the
    /// scorecard adds GG9 and the evidence items (GG1, GG2, GG10) judged by inspectors.
    /// </summary>
    public static async Task<Results<Ok<GuaranteeDto>, ProblemHttpResult>> GetGovernmentGuarantee(string county, int year, InspectionDbContext db,
        Standards standards, TimeProvider clock, CancellationToken ct)
    {
        if (await CountyYearLoader.LoadAsync(db, county, year, standards, clock.Today(), ct) is not { } facts)
        {
            return UnknownCounty(county);
        }
        return TypedResults.Ok(new GuaranteeDto(county, year,
            [.. GuaranteeIndicators.Evaluate(facts.Schools, facts.Teachers, facts.County, standards.Guarantee)], [.. facts.Schools]));
    }

    public sealed record DataQualityDto(string CountyCode, int Year, int Schools, int SchoolsWithIssues, DataQualityIssue[] Issues);

    /// <summary>Schools missing a return, sections without students or teachers, and implausible per-student values.</summary>
    public static async Task<Results<Ok<DataQualityDto>, ProblemHttpResult>> GetDataQuality(string county, int year, InspectionDbContext db,
        Standards standards, TimeProvider clock, CancellationToken ct)
    {
        if (await CountyYearLoader.LoadAsync(db, county, year, standards, clock.Today(), ct) is not { } facts)
        {
            return UnknownCounty(county);
        }
        var issues = Scorecards.DataQuality(facts, standards.Resources).ToArray();
        return TypedResults.Ok(new DataQualityDto(county, year, facts.Schools.Count, issues.Select(i => i.SchoolCode).Distinct().Count(), issues));
    }

    /// <param name="Thresholds">Each resource value's threshold for the school's sections, and the share of it the one value allowed below must reach.</param>
    public sealed record SchoolDrillDown(string SchoolCode, string CountyCode, int Year, SchoolFacts Facts, SchoolSection[] Sections,
        SchoolResourceResult[] ResourceValues, string[] AtFaultIn, DataQualityIssue[] DataQuality, ResourceThreshold[] Thresholds);

    public sealed record ResourceThreshold(Section Level, string Code, string Name, decimal Threshold, decimal RemainderShare);

    /// <summary>
    /// One school's values behind the scorecard: its sections' inputs, its seven resource values per level and verdict, the
    /// items it is at fault in. Only the school's own rows are read (a school's resource values do not depend on the other
    /// schools'); where it is at fault and its data-quality issues come from the county's scorecard as inspectors see it.
    /// </summary>
    public static async Task<Results<Ok<SchoolDrillDown>, ProblemHttpResult>> GetSchool(string county, int year, string school,
        InspectionDbContext db, ScorecardService scorecards, Standards standards, CancellationToken ct)
    {
        if (await scorecards.GetAsync(county, year, ct) is not { } card)
        {
            return UnknownCounty(county);
        }
        var rows = await SchoolRows.ReadSchoolAsync(db, county, school, year, ct);
        // Compared again here: the database compares codes as char(10), where "1306810001 " is the same school.
        if (rows.GuaranteeFacts() is not [var schoolFacts] || schoolFacts.Code != school)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown school",
                detail: $"School {school} is not an operating school of county {county}.");
        }
        var sections = rows.Sections();
        var resources = new[] { Section.Primary, Section.Junior }
            .SelectMany(level => ResourceIndicators.Evaluate(level, sections, standards.Resources).SchoolResults).ToArray();
        return TypedResults.Ok(new SchoolDrillDown(school, county, year, schoolFacts, [.. sections], resources,
            [.. card.Groups.SelectMany(g => g.Lines).Where(l => l.SchoolsAtFault.Contains(school))
                .Select(l => l.Level is { } level ? $"{l.Code} ({Problems.KebabCase(level)})" : l.Code)],
            [.. card.DataQuality.Where(i => i.SchoolCode == school)],
            [.. resources.Select(r => r.Level).Distinct().SelectMany(level => ResourceIndicators.Definitions.Select(d =>
                new ResourceThreshold(level, d.Code, d.Name, standards.Resources.Threshold(d.Code, level), standards.Resources.RemainderShare)))]));
    }
}
