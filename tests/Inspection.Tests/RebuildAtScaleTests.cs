using System.Net;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// A rebuild replays every consumed event in one transaction. The consumers lock each read-model row they
/// touch, and PostgreSQL holds a transaction's advisory locks until it ends, in a shared table sized by
/// max_locks_per_transaction × max_connections: a rebuild of 110,000 training courses (the default demo city
/// has 104,000; a province millions) failed with "out of shared memory". Replaying needs no row locks — the
/// rebuild holds the tables.
/// </summary>
public sealed class RebuildAtScaleTests(InspectionFactory factory) : IClassFixture<InspectionFactory>
{
    [Fact]
    public async Task A_rebuild_replays_more_rows_than_the_lock_table_holds()
    {
        var ct = TestContext.Current.CancellationToken;
        const int courses = 110_000;
        var bodies = Enumerable.Range(0, courses).Select(i => System.Text.Json.JsonSerializer.Serialize(new TrainingRecorded(Guid.CreateVersion7(),
            Guid.CreateVersion7(), "1399010001", "139901", new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 3), 20m, DateTimeOffset.UtcNow), EventJson.Options)).ToArray();
        // Written to the event log directly, as if consumed earlier: 110,000 deliveries would only slow the test.
        await factory.QueryAsync<InspectionDbContext, int>(db => db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO consumed_events (message_id, type, body, received_at, county_code)
            SELECT gen_random_uuid(), 'TrainingRecorded', b, now(), '139901' FROM unnest({bodies}) AS b
            """, ct));

        using var admin = factory.CreateClient();
        var rebuilt = await admin.PostAsync("/api/read-models/rebuild", null, ct);

        Assert.True(rebuilt.StatusCode == HttpStatusCode.OK, await rebuilt.Content.ReadAsStringAsync(ct));
        Assert.Equal(courses, await factory.QueryAsync<InspectionDbContext, int>(db => db.Training.CountAsync(ct)));
    }
}
