using System.Diagnostics;
using EduPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlatform.Messaging.Tests;

public sealed class RelayBehaviourTests(Servers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_commit_wakes_the_relay_at_once_rather_than_at_the_next_poll()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp,
            options: o => o.RelayIdlePoll = TimeSpan.FromMinutes(5));
        await scenario.WaitForEffectsAsync(await scenario.WriteNotesAsync(1, "warm-up"));
        await Task.Delay(500, Ct); // the relay is idle now, waiting for a NOTIFY

        var clock = Stopwatch.StartNew();
        var notes = await scenario.WriteNotesAsync(1);
        await scenario.WaitForEffectsAsync(notes, TimeSpan.FromSeconds(60));

        // Not a speed figure: well inside the 5-minute poll, with room for a CI machine running everything at once.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_service_whose_outbox_lacks_the_notify_trigger_stops_at_start_saying_why()
    {
        var scenario = await Scenario.CreateAsync(servers, notifyTrigger: false);
        await using var database = Npgsql.NpgsqlDataSource.Create(scenario.Database);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => OutboxRelay<TestDbContext>.RequireNotifyTriggerAsync(database, Ct));
        Assert.Contains("CreateOutboxAndInbox", missing.Message);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp);
        var stopping = node.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        await Poll.UntilAsync(() => Task.FromResult(stopping.IsCancellationRequested), TimeSpan.FromSeconds(30),
            "the service kept running without the outbox's NOTIFY trigger");

        await using (var db = scenario.NewDb())
        {
            await db.Database.ExecuteSqlRawAsync(MessagingModel.CreateNotifyTriggerSql, Ct);
        }
        await OutboxRelay<TestDbContext>.RequireNotifyTriggerAsync(database, Ct);
    }

    [Fact]
    public async Task A_row_that_keeps_failing_is_parked_and_does_not_hold_up_the_others()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using (var db = scenario.NewDb())
        {
            // A row whose type no longer exists in the code: it can never be published.
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                MessageType = "EduPlatform.Contracts.Gone.Removed, EduPlatform.Contracts",
                Body = "{}",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp, options: o => o.MaxPublishAttempts = 2);
        var notes = await scenario.WriteNotesAsync(10);

        await scenario.WaitForEffectsAsync(notes);
        async Task<OutboxMessage> Poison()
        {
            await using var db = scenario.NewDb();
            return await db.Set<OutboxMessage>().SingleAsync(m => m.MessageType.Contains("Removed"), Ct);
        }
        await Poll.UntilAsync(async () => (await Poison()).ParkedAt is not null, TimeSpan.FromSeconds(30), "the row was never parked");
        var poison = await Poison();

        Assert.NotNull(poison.ParkedAt);
        Assert.Equal(2, poison.Attempts);
        Assert.Contains("Unknown message type", poison.LastError);
        Assert.Null(poison.SentAt);
        Assert.Equal(1, node.Counter("eduplatform.outbox.parked"));
    }

    [Fact]
    public async Task Sent_rows_are_deleted_after_the_retention_period()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp, options: o =>
        {
            o.SentRetention = TimeSpan.FromSeconds(1);
            o.CleanupInterval = TimeSpan.FromMilliseconds(500);
        });
        var notes = await scenario.WriteNotesAsync(5);
        await scenario.WaitForEffectsAsync(notes);

        await Poll.UntilAsync(async () =>
        {
            await using var db = scenario.NewDb();
            return !await db.Set<OutboxMessage>().AnyAsync(Ct);
        }, TimeSpan.FromSeconds(20), "sent rows were not deleted after their retention");
    }

    [Fact]
    public async Task The_batch_consumer_applies_each_message_once_even_when_a_batch_repeats_some()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp, batch: true);
        var notes = await scenario.WriteNotesAsync(300);
        await scenario.WaitForEffectsAsync(notes);

        // Publish every row again, as after a relay crash: each batch now holds only duplicates.
        await using (var db = scenario.NewDb())
        {
            await db.Set<OutboxMessage>().ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, (DateTimeOffset?)null), Ct);
        }
        var more = await scenario.WriteNotesAsync(20, "more"); // and some new ones among them
        await scenario.WaitForEffectsAsync(more);
        await Task.Delay(1000, Ct);

        var effects = await scenario.EffectsPerNoteAsync();
        Assert.Equal(320, effects.Count);
        Assert.All(effects.Values, count => Assert.Equal(1, count));
        Assert.Equal(320, node.Log.Attempts.Count);
    }
}
