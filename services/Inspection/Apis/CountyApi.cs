using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.Inspection.Consumers;
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
        app.MapGet("/api/counties/{county}/submissions", Submissions).WithTags("Counties");
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

    public sealed record SubmissionDto(string Event, DateTimeOffset ReceivedAt, Actor? SubmittedBy);

    /// <summary>
    /// The latest events inspection consumed for a county, newest first, each with who submitted the
    /// figure it reports (the actor its department stamped on it): who to ask about a number.
    /// </summary>
    public static async Task<Results<Ok<SubmissionDto[]>, ValidationProblem>> Submissions(string county, string? @event, int? limit,
        InspectionDbContext db, CancellationToken ct)
    {
        if (ListLimit.Refusal(limit) is { } refusal)
        {
            return refusal;
        }
        var rows = await db.ConsumedEvents.AsNoTracking()
            .Where(e => e.CountyCode == county && (@event == null || e.Type == @event))
            .OrderByDescending(e => e.Id)
            .Take(limit ?? ListLimit.Default)
            .Select(e => new { e.Type, e.ReceivedAt, e.Actor })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new SubmissionDto(r.Type, r.ReceivedAt, Actor.FromJson(r.Actor))).ToArray());
    }

    /// <summary>
    /// Rebuilds every read model from the events inspection consumed (after a fix to how an event is
    /// applied, or a new read model); reads wait until it commits. Inspectors' verdicts, imports and
    /// evaluations are kept.
    /// </summary>
    public static async Task<Ok<RebuildOutcome>> Rebuild(ReadModelRebuilder rebuilder, CancellationToken ct) =>
        TypedResults.Ok(await rebuilder.RebuildAsync(ct));
}
