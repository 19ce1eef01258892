using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EduPlatform.Inspection.Apis;

public static class EvaluationApi
{
    public const string ListCacheKey = "inspection:evaluations";

    public static IEndpointRouteBuilder MapEvaluationApi(this IEndpointRouteBuilder app)
    {
        var evaluations = app.MapGroup("/api/evaluations").WithTags("Evaluations");
        evaluations.MapGet("/", ListEvaluations);
        evaluations.MapPost("/", OpenEvaluation).RequireAuthorization(PlatformAccess.AdminPolicy);
        evaluations.MapPost("/{id:guid}/close", CloseEvaluation).RequireAuthorization(PlatformAccess.AdminPolicy);
        evaluations.MapGet("/{id:guid}", GetEvaluation);
        evaluations.MapGet("/{id:guid}/counties/{county}", GetCountySnapshot);
        evaluations.MapGet("/{id:guid}/export.csv", ExportEvaluation).Produces<byte[]>(StatusCodes.Status200OK, "text/csv");
        return app;
    }

    /// <param name="Status">"open", "closing" (its counties' scorecards are being frozen) or "closed".</param>
    /// <param name="ClosingSince">When closing was asked for.</param>
    public sealed record EvaluationDto(Guid Id, string Kind, int SchoolYear, DateOnly AsOf, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
        string Status, DateTimeOffset? ClosingSince);

    /// <param name="Kind">"mid-term" or "final".</param>
    /// <param name="SchoolYear">The school year by its starting year (2026 = 2026–2027).</param>
    /// <param name="AsOf">Data known on this date counts.</param>
    public sealed record OpenEvaluationRequest(
        [property: Required, RegularExpression("^(mid-term|final)$", ErrorMessage = "Kind is \"mid-term\" or \"final\".")] string Kind,
        [property: Range(Codes.FirstYear, Codes.LastYear)] int SchoolYear,
        DateOnly AsOf);

    private static EvaluationDto Dto(EvaluationRound r) =>
        new(r.Id, r.Kind == EvaluationKind.MidTerm ? "mid-term" : "final", r.SchoolYear, r.AsOf, r.OpenedAt, r.ClosedAt,
            r.ClosedAt is not null ? "closed" : r.ClosingSince is not null ? "closing" : "open", r.ClosingSince);

    /// <summary>The mid-term and final evaluations, open or closed.</summary>
    public static async Task<Ok<EvaluationDto[]>> ListEvaluations(InspectionDbContext db, EvaluationCache cache, CancellationToken ct) =>
        TypedResults.Ok(await cache.GetOrLoadAsync(ListCacheKey, async token =>
            (await db.EvaluationRounds.AsNoTracking().OrderBy(r => r.SchoolYear).ThenBy(r => r.Kind).ToListAsync(token)).Select(Dto).ToArray(), ct));

    /// <summary>Opens an evaluation (mid-term or final) of a school year as of a date (administrators).</summary>
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
        return TypedResults.Created($"/api/evaluations/{round.Id}", Dto(round));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown evaluation", detail: $"No evaluation {id} was opened.");

    public sealed record CountyResult(string CountyCode, string CountyName, Status Verdict, string[] Failing, string[] Vetoes, string[] NoData,
        Status PlanTargets);

    /// <param name="CountiesFrozen">While closing (and once closed): the counties whose scorecard is frozen so far, of <paramref name="CountiesTotal"/>.</param>
    public sealed record EvaluationDetail(EvaluationDto Evaluation, Guid? ComparedWith, CountyResult[] Counties, int CountiesFrozen, int CountiesTotal);

    /// <summary>
    /// Closes the evaluation: every county's scorecard, computed from the read models with the inspectors'
    /// verdicts and imports as they stand now, is frozen as an immutable snapshot. Answers 202 at once, the
    /// evaluation "closing"; <c>GET /api/evaluations/{id}</c> shows the counties frozen so far, then "closed".
    /// Asking again while it closes answers 202 again. 409 if already closed, or before its as-of date (data
    /// known on that date still counts).
    /// </summary>
    public static async Task<Results<Accepted<EvaluationDto>, ProblemHttpResult>> CloseEvaluation(Guid id, InspectionDbContext db,
        EvaluationCloser closer, EvaluationCache cache, TimeProvider clock, CancellationToken ct)
    {
        // Two inspectors closing at once: the second waits here, then finds the round closing.
        await using var write = await db.BeginWriteAsync(ct, $"evaluation:{id}");
        var round = await db.EvaluationRounds.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return NotFound(id);
        }
        if (round.ClosedAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Evaluation already closed",
                detail: $"The evaluation was closed at {round.ClosedAt:u}; its snapshots never change.");
        }
        if (round.ClosingSince is null)
        {
            var now = clock.GetUtcNow();
            if (DateOnly.FromDateTime(now.UtcDateTime) < round.AsOf)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too early to close",
                    detail: $"Data known on {round.AsOf:yyyy-MM-dd} counts in this evaluation, so it can be closed from that date on.");
            }
            round.ClosingSince = now;
        }
        await write.CommitAsync(ct);
        await cache.InvalidateAsync(ListCacheKey);
        closer.Wake();
        return TypedResults.Accepted($"/api/evaluations/{id}", Dto(round));
    }

    /// <summary>The evaluation and, once closed, each county's frozen verdict (a final evaluation names the mid-term it is compared with).</summary>
    public static async Task<Results<Ok<EvaluationDetail>, ProblemHttpResult>> GetEvaluation(Guid id, InspectionDbContext db,
        ScorecardService scorecards, CancellationToken ct) =>
        await db.EvaluationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } round
            ? TypedResults.Ok(await DetailAsync(db, round, scorecards, ct))
            : NotFound(id);

    private static async Task<EvaluationDetail> DetailAsync(InspectionDbContext db, EvaluationRound round, ScorecardService scorecards, CancellationToken ct)
    {
        // The counties are listed once the evaluation is closed; while it closes, only how far it has got.
        var cards = round.ClosedAt is null ? new SortedDictionary<string, Scorecard>() : await SnapshotsAsync(db, round.Id, scorecards, ct);
        var frozen = round.ClosedAt is null ? await db.Snapshots.CountAsync(s => s.RoundId == round.Id, ct) : cards.Count;
        var total = round.ClosedAt is null ? await db.Counties.CountAsync(ct) : cards.Count;
        return new EvaluationDetail(Dto(round), (await MidTermAsync(db, round, ct))?.Id,
            [.. cards.Values.Select(c => new CountyResult(c.CountyCode, c.CountyName, c.Verdict, c.Failing, c.Vetoes, c.NoData, c.PlanTargets))],
            frozen, total);
    }

    /// <summary>A closed round's frozen scorecards by county (or only <paramref name="county"/>'s).</summary>
    private static async Task<SortedDictionary<string, Scorecard>> SnapshotsAsync(InspectionDbContext db, Guid round, ScorecardService scorecards,
        CancellationToken ct, string? county = null) =>
        new((await db.Snapshots.AsNoTracking().Where(s => s.RoundId == round && (county == null || s.CountyCode == county)).ToListAsync(ct))
            .ToDictionary(s => s.CountyCode, s => JsonSerializer.Deserialize<Scorecard>(s.Scorecard, scorecards.JsonOptions)!), StringComparer.Ordinal);

    /// <summary>The closed mid-term a final evaluation is compared with: the latest one of its school year or before.</summary>
    private static Task<EvaluationRound?> MidTermAsync(InspectionDbContext db, EvaluationRound round, CancellationToken ct) =>
        round.Kind != EvaluationKind.Final
            ? Task.FromResult<EvaluationRound?>(null)
            : db.EvaluationRounds.AsNoTracking()
                .Where(r => r.Kind == EvaluationKind.MidTerm && r.ClosedAt != null && r.SchoolYear <= round.SchoolYear)
                .OrderByDescending(r => r.SchoolYear).FirstOrDefaultAsync(ct);

    public sealed record IndicatorChange(string Code, Section? Level, string Name, decimal? Before, Status? BeforeStatus, decimal? After,
        Status AfterStatus, decimal? Change);

    public sealed record CountySnapshotDto(EvaluationDto Evaluation, Scorecard Scorecard, Guid? ComparedWith, Status? VerdictBefore,
        IndicatorChange[] Changes);

    /// <summary>
    /// A county's frozen scorecard in a closed evaluation; for a final evaluation, each indicator's value and
    /// status at the mid-term beside the final ones, and the change.
    /// </summary>
    public static async Task<Results<Ok<CountySnapshotDto>, ProblemHttpResult>> GetCountySnapshot(Guid id, string county, InspectionDbContext db,
        ScorecardService scorecards, CancellationToken ct)
    {
        if (await db.EvaluationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round)
        {
            return NotFound(id);
        }
        if (round.ClosedAt is null)
        {
            return NotClosed(round);
        }
        if (await db.Snapshots.AsNoTracking().SingleOrDefaultAsync(s => s.RoundId == id && s.CountyCode == county, ct) is not { } snapshot)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No snapshot",
                detail: $"County {county} was not in the registry when the evaluation closed.");
        }
        var card = JsonSerializer.Deserialize<Scorecard>(snapshot.Scorecard, scorecards.JsonOptions)!;
        var midTerm = await MidTermAsync(db, round, ct);
        var before = midTerm is null ? null : (await SnapshotsAsync(db, midTerm.Id, scorecards, ct, county)).GetValueOrDefault(county);
        return TypedResults.Ok(new CountySnapshotDto(Dto(round), card, midTerm?.Id, before?.Verdict, before is null ? [] : Changes(before, card)));
    }

    public static IndicatorChange[] Changes(Scorecard before, Scorecard after)
    {
        var earlier = before.Groups.SelectMany(g => g.Lines).ToDictionary(l => (l.Code, l.Level));
        return [.. after.Groups.SelectMany(g => g.Lines).Select(l =>
        {
            var b = earlier.GetValueOrDefault((l.Code, l.Level));
            return new IndicatorChange(l.Code, l.Level, l.Name, b?.Value, b?.Status, l.Value, l.Status, b?.Value is { } x && l.Value is { } y ? y - x : null);
        })];
    }

    /// <summary>The closed evaluation as CSV: every county's frozen indicators, with the mid-term's beside a final's.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportEvaluation(Guid id, InspectionDbContext db,
        ScorecardService scorecards, CancellationToken ct)
    {
        if (await db.EvaluationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } round)
        {
            return NotFound(id);
        }
        if (round.ClosedAt is null)
        {
            return NotClosed(round);
        }
        var cards = await SnapshotsAsync(db, id, scorecards, ct);
        var midTerm = await MidTermAsync(db, round, ct);
        var before = midTerm is null ? new SortedDictionary<string, Scorecard>() : await SnapshotsAsync(db, midTerm.Id, scorecards, ct);
        return TypedResults.File(ScorecardCsv.Write(cards.Values.Select(c => (c, before.GetValueOrDefault(c.CountyCode)))),
            "text/csv; charset=utf-8", $"evaluation-{round.SchoolYear}-{Dto(round).Kind}.csv");
    }

    /// <summary>Snapshots are read only once every county's is taken: an open or closing evaluation has none to show yet.</summary>
    private static ProblemHttpResult NotClosed(EvaluationRound round) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Evaluation not closed",
            detail: round.ClosingSince is null
                ? "The evaluation is still open: snapshots are taken when it closes."
                : $"The evaluation is closing since {round.ClosingSince:u}; GET /api/evaluations/{round.Id} shows how far it has got.");
}
