using System.ComponentModel.DataAnnotations;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EduPlatform.Inspection.Apis;

public static class EvaluationApi
{
    private const string ListCacheKey = "inspection:evaluations";

    public static IEndpointRouteBuilder MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var evaluations = app.MapGroup("/api/evaluations").WithTags("Evaluations");
        evaluations.MapGet("/", ListEvaluations);
        evaluations.MapPost("/", OpenEvaluation);
        return app;
    }

    public sealed record EvaluationDto(Guid Id, string Kind, int SchoolYear, DateOnly AsOf, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

    /// <param name="Kind">"mid-term" or "final".</param>
    /// <param name="SchoolYear">The school year by its starting year (2026 = 2026–2027).</param>
    /// <param name="AsOf">Data known on this date counts.</param>
    public sealed record OpenEvaluationRequest(
        [property: Required, RegularExpression("^(mid-term|final)$", ErrorMessage = "Kind is \"mid-term\" or \"final\".")] string Kind,
        [property: Range(Codes.FirstYear, Codes.LastYear)] int SchoolYear,
        DateOnly AsOf);

    public static async Task<Ok<EvaluationDto[]>> ListEvaluations(InspectionDbContext db, EvaluationCache cache, CancellationToken ct) =>
        TypedResults.Ok(await cache.GetOrLoadAsync(ListCacheKey, token => db.EvaluationRounds.AsNoTracking()
            .OrderBy(r => r.SchoolYear).ThenBy(r => r.Kind)
            .Select(r => new EvaluationDto(r.Id, r.Kind == EvaluationKind.MidTerm ? "mid-term" : "final",
                r.SchoolYear, r.AsOf, r.OpenedAt, r.ClosedAt))
            .ToArrayAsync(token), ct));

    public static async Task<Results<Created<EvaluationDto>, ProblemHttpResult>> OpenEvaluation(
        OpenEvaluationRequest request, InspectionDbContext db, EvaluationCache cache, TimeProvider clock, CancellationToken ct)
    {
        var round = new EvaluationRound
        {
            Id = Guid.CreateVersion7(),
            Kind = request.Kind == "final" ? EvaluationKind.Final : EvaluationKind.MidTerm,
            SchoolYear = request.SchoolYear,
            AsOf = request.AsOf,
            OpenedAt = clock.GetUtcNow(),
        };
        db.EvaluationRounds.Add(round);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Evaluation already exists",
                detail: $"A {request.Kind} evaluation of school year {request.SchoolYear} has already been opened.");
        }
        await cache.InvalidateAsync(ListCacheKey);
        var dto = new EvaluationDto(round.Id, request.Kind, round.SchoolYear, round.AsOf, round.OpenedAt, round.ClosedAt);
        return TypedResults.Created($"/api/evaluations/{round.Id}", dto);
    }
}
