using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Apis;

/// <summary>The school registry that every other department follows.</summary>
public static class SchoolApi
{
    public static IEndpointRouteBuilder MapSchoolApi(this IEndpointRouteBuilder app)
    {
        var schools = app.MapGroup("/api/schools").WithTags("School registry");
        schools.MapGet("/", ListSchools);
        schools.MapGet("/{code}", GetSchool);
        schools.MapPut("/{code}", PutSchool).ForCounty(CountyOfPutSchool);
        schools.MapGet("/{code}/history", GetHistory);
        app.MapPost("/api/registry/announcements", AnnounceRegistry).WithTags("School registry");
        app.MapPut("/api/counties/{county}/schools", PutCountySchools).WithTags("School registry").ForCountyInRoute()
            .AcceptsRows<SchoolRow>();
        return app;
    }

    /// <summary>A school's county, or a new school's; moving one between counties is for the city level.</summary>
    private static async ValueTask<string?> CountyOfPutSchool(EndpointFilterInvocationContext context) =>
        CountyScopeExtensions.Between(
            await CountyScopeExtensions.CountyOfSchoolAsync(context.HttpContext, context.GetArgument<string>(0)),
            context.Arguments.OfType<PutSchoolRequest>().FirstOrDefault()?.CountyCode);

    public sealed record SchoolDto(string Code, string CountyCode, string Name, Location Location, SchoolType Type,
        bool Boarding, SchoolStatus Status, long Version, DateTimeOffset UpdatedAt);

    public sealed record PutSchoolRequest(string? CountyCode, string? Name, string? Location, string? Type, bool? Boarding);

    /// <summary>The school registry, optionally one county's or schools of one status.</summary>
    public static async Task<Ok<SchoolDto[]>> ListSchools(string? county, SchoolStatus? status, FacilitiesDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Schools.AsNoTracking()
            .Where(s => county == null || s.CountyCode == county)
            .Where(s => status == null || s.Status == status)
            .OrderBy(s => s.Code)
            .Select(s => new SchoolDto(s.Code, s.CountyCode, s.Name, s.Location, s.Type, s.Boarding, s.Status, s.Version, s.UpdatedAt))
            .ToArrayAsync(ct));

    /// <summary>One school of the registry.</summary>
    public static async Task<Results<Ok<SchoolDto>, NotFound>> GetSchool(string code, FacilitiesDbContext db, CancellationToken ct) =>
        await db.Schools.AsNoTracking().Where(s => s.Code == code)
            .Select(s => new SchoolDto(s.Code, s.CountyCode, s.Name, s.Location, s.Type, s.Boarding, s.Status, s.Version, s.UpdatedAt))
            .SingleOrDefaultAsync(ct) is { } school ? TypedResults.Ok(school) : TypedResults.NotFound();

    /// <summary>
    /// Registers a school or corrects its profile (name, location, type, boarding). Its status changes
    /// only through a closure or restoration procedure. Repeating the same request changes nothing.
    /// </summary>
    public static async Task<Results<Ok<RegistryOutcome>, ValidationProblem>> PutSchool(
        string code, PutSchoolRequest request, FacilitiesDbContext db, RegistryWriter writer, CancellationToken ct)
    {
        var countyCode = request.CountyCode?.Trim() ?? "";
        var problems = await Counties.CheckCountyAsync(countyCode, db, ct, field: "countyCode");
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var row = new Located<SchoolRow>("", new SchoolRow(code, request.Name, request.Location, request.Type, request.Boarding));
        var (outcome, faults) = await writer.WriteAsync(countyCode, [row], ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    /// <summary>
    /// A county's registry in one request: a JSON array of schools or a CSV upload (columns code, name,
    /// location, type, boarding; location and type as in the API or in Chinese: 乡村, 九年一贯制).
    /// Schools not listed are left as they are.
    /// </summary>
    public static async Task<Results<Ok<RegistryOutcome>, ValidationProblem>> PutCountySchools(
        string county, HttpRequest request, FacilitiesDbContext db, RegistryWriter writer, CancellationToken ct)
    {
        var problems = await Counties.CheckCountyAsync(county, db, ct);
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var (rows, unreadable) = await BulkInput.ReadAsync<SchoolRow>(request, "schools", ct);
        if (unreadable.Any)
        {
            return BulkInput.Refused(unreadable);
        }
        var (outcome, faults) = await writer.WriteAsync(county, rows, ct);
        return outcome is null ? BulkInput.Refused(faults) : TypedResults.Ok(outcome);
    }

    public sealed record AnnouncementOutcome(int Counties, int Schools);

    /// <summary>
    /// Announces every county and school again, as they are now (same versions). For a service that
    /// starts following the registry late: its copy fills in; copies already current ignore the repeat.
    /// </summary>
    public static async Task<Accepted<AnnouncementOutcome>> AnnounceRegistry(FacilitiesDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var counties = await db.Counties.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        foreach (var c in counties)
        {
            db.AddEvent(new CountyRecorded(c.Code, c.Name, c.Version, c.UpdatedAt), clock);
        }
        foreach (var s in schools)
        {
            db.AddEvent(s.Announcement(), clock);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted("/api/schools", new AnnouncementOutcome(counties.Count, schools.Count));
    }

    public sealed record HistoryEntry(long Version, DateTimeOffset ChangedAt, string Reason, string Name, Location Location,
        SchoolType Type, bool Boarding, SchoolStatus Status);

    public sealed record YearEntry(int Year, Section Section, int? ReturnRevision, DateTimeOffset? ReturnSubmittedAt,
        int Classes, int Students, int LargestClass);

    public sealed record SchoolHistoryDto(SchoolDto School, HistoryEntry[] Registry, YearEntry[] Years, ProcedureApi.ProcedureDto[] Procedures);

    /// <summary>A school's history: every registry version, each year's return and classes, its procedures.</summary>
    public static async Task<Results<Ok<SchoolHistoryDto>, NotFound>> GetHistory(string code, FacilitiesDbContext db, CancellationToken ct)
    {
        if ((await GetSchool(code, db, ct)).Result is not Ok<SchoolDto> { Value: { } school })
        {
            return TypedResults.NotFound();
        }
        var registry = await db.SchoolHistory.AsNoTracking().Where(h => h.SchoolCode == code).OrderBy(h => h.Version)
            .Select(h => new HistoryEntry(h.Version, h.ChangedAt, h.Reason, h.Name, h.Location, h.Type, h.Boarding, h.Status))
            .ToArrayAsync(ct);
        var returns = await db.FacilityReturns.AsNoTracking().Where(r => r.SchoolCode == code)
            .Select(r => new { r.Year, r.Section, r.Revision, r.SubmittedAt }).ToListAsync(ct);
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolCode == code)
            .GroupBy(c => new { c.Year, Junior = c.Grade > 6 })
            .Select(g => new { g.Key.Year, g.Key.Junior, Count = g.Count(), Students = g.Sum(c => c.Students), Largest = g.Max(c => c.Students) })
            .ToListAsync(ct);
        var years = returns.Select(r => (r.Year, r.Section))
            .Union(classes.Select(c => (c.Year, c.Junior ? Section.Junior : Section.Primary)))
            .OrderByDescending(k => k.Year).ThenBy(k => k.Item2)
            .Select(k =>
            {
                var r = returns.FirstOrDefault(x => x.Year == k.Year && x.Section == k.Item2);
                var c = classes.FirstOrDefault(x => x.Year == k.Year && (x.Junior ? Section.Junior : Section.Primary) == k.Item2);
                return new YearEntry(k.Year, k.Item2, r?.Revision, r?.SubmittedAt, c?.Count ?? 0, c?.Students ?? 0, c?.Largest ?? 0);
            }).ToArray();
        var procedures = await db.Procedures.AsNoTracking().Where(p => p.SchoolCode == code).OrderBy(p => p.OpenedAt).ToListAsync(ct);
        return TypedResults.Ok(new SchoolHistoryDto(school, registry, years, procedures.Select(ProcedureApi.ToDto).ToArray()));
    }
}
