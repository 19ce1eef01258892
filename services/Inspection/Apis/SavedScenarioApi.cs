using System.Security.Claims;
using System.Text.Json;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlatform.Inspection.Apis;

/// <summary>
/// Scenarios saved under a name for a county: listed, read, re-run on the data as it is now (a newer year too), exported as
/// the JSON a PUT takes back, and deleted. Saving checks the changes apply to the year's facts, as running them would.
/// </summary>
public static class SavedScenarioApi
{
    public static IEndpointRouteBuilder MapSavedScenarioApi(this IEndpointRouteBuilder app)
    {
        var saved = app.MapGroup("/api/counties/{county}/scenarios").WithTags("Scenarios");
        saved.MapGet("", List);
        saved.MapGet("/{name}", Get);
        saved.MapGet("/{name}/export", Export).Produces<SavedScenarioDto>(StatusCodes.Status200OK, "application/json");
        saved.MapGet("/{name}/run", Run);
        saved.MapPut("/{name}", Put).RequireAuthorization(PlatformAccess.ComputePolicy).ForCountyInRoute();
        saved.MapDelete("/{name}", Delete).RequireAuthorization(PlatformAccess.ComputePolicy).ForCountyInRoute();
        return app;
    }

    /// <param name="Year">The school year whose facts the changes are checked against (and run on, unless a run names another).</param>
    /// <param name="Changes">The changes, as POST …/scenarios takes them.</param>
    public sealed record SaveScenarioRequest(int? Year, ScenarioChange?[]? Changes);

    public sealed record SavedScenarioDto(string CountyCode, string Name, int Year, ScenarioChange[] Changes, string SavedBy, DateTimeOffset SavedAt);

    public sealed record SavedScenarioSummary(string Name, int Year, int Changes, string SavedBy, DateTimeOffset SavedAt);

    /// <summary>The county's saved scenarios, by name.</summary>
    public static async Task<Results<Ok<SavedScenarioSummary[]>, ProblemHttpResult>> List(string county, InspectionDbContext db, CancellationToken ct)
    {
        if (!await db.Counties.AnyAsync(c => c.Code == county, ct))
        {
            return IndicatorApi.UnknownCounty(county);
        }
        var rows = await db.SavedScenarios.AsNoTracking().Where(s => s.CountyCode == county).OrderBy(s => s.Name).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => new SavedScenarioSummary(s.Name, s.Year, Changes(s).Length, s.SavedBy, s.SavedAt)).ToArray());
    }

    /// <summary>A saved scenario with its changes.</summary>
    public static async Task<Results<Ok<SavedScenarioDto>, ProblemHttpResult>> Get(string county, string name, InspectionDbContext db, CancellationToken ct) =>
        await FindAsync(db, county, name, ct) is { } saved ? TypedResults.Ok(ToDto(saved)) : Unknown(county, name);

    /// <summary>A saved scenario as a JSON file to keep or send: PUT it back (to any name or county it applies to) to save it again.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string county, string name, InspectionDbContext db,
        IOptions<JsonOptions> json, CancellationToken ct) =>
        await FindAsync(db, county, name, ct) is { } saved
            ? TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(ToDto(saved), json.Value.SerializerOptions), "application/json; charset=utf-8",
                $"scenario-{county}-{saved.Name}.json")
            : Unknown(county, name);

    /// <summary>
    /// Re-runs a saved scenario on the county's data as it is now, for its year or another (year=2027): the answer is POST
    /// …/scenarios's. Changes that no longer apply (a school since closed, fewer students than it moves) are a 409 naming them.
    /// </summary>
    public static async Task<Results<Ok<ScenarioApi.ScenarioResult>, ValidationProblem, ProblemHttpResult>> Run(string county, string name, int? year,
        InspectionDbContext db, Standards standards, TimeProvider clock, CancellationToken ct)
    {
        var problems = new Problems();
        if (year is { } y)
        {
            Codes.CheckYear(y, problems);
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        if (await FindAsync(db, county, name, ct) is not { } saved)
        {
            return Unknown(county, name);
        }
        var runYear = year ?? saved.Year;
        if (await CountyYearLoader.LoadAsync(db, county, runYear, standards, clock.Today(), ct) is not { } facts)
        {
            return IndicatorApi.UnknownCounty(county);
        }
        var changes = Changes(saved);
        var changed = Scenarios.Apply(facts, changes, problems);
        if (problems.Any)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(problems.ToDictionary())
            {
                Status = StatusCodes.Status409Conflict,
                Title = $"Scenario '{saved.Name}' no longer applies to county {county}'s data for {runYear}; nothing was computed.",
            });
        }
        return TypedResults.Ok(ScenarioApi.Compare(facts, changed, standards, changes.Length));
    }

    /// <summary>
    /// Saves the changes under the name (201), or replaces what was saved under it (200). They must apply to the year's facts,
    /// as a run would; a county keeps at most <see cref="SavedScenario.MaxPerCounty"/> scenarios.
    /// </summary>
    public static async Task<Results<Created<SavedScenarioDto>, Ok<SavedScenarioDto>, ValidationProblem, ProblemHttpResult>> Put(string county,
        string name, SaveScenarioRequest? request, InspectionDbContext db, Standards standards, TimeProvider clock, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var problems = new Problems();
        var key = problems.Name("", "name", name, SavedScenario.MaxName);
        if (problems.Required("", "year", request?.Year) is { } y)
        {
            Codes.CheckYear(y, problems);
        }
        if (problems.Any)
        {
            return BulkInput.Refused(problems);
        }
        var year = request!.Year!.Value;
        if (await CountyYearLoader.LoadAsync(db, county, year, standards, clock.Today(), ct) is not { } facts)
        {
            return IndicatorApi.UnknownCounty(county);
        }
        Scenarios.Apply(facts, request.Changes, problems);
        if (problems.Any)
        {
            return TypedResults.ValidationProblem(problems.ToDictionary(), title: "The scenario cannot be applied; nothing was saved.");
        }

        // One saver of a county at a time: two first saves of a name would both insert, two saves past the limit both count it.
        await using var write = await db.BeginWriteAsync(ct, $"saved-scenarios:{county}");
        var saved = await db.SavedScenarios.FindAsync([county, key!], ct);
        if (saved is null)
        {
            if (await db.SavedScenarios.CountAsync(s => s.CountyCode == county, ct) >= SavedScenario.MaxPerCounty)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many saved scenarios",
                    detail: $"County {county} keeps at most {SavedScenario.MaxPerCounty} saved scenarios; delete one first. Nothing was saved.");
            }
            saved = new SavedScenario { CountyCode = county, Name = key!, Changes = "[]", SavedBy = "" };
            db.SavedScenarios.Add(saved);
        }
        var created = db.Entry(saved).State == EntityState.Added;
        (saved.Year, saved.SavedBy, saved.SavedAt) = (year, Caller.SubjectOf(user), clock.GetUtcNow());
        saved.Changes = JsonSerializer.Serialize(request.Changes!, StoredJson);
        await write.CommitAsync(ct);
        var dto = ToDto(saved);
        return created ? TypedResults.Created($"/api/counties/{county}/scenarios/{Uri.EscapeDataString(saved.Name)}", dto) : TypedResults.Ok(dto);
    }

    /// <summary>Deletes a saved scenario (204); an unknown name is a 404.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string county, string name, InspectionDbContext db, CancellationToken ct)
    {
        var key = Key(name);
        return await db.SavedScenarios.Where(s => s.CountyCode == county && s.Name == key).ExecuteDeleteAsync(ct) > 0
            ? TypedResults.NoContent()
            : Unknown(county, name);
    }

    private static Task<SavedScenario?> FindAsync(InspectionDbContext db, string county, string name, CancellationToken ct)
    {
        var key = Key(name);
        return db.SavedScenarios.AsNoTracking().SingleOrDefaultAsync(s => s.CountyCode == county && s.Name == key, ct);
    }

    /// <summary>A name as it is stored (trimmed of spaces and invisible characters), so a lookup finds what a save stored.</summary>
    private static string Key(string name) => new Problems().Name("", "name", name, SavedScenario.MaxName) ?? name;

    private static ProblemHttpResult Unknown(string county, string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown scenario",
            detail: $"County {county} has no scenario saved as '{name}'.");

    // The stored changes are written and read with the same options (ScenarioChange holds strings and numbers only).
    private static ScenarioChange[] Changes(SavedScenario saved) => JsonSerializer.Deserialize<ScenarioChange[]>(saved.Changes, StoredJson)!;

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    private static SavedScenarioDto ToDto(SavedScenario s) => new(s.CountyCode, s.Name, s.Year, Changes(s), s.SavedBy, s.SavedAt);
}
