using EduPlatform.ServiceDefaults.Access;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Apis;

public static class CountyApi
{
    public static IEndpointRouteBuilder MapCountyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/counties").WithTags("Counties").MapGet("/", ListCounties);
        app.MapPost("/api/read-models/rebuild", Rebuild).WithTags("Operations").RequireAuthorization(PlatformAccess.AdminPolicy);
        app.MapGet("/api/read-models/progress", Progress).WithTags("Operations");
        return app;
    }

    public sealed record CountyDto(string Code, string Name, long Version);

    /// <summary>The counties inspection knows of, as announced by the facilities service (its registry copy).</summary>
    public static async Task<Ok<CountyDto[]>> ListCounties(InspectionDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Counties.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new CountyDto(c.Code, c.Name, c.Version)).ToArrayAsync(ct));

    /// <summary>Per county and year, totals of what the read models hold, and how many events were consumed (is inspection caught up?).</summary>
    public static async Task<Ok<ReadModelProgress>> Progress(InspectionDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ReadModelProgressQuery.ReadAsync(db, ct));

    /// <summary>
    /// Rebuilds every read model from the events inspection consumed (after a fix to how an event is
    /// applied, or a new read model); reads wait until it commits. Inspectors' verdicts, imports and
    /// evaluations are kept.
    /// </summary>
    public static async Task<Ok<RebuildOutcome>> Rebuild(ReadModelRebuilder rebuilder, CancellationToken ct) =>
        TypedResults.Ok(await rebuilder.RebuildAsync(ct));
}
