using System.Diagnostics;
using System.Text.Json;
using EduPlatform.Inspection.Domain;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// Freezes the counties' scorecards of evaluations being closed (<c>POST /api/evaluations/{id}/close</c> marks one
/// "closing" and returns at once). Counties are computed a few at once (<see cref="RankingComputations.Parallelism"/>),
/// each snapshot saved as it is made, so the evaluation's progress is the count of its snapshots; once every county
/// registered has one, the evaluation is closed. The state is in the database: a close interrupted by a restart
/// carries on where it stopped, and an advisory lock per evaluation lets one instance close it while others skip it.
/// </summary>
public sealed class EvaluationCloser(IServiceScopeFactory scopes, RankingComputations rankings, EvaluationCache cache, TimeProvider clock,
    ILogger<EvaluationCloser> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Starts on an evaluation marked closing now rather than at the next poll.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CloseWaitingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Closing an evaluation failed, trying again in {Delay}: {Reason}", Poll, ex.Message);
            }
            try
            {
                await _wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task CloseWaitingAsync(CancellationToken ct)
    {
        List<Guid> closing;
        await using (var scope = scopes.CreateAsyncScope())
        {
            closing = await scope.ServiceProvider.GetRequiredService<InspectionDbContext>().EvaluationRounds.AsNoTracking()
                .Where(r => r.ClosingSince != null && r.ClosedAt == null).OrderBy(r => r.ClosingSince).Select(r => r.Id).ToListAsync(ct);
        }
        foreach (var id in closing)
        {
            await CloseAsync(id, ct);
        }
    }

    private async Task CloseAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InspectionDbContext>();
        var key = $"evaluation-close:{id}";
        await db.Database.OpenConnectionAsync(ct);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtext({key})) AS \"Value\"").SingleAsync(ct))
        {
            return; // another instance is closing it
        }
        try
        {
            if (await db.EvaluationRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { ClosedAt: null } round)
            {
                return;
            }
            var clock0 = Stopwatch.StartNew();
            var counties = await db.Counties.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
            var frozen = (await db.Snapshots.AsNoTracking().Where(s => s.RoundId == id).Select(s => s.CountyCode).ToListAsync(ct)).ToHashSet();
            await rankings.ForEachCountyAsync(counties.Where(c => !frozen.Contains(c)), async (services, county, token) =>
            {
                var countyDb = services.GetRequiredService<InspectionDbContext>();
                var scorecards = services.GetRequiredService<ScorecardService>();
                var card = (await scorecards.ComputeAsync(county, round.SchoolYear, token))!;
                countyDb.Snapshots.Add(new EvaluationSnapshot
                {
                    RoundId = id, CountyCode = county, Scorecard = JsonSerializer.Serialize(card, scorecards.JsonOptions), FrozenAt = clock.GetUtcNow(),
                });
                await countyDb.SaveChangesAsync(token);
            }, ct);

            await using (var write = await db.BeginWriteAsync(ct, $"evaluation:{id}"))
            {
                await db.EvaluationRounds.Where(r => r.Id == id && r.ClosedAt == null)
                    .ExecuteUpdateAsync(r => r.SetProperty(x => x.ClosedAt, clock.GetUtcNow()), ct);
                await write.CommitAsync(ct);
            }
            await cache.InvalidateAsync(Apis.EvaluationApi.ListCacheKey);
            logger.LogInformation("Evaluation {Evaluation} closed: {Counties} counties frozen ({New} now) in {Elapsed} ms",
                id, counties.Count, counties.Count - frozen.Count, clock0.ElapsedMilliseconds);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtext({key}))", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
