using System.Diagnostics;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Consumers;

public sealed record RebuildOutcome(long Events, int Counties, double Seconds);

/// <summary>
/// Inspection's intake replayed: rebuilds every read model from scratch by replaying the consumed-event log through the same consumers,
/// in one transaction: emptied, refilled in the order the events arrived (each consumer is version-guarded,
/// so the order only has to be the same as live), then every county's scorecards refreshed. The events, consumers and
/// tables are <see cref="InspectionIntake"/>'s. Inspectors' own records (verdicts, imports, evaluations and their
/// snapshots, saved scenarios) are kept. The replay runs on a context of its own (<see cref="InspectionDbContext.ForReplay"/>),
/// through consumers made for it, so nothing the live intake uses changes behaviour while it runs.
/// </summary>
public sealed class ReadModelRebuilder(IServiceProvider services, DbContextOptions<InspectionDbContext> options)
{
    private const int Page = 1000;

    public async Task<RebuildOutcome> RebuildAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var db = InspectionDbContext.ForReplay(options);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await TransactionLocks.LockAsync(db, "inspection:rebuild", ct);
        var tables = InspectionIntake.ReadModels.Select(t => db.Model.FindEntityType(t)!.GetTableName());
        // Live consumers wait on these tables until the rebuild commits, then apply their events on top.
#pragma warning disable EF1002 // table names come from the model, not from input
        await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables)}", ct);
#pragma warning restore EF1002
        long last = 0, events = 0;
        while (true)
        {
            var page = await db.ConsumedEvents.AsNoTracking().Where(e => e.Id > last).OrderBy(e => e.Id).Take(Page)
                .Select(e => new { e.Id, e.Type, e.Body }).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            // Runs of one type go to their consumer together (teachers arrive by the thousand).
            for (var start = 0; start < page.Count;)
            {
                var end = start;
                while (end < page.Count && page[end].Type == page[start].Type)
                {
                    end++;
                }
                var apply = InspectionIntake.Replays.GetValueOrDefault(page[start].Type)
                    ?? throw new InvalidOperationException($"The rebuild does not know how to apply {page[start].Type} (event {page[start].Id}).");
                await apply(services, db, [.. page[start..end].Select(e => e.Body)], ct);
                start = end;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            (last, events) = (page[^1].Id, events + page.Count);
        }
        await SectionStaffStore.RecomputeAsync(db, ct);
        var counties = await db.MarkEveryCountyChangedAsync(ct);
        await transaction.CommitAsync(ct);
        return new RebuildOutcome(events, counties, Math.Round(clock.Elapsed.TotalSeconds, 2));
    }
}
