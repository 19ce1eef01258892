using EduPlatform.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Messaging.Tests;

/// <summary>
/// The failures a real system meets, each checked for "nothing lost, nothing applied twice",
/// against real PostgreSQL and RabbitMQ.
/// </summary>
public sealed class DeliveryGuaranteeTests(Servers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_committed_while_no_process_was_running_are_delivered_after_restart()
    {
        var scenario = await Scenario.CreateAsync(servers);
        // The process committed and died before publishing: the rows are all there is.
        var notes = await scenario.WriteNotesAsync(25);
        Assert.Equal(25, await scenario.PendingOutboxRowsAsync());

        await using var restarted = await TestNode.StartAsync(scenario.Database, scenario.Amqp);

        var effects = await scenario.WaitForEffectsAsync(notes);
        Assert.All(notes, n => Assert.Equal(1, effects[n]));
        Assert.Equal(0, await scenario.PendingOutboxRowsAsync());
        Assert.Equal(25, restarted.Counter("eduplatform.outbox.published"));
    }

    [Fact]
    public async Task Events_written_while_the_broker_is_down_wait_in_the_outbox_and_all_arrive_after_it_returns()
    {
        Assert.SkipWhen(servers.UsesContainers, "stops and restarts a broker process of its own (local servers only)");
        await using var broker = await OwnBroker.StartAsync();
        var scenario = await Scenario.CreateAsync(servers, amqp: broker.AmqpUri);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp);
        var before = await scenario.WriteNotesAsync(5, "before");
        await scenario.WaitForEffectsAsync(before);

        await broker.StopAsync();
        var during = await scenario.WriteNotesAsync(40, "during"); // the department's writes still succeed
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(40, await scenario.PendingOutboxRowsAsync());

        await broker.RestartAsync();
        var effects = await scenario.WaitForEffectsAsync(during, TimeSpan.FromSeconds(90));

        Assert.All(before.Concat(during), n => Assert.Equal(1, effects[n]));
        Assert.Equal(0, await scenario.PendingOutboxRowsAsync());
    }

    [Fact]
    public async Task A_relay_that_dies_after_the_confirm_but_before_marking_publishes_again_and_the_consumer_applies_once()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp);
        var notes = await scenario.WriteNotesAsync(10);
        await scenario.WaitForEffectsAsync(notes);

        // The broker confirmed every row but the relay's "mark sent" never committed: exactly the
        // state the database is left in when the relay dies between the two.
        await using (var db = scenario.NewDb())
        {
            await db.Set<OutboxMessage>().ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, (DateTimeOffset?)null), Ct);
        }
        await WaitUntilAsync(async () => await scenario.PendingOutboxRowsAsync() == 0);
        await WaitUntilAsync(() => Task.FromResult(node.Log.Deliveries.Count >= 20));
        // A delivery is logged as it arrives, the skip counted once its inbox insert found the row: a moment later.
        await WaitUntilAsync(() => Task.FromResult(node.Counter("eduplatform.inbox.duplicates_skipped") >= 10));

        Assert.Equal(20, node.Log.Deliveries.Count); // every message really came twice
        Assert.Equal(10, node.Log.Attempts.Count);   // and the inbox let only the first through
        Assert.Equal(10, node.Counter("eduplatform.inbox.duplicates_skipped"));
        var effects = await scenario.EffectsPerNoteAsync();
        Assert.All(notes, n => Assert.Equal(1, effects[n]));
    }

    [Fact]
    public async Task A_consumer_that_throws_is_retried_then_its_message_goes_to_error_while_the_others_flow()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp);
        var first = await scenario.WriteNotesAsync(10, "ok-a");
        var poison = await scenario.WriteNotesAsync(1, "poison");
        var second = await scenario.WriteNotesAsync(10, "ok-b");

        var effects = await scenario.WaitForEffectsAsync(first.Concat(second));

        Assert.All(first.Concat(second), n => Assert.Equal(1, effects[n]));
        Assert.DoesNotContain(poison[0], effects.Keys);
        Assert.Equal(1, await scenario.QueuedMessagesAsync("test-note_error"));
        // RetryLimit = 2: the first delivery and two retries.
        Assert.Equal(3, node.Log.Attempts.Count(d => d.Text == "poison-0"));
        Assert.Equal(1, node.Counter("eduplatform.consumer.faulted")); // counted once, when it went to _error
    }

    [Fact]
    public async Task Two_relays_on_one_outbox_never_publish_the_same_row_twice()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var relayA = await TestNode.StartAsync(scenario.Database, scenario.Amqp, options: o => o.RelayBatchSize = 20);
        await using var relayB = await TestNode.StartAsync(scenario.Database, scenario.Amqp, options: o => o.RelayBatchSize = 20);
        var notes = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            notes.AddRange(await scenario.WriteNotesAsync(40, $"batch{i}"));
        }

        await scenario.WaitForEffectsAsync(notes, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // room for a stray duplicate to show up

        // Both nodes consume from the one queue; together they saw each message exactly once.
        var deliveries = relayA.Log.Deliveries.Concat(relayB.Log.Deliveries).ToList();
        Assert.Equal(400, deliveries.Count);
        Assert.Equal(400, deliveries.Distinct().Count());
    }

    [Fact]
    public async Task Transactions_that_commit_out_of_id_order_skip_no_row()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp);

        await using var slow = scenario.NewDb();
        await using var slowTransaction = await slow.Database.BeginTransactionAsync(Ct);
        var early = new Note { Id = Guid.CreateVersion7(), Text = "early" };
        slow.Notes.Add(early);
        slow.AddEvent(new NoteWritten(early.Id, early.Text, DateTimeOffset.UtcNow));
        await slow.SaveChangesAsync(Ct); // written first (smaller id), not yet committed

        await Task.Delay(5, Ct);
        var late = await scenario.WriteNotesAsync(3, "late");
        await scenario.WaitForEffectsAsync(late);
        await slowTransaction.CommitAsync(Ct);

        var effects = await scenario.WaitForEffectsAsync([early.Id]);
        Assert.Equal(1, effects[early.Id]);
        await using var db = scenario.NewDb();
        var ids = await db.Set<OutboxMessage>().OrderBy(m => m.CreatedAt).Select(m => m.Id).ToListAsync(Ct);
        Assert.True(ids[0].CompareTo(ids[1]) < 0, "the early row has the smaller id");
    }

    [Fact]
    public async Task A_consumer_that_crashes_between_its_commit_and_its_ack_has_no_second_effect()
    {
        var scenario = await Scenario.CreateAsync(servers);
        var crash = new CrashAfterCommit();
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp, around: crash);
        var notes = await scenario.WriteNotesAsync(5);

        var effects = await scenario.WaitForEffectsAsync(notes);
        await WaitUntilAsync(() => Task.FromResult(node.Log.Deliveries.Count >= 10));

        Assert.Equal(5, crash.Crashes);
        Assert.Equal(10, node.Log.Deliveries.Count); // each message was delivered again after the crash
        Assert.Equal(5, node.Log.Attempts.Count);    // the redelivery met the inbox row and did nothing
        Assert.All(notes, n => Assert.Equal(1, effects[n]));
        Assert.Equal(0, await scenario.QueuedMessagesAsync("test-note_error"));
    }

    /// <summary>Lets the consumer commit, then fails before the broker gets its ack — once per message.</summary>
    private sealed class CrashAfterCommit : IFilter<ConsumerConsumeContext<NoteConsumer>>
    {
        private readonly HashSet<Guid> _crashed = [];
        public int Crashes { get { lock (_crashed) { return _crashed.Count; } } }

        public async Task Send(ConsumerConsumeContext<NoteConsumer> context, IPipe<ConsumerConsumeContext<NoteConsumer>> next)
        {
            await next.Send(context);
            lock (_crashed)
            {
                if (!_crashed.Add(context.MessageId!.Value))
                {
                    return;
                }
            }
            throw new IOException("connection to the broker lost before the ack");
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("crash-after-commit");
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Poll.UntilAsync(condition, TimeSpan.FromSeconds(30), "condition not met within 30 s");
}
