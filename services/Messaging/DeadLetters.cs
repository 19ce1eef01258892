using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using EduPlatform.WebApi.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace EduPlatform.Messaging;

/// <summary>
/// Messages whose consumer failed after every retry wait in their queue's <c>_error</c> queue (MassTransit's
/// dead letters). This makes them seen and recoverable: the count per queue is polled into a metric
/// (<c>eduplatform.consumer.dead_letters</c>) and into <c>/health</c> (Degraded while any wait), and an
/// administrator lists them and, once the cause is fixed, moves them back to be consumed again — the
/// inbox still holds, so a message that had in fact been applied is not applied twice.
/// </summary>
public sealed class DeadLetters : BackgroundService, IHealthCheck
{
    private readonly string _amqpUri;
    private readonly IOptions<MessagingOptions> _options;
    private readonly ILogger<DeadLetters> _logger;

    public DeadLetters(string amqpUri, IOptions<MessagingOptions> options, ILogger<DeadLetters> logger, IMeterFactory meters, Func<bool> queuesBound)
    {
        (_amqpUri, _options, _logger, _queuesBound) = (amqpUri, options, logger, queuesBound);
        var meter = meters.Create(MessagingMetrics.Name);
        meter.CreateObservableGauge("eduplatform.consumer.dead_letters",
            () => _waiting.Select(w => new Measurement<long>(w.Value, new KeyValuePair<string, object?>("queue", w.Key))),
            unit: "{message}", description: "Messages waiting in a queue's _error queue after their consumer failed every retry.");
        // Polled with the dead letters (same channel, same interval): an on-call engineer sees a consumer falling behind.
        meter.CreateObservableGauge("eduplatform.consumer.lag",
            () => _lag.Select(w => new Measurement<long>(w.Value, new KeyValuePair<string, object?>("queue", w.Key))),
            unit: "{message}", description: "Messages ready in a service's own queue, not yet taken by its consumers.");
    }

    public const string ErrorSuffix = "_error";
    public const string HealthCheckName = "dead-letters";

    private readonly ConcurrentDictionary<string, long> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lag = new(StringComparer.Ordinal);
    private readonly Func<bool> _queuesBound;
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private DateTimeOffset? _brokerDownSince;
    private string? _brokerFault;

    /// <summary>The service's own receive queues (registered as MassTransit configures them).</summary>
    public IReadOnlyCollection<string> Queues => [.. _queues.Keys.Order(StringComparer.Ordinal)];

    public void Follow(string queue) => _queues.TryAdd(queue, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CountAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Recorded by CountAsync for the broker check; the count itself is simply tried again next time.
                _logger.LogDebug(ex, "Could not count dead letters");
            }
            await Task.Delay(_options.Value.DeadLetterPollInterval, stoppingToken);
        }
    }

    /// <summary>Since when RabbitMQ could not be reached (null while it can), and why.</summary>
    public (DateTimeOffset? Since, string? Fault) BrokerDown => (_brokerDownSince, _brokerFault);

    public async Task CountAsync(CancellationToken ct)
    {
        try
        {
            await CountQueuesAsync(ct);
            (_brokerDownSince, _brokerFault) = (null, null);
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException
                                       or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            _brokerDownSince ??= DateTimeOffset.UtcNow;
            _brokerFault = ex.GetBaseException().Message;
            throw;
        }
    }

    private async Task CountQueuesAsync(CancellationToken ct)
    {
        // A queue is asked for passively only once the bus has made it: asking for one that does not exist yet
        // would fail, and RabbitMQ logs every such failure as an error.
        var bound = _queuesBound();
        foreach (var queue in Queues)
        {
            var (waiting, lag) = await UseChannelAsync(async channel =>
                (await WaitingAsync(channel, queue, ct), bound ? (long?)await channel.MessageCountAsync(queue, ct) : null), ct);
            _waiting[queue] = waiting;
            if (lag is { } ready)
            {
                _lag[queue] = ready;
            }
        }
        foreach (var gone in _waiting.Keys.Except(Queues))
        {
            _waiting.TryRemove(gone, out _);
            _lag.TryRemove(gone, out _);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = _waiting.Where(w => w.Value > 0).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
        return Task.FromResult(waiting.Count == 0
            ? HealthCheckResult.Healthy("No message waits in an _error queue.")
            : HealthCheckResult.Degraded(
                $"{waiting.Sum(w => w.Value)} message(s) failed every retry and wait: {string.Join(", ", waiting.Select(w => $"{w.Key}{ErrorSuffix} ({w.Value})"))}. " +
                "List them with GET /api/dead-letters; once the cause is fixed, POST /api/dead-letters/{queue}/redeliver.",
                data: waiting.ToDictionary(w => w.Key, w => (object)w.Value)));
    }

    public sealed record DeadLetter(Guid? MessageId, string? MessageType, string? Reason, string? FaultedAt);

    public sealed record QueueDeadLetters(string Queue, long Waiting, DeadLetter[] First);

    /// <summary>Each queue's waiting messages, the first <paramref name="peek"/> of each described (id, type, the fault, when).</summary>
    public async Task<QueueDeadLetters[]> ListAsync(int peek, CancellationToken ct)
    {
        var result = new List<QueueDeadLetters>();
        foreach (var queue in Queues)
        {
            var letters = await UseChannelAsync(async channel =>
            {
                var found = new List<DeadLetter>();
                var waiting = await WaitingAsync(channel, queue, ct);
                // Peeked without acknowledging: closing the channel puts them back.
                for (var i = 0; i < Math.Min(peek, waiting); i++)
                {
                    if (await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, ct) is not { } message)
                    {
                        break;
                    }
                    found.Add(Describe(message));
                }
                return (Waiting: waiting, Found: found);
            }, ct);
            _waiting[queue] = letters.Waiting;
            if (letters.Waiting > 0)
            {
                result.Add(new QueueDeadLetters(queue, letters.Waiting, [.. letters.Found]));
            }
        }
        return [.. result];
    }

    /// <summary>Moves every message of <paramref name="queue"/>'s error queue back to the queue, each confirmed before it is removed.</summary>
    public async Task<int> RedeliverAsync(string queue, CancellationToken ct)
    {
        var moved = await UseChannelAsync(async channel =>
        {
            var count = 0;
            while (await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, ct) is { } message)
            {
                var properties = new BasicProperties(message.BasicProperties);
                if (properties.Headers is { } headers)
                {
                    foreach (var fault in headers.Keys.Where(k => k.StartsWith("MT-Fault-", StringComparison.Ordinal) || k == "MT-Reason").ToList())
                    {
                        headers.Remove(fault);
                    }
                }
                // Through the default exchange straight to the queue: no other service's queue sees it again.
                await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, ct);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
                count++;
            }
            return count;
        }, ct, confirms: true);
        _logger.LogWarning("Re-delivered {Count} dead-lettered message(s) from {Queue}{Suffix}", moved, queue, ErrorSuffix);
        await CountAsync(ct);
        return moved;
    }

    /// <summary>
    /// Messages waiting in <paramref name="queue"/>'s error queue. Declares it as MassTransit does on a first fault
    /// (durable, shared, kept, of the service's queue type) and reads its count: a passive declare of a queue not made
    /// yet fails, and RabbitMQ logs every such failure as an error (two red lines per queue every poll).
    /// </summary>
    private async Task<long> WaitingAsync(IChannel channel, string queue, CancellationToken ct) =>
        (await channel.QueueDeclareAsync(queue + ErrorSuffix, durable: true, exclusive: false, autoDelete: false,
            arguments: _options.Value.QueueArguments, cancellationToken: ct)).MessageCount;

    private static DeadLetter Describe(BasicGetResult message)
    {
        string? Header(string name) => message.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()
            : null;
        Guid? id = Guid.TryParse(message.BasicProperties.MessageId, out var parsed) ? parsed : null;
        string? type = null;
        try
        {
            using var envelope = JsonDocument.Parse(message.Body);
            if (envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
            {
                type = types[0].GetString()?.Split(':').Last();
            }
            if (id is null && envelope.RootElement.TryGetProperty("messageId", out var mid) && Guid.TryParse(mid.GetString(), out var fromBody))
            {
                id = fromBody;
            }
        }
        catch (JsonException)
        {
            type = "(unreadable)";
        }
        return new DeadLetter(id, type, Header("MT-Fault-Message"), Header("MT-Fault-Timestamp"));
    }

    private async Task<T> UseChannelAsync<T>(Func<IChannel, Task<T>> use, CancellationToken ct, bool confirms = false)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                _connection?.Dispose();
                // A short timeout: a frozen broker is reported within a poll or two, not after half a minute.
                _connection = await new ConnectionFactory
                {
                    Uri = new Uri(_amqpUri), ClientProvidedName = "dead-letters", RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                    RequestedHeartbeat = TimeSpan.FromSeconds(10), AutomaticRecoveryEnabled = false,
                }.CreateConnectionAsync(ct);
            }
            // A passive declare of a missing queue closes its channel: one channel per use.
            await using var channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms), ct);
            return await use(channel);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _connection?.Dispose();
        _gate.Dispose();
        base.Dispose();
    }
}

/// <summary>
/// Readiness includes the broker: while RabbitMQ cannot be reached (as <see cref="DeadLetters"/> last found it)
/// <c>/health</c> says so — Degraded for a department service, whose writes still land in its outbox and wait
/// (the body says how many), Unhealthy for one that cannot do its job (<see cref="MessagingOptions.BrokerDownStatus"/>).
/// </summary>
public sealed class BrokerHealthCheck(DeadLetters deadLetters, MessagingMetrics metrics, IOptions<MessagingOptions> options) : IHealthCheck
{
    public const string Name = "broker";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (deadLetters.BrokerDown is not { Since: { } since } down)
        {
            return Task.FromResult(HealthCheckResult.Healthy("RabbitMQ answers."));
        }
        var status = options.Value.BrokerDownStatus;
        var consequence = status == HealthStatus.Degraded
            ? $"writes are accepted and wait in the outbox ({metrics.PendingBacklog} pending), to be published when it returns"
            : "events from the departments cannot be received until it returns; what this service serves may be out of date";
        return Task.FromResult(new HealthCheckResult(status,
            $"RabbitMQ cannot be reached since {since:O} ({down.Fault}): {consequence}."));
    }
}

public static class DeadLetterApi
{
    /// <summary><c>GET /api/dead-letters</c> and <c>POST /api/dead-letters/{queue}/redeliver</c>, for a city administrator.</summary>
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dead-letters").WithTags("Operations").RequireAuthorization(PlatformAccess.AdminPolicy);
        group.MapGet("/", List)
            .WithSummary("The messages waiting in this service's _error queues, the first twenty of each described (administrators).");
        group.MapPost("/{queue}/redeliver", Redeliver)
            .WithSummary("Moves a queue's failed messages back to it, to be consumed again once their cause is fixed (administrators).");
        return app;
    }

    /// <summary>The messages waiting in this service's _error queues, the first few of each described.</summary>
    public static async Task<Ok<DeadLetters.QueueDeadLetters[]>> List(DeadLetters deadLetters, CancellationToken ct) =>
        TypedResults.Ok(await deadLetters.ListAsync(peek: 20, ct));

    public sealed record RedeliveryOutcome(string Queue, int Redelivered);

    /// <summary>Moves a queue's dead letters back to it, to be consumed again (once their cause is fixed).</summary>
    public static async Task<Results<Ok<RedeliveryOutcome>, ProblemHttpResult>> Redeliver(string queue, DeadLetters deadLetters, CancellationToken ct)
    {
        if (!deadLetters.Queues.Contains(queue))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown queue",
                detail: $"This service consumes from: {string.Join(", ", deadLetters.Queues)}.");
        }
        return TypedResults.Ok(new RedeliveryOutcome(queue, await deadLetters.RedeliverAsync(queue, ct)));
    }
}
