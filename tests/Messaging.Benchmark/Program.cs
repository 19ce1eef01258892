using System.Collections.Concurrent;
using System.Diagnostics;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Benchmark;
using EduPlatform.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Pushes N events through outbox → relay → RabbitMQ → inbox consumer → PostgreSQL write, and the
// same N through plain MassTransit publish → consume with no database, on the same servers, and
// prints both rates, their ratio and the commit→consume latency; both paths run once unmeasured first (--warm-up).
var count = ArgValue("--count", 100_000);
var consumerKind = ArgValue("--consumer", "batch");
var transactionSize = ArgValue("--transaction-size", 100);
var producers = ArgValue("--producers", 4);
var latencyRate = ArgValue("--latency-rate", 1000.0);
var latencySeconds = ArgValue("--latency-seconds", 15);
Console.WriteLine($"EduPlatform messaging benchmark: {count:N0} events, {consumerKind} inbox consumer, " +
                  $"{producers} producers writing {transactionSize} events per transaction, {Environment.ProcessorCount} cores");

var servers = new Servers();
await servers.InitializeAsync();
try
{
    // Both paths once at a fifth of the size first, unmeasured: a new process compiles each hot method again
    // (instrumented, then optimised) over its first hundreds of calls, and a figure taken meanwhile measures the JIT.
    var warmUp = ArgValue("--warm-up", count / 5);
    if (warmUp > 0)
    {
        var compiling = System.Runtime.JitInfo.GetCompiledMethodCount();
        await PlainMassTransitAsync(servers, warmUp);
        await TransactionalPipelineAsync(servers, warmUp, consumerKind, transactionSize, producers);
        Console.WriteLine($"  warm-up: {warmUp:N0} events each way, {System.Runtime.JitInfo.GetCompiledMethodCount() - compiling:N0} methods compiled");
    }
    var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
    var plain = await PlainMassTransitAsync(servers, count);
    var pipeline = await TransactionalPipelineAsync(servers, count, consumerKind, transactionSize, producers);
    Console.WriteLine($"  measured runs: {System.Runtime.JitInfo.GetCompiledMethodCount() - compiled:N0} methods compiled meanwhile");
    // Latency is measured apart, under a steady load below saturation: at full speed it only
    // measures the length of the backlog.
    var steady = await TransactionalPipelineAsync(servers, (int)(latencyRate * latencySeconds), consumerKind,
        transactionSize: 10, producers: 2, pacedRate: latencyRate);

    // One markdown row per figure: eng/bench.sh gathers the rows of every benchmark into one table.
    Console.WriteLine();
    Row($"outbox → relay → RabbitMQ → inbox → PostgreSQL vs plain MassTransit in the same run ({count:N0} events)",
        $"{pipeline.Rate / plain:P0} ({pipeline.Rate:N0} vs {plain:N0} msg/s)", "≥ 60 %");
    Row("commit→consume latency at full speed (backlog-bound)", $"p50 {pipeline.P50:N0} ms, p95 {pipeline.P95:N0} ms, p99 {pipeline.P99:N0} ms", "—");
    Row($"commit→consume latency at {latencyRate:N0} events/s steady", $"p50 {steady.P50:N0} ms, p95 {steady.P95:N0} ms, p99 {steady.P99:N0} ms",
        latencyRate <= 1000 ? "p95 < 100 ms" : "p95 < 500 ms");
}
finally
{
    await servers.DisposeAsync();
}

static void Row(string path, string figure, string target) => Console.WriteLine($"| {path} | {figure} | {target} |");

static async Task<double> PlainMassTransitAsync(Servers servers, int count)
{
    var amqp = await servers.CreateVirtualHostAsync("bench-plain");
    var done = new CountdownEvent(count);
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Services.AddSingleton(done);
    builder.Services.AddMassTransit(bus =>
    {
        bus.AddConsumer<PlainConsumer>();
        bus.UsingRabbitMq((context, rabbit) =>
        {
            rabbit.Host(new Uri(amqp));
            rabbit.PrefetchCount = 64;
            rabbit.ConcurrentMessageLimit = 16;
            rabbit.ConfigureEndpoints(context);
        });
    });
    using var host = builder.Build();
    await host.StartAsync();
    await WaitHealthyAsync(host);
    var bus = host.Services.GetRequiredService<IBus>();

    var clock = Stopwatch.StartNew();
    // Publish in waves, each awaiting the broker's confirms, as the relay does.
    for (var sent = 0; sent < count; sent += 400)
    {
        var wave = Math.Min(400, count - sent);
        await Task.WhenAll(Enumerable.Range(sent, wave).Select(i =>
            bus.Publish(new BenchmarkEvent(Guid.NewGuid(), i, DateTimeOffset.UtcNow))));
    }
    done.Wait(TimeSpan.FromMinutes(10));
    clock.Stop();
    await host.StopAsync();
    var rate = count / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"  plain MassTransit: {count:N0} in {clock.Elapsed.TotalSeconds:N1} s");
    return rate;
}

static async Task<(double Rate, double P50, double P95, double P99)> TransactionalPipelineAsync(
    Servers servers, int count, string consumerKind, int transactionSize, int producers, double pacedRate = 0)
{
    var database = await servers.CreateDatabaseAsync("bench");
    var amqp = await servers.CreateVirtualHostAsync("bench-outbox");
    await using (var db = new BenchmarkDbContext(BenchmarkDbContext.Options(database)))
    {
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync(MessagingModel.CreateNotifyTriggerSql);
    }

    var timings = new Timings(count);
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Configuration[$"ConnectionStrings:{ResourceNames.RabbitMq}"] = amqp;
    // Relay and consumer settings can be tried from the command line, e.g. --Messaging:RelayWorkers 4
    foreach (var (key, value) in MessagingArgs())
    {
        builder.Configuration[key] = value;
    }
    builder.Services.AddDbContext<BenchmarkDbContext>(o => o.UseNpgsql(database).UseSnakeCaseNamingConvention());
    builder.Services.AddSingleton(timings);
    builder.AddMessaging<BenchmarkDbContext>("bench", bus =>
    {
        if (consumerKind == "single")
        {
            bus.AddConsumer<SingleInboxConsumer>();
        }
        else
        {
            bus.AddBatchConsumer<BatchInboxConsumer>(size: 100, window: TimeSpan.FromMilliseconds(20));
        }
    });
    using var host = builder.Build();
    var prewrite = Environment.GetCommandLineArgs().Contains("--prewrite");
    if (!prewrite)
    {
        await host.StartAsync();
        await WaitHealthyAsync(host);
    }

    var clock = Stopwatch.StartNew();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, producers).Select(async _ =>
    {
        await using var db = new BenchmarkDbContext(BenchmarkDbContext.Options(database));
        while (true)
        {
            var first = Interlocked.Add(ref next, transactionSize) - transactionSize + 1;
            if (first >= count)
            {
                return;
            }
            var ids = new List<Guid>(transactionSize);
            for (var i = first; i < Math.Min(first + transactionSize, count); i++)
            {
                var record = new Record { Id = Guid.CreateVersion7(), Sequence = i };
                db.Records.Add(record);
                db.AddEvent(new BenchmarkEvent(record.Id, i, DateTimeOffset.UtcNow));
                ids.Add(record.Id);
            }
            if (pacedRate > 0)
            {
                // Steady load: transaction k is not committed before k·size/rate seconds.
                var due = TimeSpan.FromSeconds(first / pacedRate) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            timings.Committed(ids);
        }
    }));
    var written = clock.Elapsed;
    if (prewrite)
    {
        // Measures the relay and consumer alone: the whole backlog is there before they start.
        clock.Restart();
        await host.StartAsync();
    }
    timings.WaitAll(TimeSpan.FromMinutes(15));
    clock.Stop();
    await host.StopAsync();

    await using (var db = new BenchmarkDbContext(BenchmarkDbContext.Options(database)))
    {
        var effects = await db.Effects.CountAsync();
        var distinct = await db.Effects.Select(e => e.RecordId).Distinct().CountAsync();
        Console.WriteLine($"  average consumer batch: {timings.AverageBatch:N1}");
        Console.WriteLine($"  transactional: {count:N0} written in {written.TotalSeconds:N1} s, all consumed after {clock.Elapsed.TotalSeconds:N1} s; " +
                          $"{effects:N0} effects for {distinct:N0} records");
        if (effects != count || distinct != count)
        {
            throw new InvalidOperationException("lost or doubled events: the benchmark's figures are void");
        }
    }
    var latencies = timings.Latencies();
    return (count / clock.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
}

static async Task WaitHealthyAsync(IHost host)
{
    var bus = host.Services.GetRequiredService<IBusControl>();
    while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
    {
        await Task.Delay(100);
    }
}

static IEnumerable<(string Key, string Value)> MessagingArgs()
{
    var args = Environment.GetCommandLineArgs();
    for (var i = 0; i + 1 < args.Length; i++)
    {
        if (args[i].StartsWith("--Messaging:", StringComparison.Ordinal))
        {
            yield return (args[i][2..], args[i + 1]);
        }
    }
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

static T ArgValue<T>(string name, T fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? (T)Convert.ChangeType(args[index + 1], typeof(T)) : fallback;
}

namespace EduPlatform.Messaging.Benchmark
{
    public sealed record BenchmarkEvent(Guid RecordId, int Sequence, DateTimeOffset OccurredAt);

    public sealed class Record
    {
        public Guid Id { get; init; }
        public int Sequence { get; init; }
    }

    public sealed class Effect
    {
        public long Id { get; init; }
        public Guid RecordId { get; init; }
    }

    public sealed class BenchmarkDbContext(DbContextOptions<BenchmarkDbContext> options) : DbContext(options)
    {
        public DbSet<Record> Records => Set<Record>();
        public DbSet<Effect> Effects => Set<Effect>();

        protected override void OnModelCreating(ModelBuilder model)
        {
            model.AddOutboxAndInbox();
            model.Entity<Record>();
            model.Entity<Effect>();
        }

        public static DbContextOptions<BenchmarkDbContext> Options(string connectionString) =>
            new DbContextOptionsBuilder<BenchmarkDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
    }

    /// <summary>Commit and consume times per event, on one monotonic clock.</summary>
    public sealed class Timings(int count)
    {
        private readonly ConcurrentDictionary<Guid, long> _committed = new();
        private readonly ConcurrentBag<double> _latencies = [];
        private readonly CountdownEvent _consumed = new(count);

        public void Committed(IEnumerable<Guid> ids)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var id in ids)
            {
                _committed[id] = now;
            }
        }

        public void Consumed(Guid id)
        {
            var now = Stopwatch.GetTimestamp();
            // A consumer can beat the producer's bookkeeping by a hair; count that as zero.
            _latencies.Add(_committed.TryGetValue(id, out var at) ? Stopwatch.GetElapsedTime(at, now).TotalMilliseconds : 0);
            _consumed.Signal();
        }

        public void WaitAll(TimeSpan timeout)
        {
            if (!_consumed.Wait(timeout))
            {
                throw new TimeoutException($"{_consumed.CurrentCount:N0} events not consumed");
            }
        }

        public double[] Latencies() => _latencies.Order().ToArray();

        private long _batches;
        private long _batched;

        public void Batch(int size)
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _batched, size);
        }

        public double AverageBatch => _batches == 0 ? 0 : (double)_batched / _batches;
    }

    public sealed class PlainConsumer(CountdownEvent done) : IConsumer<BenchmarkEvent>
    {
        public Task Consume(ConsumeContext<BenchmarkEvent> context)
        {
            done.Signal();
            return Task.CompletedTask;
        }
    }

    public sealed class SingleInboxConsumer(BenchmarkDbContext db, MessagingMetrics metrics, Timings timings)
        : Inbox.InboxConsumer<BenchmarkEvent, BenchmarkDbContext>(db, metrics)
    {
        protected override Task HandleAsync(BenchmarkEvent message, ConsumeContext<BenchmarkEvent> context)
        {
            Db.Effects.Add(new Effect { RecordId = message.RecordId });
            return Task.CompletedTask;
        }

        protected override Task AfterCommitAsync(BenchmarkEvent message, ConsumeContext<BenchmarkEvent> context)
        {
            timings.Consumed(message.RecordId);
            return Task.CompletedTask;
        }
    }

    public sealed class BatchInboxConsumer(BenchmarkDbContext db, MessagingMetrics metrics, Timings timings)
        : Inbox.InboxBatchConsumer<BenchmarkEvent, BenchmarkDbContext>(db, metrics)
    {
        protected override Task HandleAsync(IReadOnlyList<ConsumeContext<BenchmarkEvent>> messages)
        {
            foreach (var message in messages)
            {
                Db.Effects.Add(new Effect { RecordId = message.Message.RecordId });
            }
            return Task.CompletedTask;
        }

        protected override Task AfterCommitAsync(IReadOnlyList<ConsumeContext<BenchmarkEvent>> applied)
        {
            timings.Batch(applied.Count);
            foreach (var message in applied)
            {
                timings.Consumed(message.Message.RecordId);
            }
            return Task.CompletedTask;
        }
    }
}
