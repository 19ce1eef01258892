using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using EduPlatform.Kernel;
using EduPlatform.Messaging.Inbox;
using EduPlatform.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EduPlatform.Messaging.Tests;

/// <summary>A fact a producer publishes in the tests.</summary>
public sealed record NoteWritten(Guid NoteId, string Text, DateTimeOffset OccurredAt);

public sealed class Note
{
    public Guid Id { get; init; }
    public required string Text { get; init; }
}

/// <summary>One row per applied message: a second row for the same note is a double effect.</summary>
public sealed class Effect
{
    public long Id { get; init; }
    public Guid NoteId { get; init; }
    public Guid MessageId { get; init; }
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<Note>();
        model.Entity<Effect>();
    }

    public static DbContextOptions<TestDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
}

/// <summary>Applies NoteWritten through the inbox: the effect the tests count.</summary>
public sealed class NoteConsumer(TestDbContext db, MessagingMetrics metrics, DeliveryLog log)
    : InboxConsumer<NoteWritten, TestDbContext>(db, metrics)
{
    protected override Task HandleAsync(NoteWritten message, ConsumeContext<NoteWritten> context)
    {
        log.Handled(context.MessageId!.Value, message.Text);
        if (message.Text.StartsWith("poison", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"cannot apply {message.Text}");
        }
        Db.Effects.Add(new Effect { NoteId = message.NoteId, MessageId = context.MessageId!.Value });
        return Task.CompletedTask;
    }
}

/// <summary>The batch form of <see cref="NoteConsumer"/>.</summary>
public sealed class NoteBatchConsumer(TestDbContext db, MessagingMetrics metrics, DeliveryLog log)
    : InboxBatchConsumer<NoteWritten, TestDbContext>(db, metrics)
{
    protected override Task HandleAsync(IReadOnlyList<ConsumeContext<NoteWritten>> messages)
    {
        foreach (var message in messages)
        {
            log.Handled(message.MessageId!.Value, message.Message.Text);
            Db.Effects.Add(new Effect { NoteId = message.Message.NoteId, MessageId = message.MessageId!.Value });
        }
        return Task.CompletedTask;
    }
}

/// <summary>What reached the consumer: every delivery (before the inbox) and every attempt to apply one.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<Guid> _received = new();
    private readonly ConcurrentQueue<(Guid MessageId, string Text)> _handled = new();

    public void Received(Guid messageId) => _received.Enqueue(messageId);
    public void Handled(Guid messageId, string text) => _handled.Enqueue((messageId, text));

    /// <summary>Deliveries, duplicates and retries included.</summary>
    public IReadOnlyList<Guid> Deliveries => _received.ToArray();

    /// <summary>Times the inbox let a delivery through to the handler.</summary>
    public IReadOnlyList<(Guid MessageId, string Text)> Attempts => _handled.ToArray();
}

/// <summary>Records each delivery of a message to the note consumer, in front of its inbox.</summary>
public sealed class RecordDeliveries(DeliveryLog log) : IFilter<ConsumerConsumeContext<NoteConsumer>>
{
    public Task Send(ConsumerConsumeContext<NoteConsumer> context, IPipe<ConsumerConsumeContext<NoteConsumer>> next)
    {
        log.Received(context.MessageId!.Value);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("record-deliveries");
}

/// <summary>
/// A "process" of a service: its own host with the messaging set-up, the outbox relay and the
/// note consumer, on a database and virtual host the test chose. Disposing it is the process ending.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counters = new();

    private TestNode(IHost host)
    {
        _host = host;
        // Only this node's meters: other tests' nodes run in the same process.
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingMetrics.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            _counters.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    /// <summary>The total a counter of <see cref="MessagingMetrics"/> has reported in this node.</summary>
    public long Counter(string name) => _counters.GetValueOrDefault(name);

    public IServiceProvider Services => _host.Services;
    public DeliveryLog Log => _host.Services.GetRequiredService<DeliveryLog>();

    /// <param name="around">A filter around the note consumer, inside the retries (e.g. a simulated crash).</param>
    public static async Task<TestNode> StartAsync(string database, string amqp,
        IFilter<ConsumerConsumeContext<NoteConsumer>>? around = null, Action<MessagingOptions>? options = null, bool batch = false)
    {
        var log = new DeliveryLog();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); // the failures these tests provoke would flood the output
        if (Environment.GetEnvironmentVariable("TEST_NODE_LOGS") is not null) { builder.Logging.AddConsole(); }
        builder.Configuration[$"ConnectionStrings:{ResourceNames.RabbitMq}"] = amqp;
        builder.Services.AddDbContext<TestDbContext>(o => o.UseNpgsql(database).UseSnakeCaseNamingConvention());
        builder.Services.AddSingleton(log);
        builder.AddMessaging<TestDbContext>("test", bus =>
        {
            if (batch)
            {
                bus.AddBatchConsumer<NoteBatchConsumer>(size: 50);
                return;
            }
            bus.AddConsumer<NoteConsumer>(consumer =>
            {
                consumer.UseFilter(new RecordDeliveries(log));
                if (around is not null)
                {
                    consumer.UseFilter(around);
                }
            });
        });
        builder.Services.Configure<MessagingOptions>(o =>
        {
            o.RetryLimit = 2;
            o.RetryMinInterval = TimeSpan.FromMilliseconds(50);
            o.RetryMaxInterval = TimeSpan.FromMilliseconds(200);
            o.RelayIdlePoll = TimeSpan.FromSeconds(1);
            o.PublishTimeout = TimeSpan.FromSeconds(5);
            o.MaxBrokerBackoff = TimeSpan.FromSeconds(2);
            options?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestNode(host);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>A database and virtual host of the test's own, and the helpers to write and check.</summary>
public sealed class Scenario(Servers servers)
{
    public string Database { get; private set; } = "";
    public string Amqp { get; private set; } = "";
    public string VirtualHost => Uri.UnescapeDataString(new Uri(Amqp).AbsolutePath.TrimStart('/'));

    /// <param name="notifyTrigger">false: the tables only, as a migration generated from the model would make them.</param>
    public static async Task<Scenario> CreateAsync(Servers servers, string? amqp = null, bool notifyTrigger = true)
    {
        var scenario = new Scenario(servers);
        scenario.Database = await servers.CreateDatabaseAsync("messaging");
        scenario.Amqp = amqp ?? await servers.CreateVirtualHostAsync("messaging");
        await using var db = scenario.NewDb();
        await db.Database.EnsureCreatedAsync();
        if (notifyTrigger)
        {
            await db.Database.ExecuteSqlRawAsync(MessagingModel.CreateNotifyTriggerSql);
        }
        return scenario;
    }

    public TestDbContext NewDb() => new(TestDbContext.Options(Database));

    /// <summary>A state change and its event in one SaveChanges, as a service's endpoint does it.</summary>
    public async Task<Guid[]> WriteNotesAsync(int count, string text = "note")
    {
        await using var db = NewDb();
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            var note = new Note { Id = Guid.CreateVersion7(), Text = $"{text}-{i}" };
            ids[i] = note.Id;
            db.Notes.Add(note);
            db.AddEvent(new NoteWritten(note.Id, note.Text, DateTimeOffset.UtcNow));
        }
        await db.SaveChangesAsync();
        return ids;
    }

    public async Task<Dictionary<Guid, int>> EffectsPerNoteAsync()
    {
        await using var db = NewDb();
        return await db.Effects.GroupBy(e => e.NoteId).ToDictionaryAsync(g => g.Key, g => g.Count());
    }

    public async Task<int> PendingOutboxRowsAsync()
    {
        await using var db = NewDb();
        return await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null);
    }

    /// <summary>Waits until every note has its effect (or fails after the timeout), then returns the effects.</summary>
    public async Task<Dictionary<Guid, int>> WaitForEffectsAsync(IEnumerable<Guid> notes, TimeSpan? timeout = null)
    {
        var wanted = notes.ToHashSet();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var effects = await EffectsPerNoteAsync();
            if (wanted.All(effects.ContainsKey))
            {
                return effects;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{wanted.Count(n => !effects.ContainsKey(n))} of {wanted.Count} notes never took effect");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Messages sitting in a queue of this scenario's virtual host, from the management API.</summary>
    public async Task<int> QueuedMessagesAsync(string queue)
    {
        using var http = servers.RabbitMqManagementClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            // The management API's counts lag by a few seconds; poll until one shows up.
            // MassTransit creates an _error queue when it first moves a message there: 404 until then.
            using var response = await http.GetAsync($"api/queues/{Uri.EscapeDataString(VirtualHost)}/{queue}");
            var messages = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<QueueInfo>())!.Messages : 0;
            if (messages > 0 || DateTime.UtcNow > deadline)
            {
                return messages;
            }
            await Task.Delay(500);
        }
    }

    private sealed record QueueInfo(int Messages);
}
