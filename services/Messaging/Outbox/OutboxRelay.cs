using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using EduPlatform.WebApi.Access;
using Npgsql;

namespace EduPlatform.Messaging.Outbox;

/// <summary>
/// Publishes a service's outbox rows. Each worker claims a batch with FOR UPDATE SKIP LOCKED (so
/// any number of relays share one outbox without publishing a row twice), publishes the batch
/// concurrently with MessageId = row id and the trace context stored with the row, waits for the
/// broker's confirms, marks the confirmed rows sent and commits. A crash anywhere before that commit
/// leaves the rows pending, so they are published again: at least once, never lost; the consumers'
/// inboxes absorb the duplicate. Rows are found by state, not by a high-water mark, so transactions
/// that commit out of id order cannot hide a row.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceProvider services,
    IBusControl bus,
    IHostApplicationLifetime lifetime,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly ConcurrentDictionary<string, Type?> Types = new();
    private readonly MessagingOptions _options = options.Value;
    private readonly WakeSignal _wake = new();
    private NpgsqlDataSource _database = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var connectionString = scope.ServiceProvider.GetRequiredService<TContext>().Database.GetConnectionString()
                ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no connection string");
            // The relay's own polling (claims, backlog, cleanup) would fill the trace view with root
            // spans every few seconds; only commands run inside a trace are traced.
            _database = new NpgsqlDataSourceBuilder(connectionString)
                .ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => Activity.Current is not null))
                .Build();
        }
        await using var database = _database;

        // Publish only once this process's own receive endpoints are bound: a message published to an
        // exchange with no queue yet would be confirmed by the broker and silently dropped.
        await WaitForBusAsync(stoppingToken);
        await RequireNotifyTriggerAsync(database, stoppingToken);

        var loops = new List<Task> { ListenAsync(stoppingToken), CleanupAsync(stoppingToken), MeasureBacklogAsync(stoppingToken) };
        loops.AddRange(Enumerable.Range(0, Math.Max(1, _options.RelayWorkers)).Select(_ => WorkAsync(stoppingToken)));
        await Task.WhenAll(loops);
    }

    /// <summary>
    /// Stops the service (a BackgroundService that throws stops its host) when the outbox has no NOTIFY trigger:
    /// a migration generated from the model creates the tables but not the trigger, and the relay would then
    /// publish only at each idle poll — slow, and silent about why.
    /// </summary>
    public static async Task RequireNotifyTriggerAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var check = new NpgsqlCommand(
            $"SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{MessagingModel.OutboxTable}_notify' " +
            $"AND tgrelid = to_regclass('{MessagingModel.OutboxTable}'))", connection);
        if (await check.ExecuteScalarAsync(ct) is not true)
        {
            throw new InvalidOperationException(
                $"The {MessagingModel.OutboxTable} table of database '{connection.Database}' has no NOTIFY trigger " +
                $"({MessagingModel.OutboxTable}_notify), so the outbox relay would wake only at each poll. The migration that adds " +
                "the outbox must call migrationBuilder.CreateOutboxAndInbox() rather than the tables generated from the model " +
                "(docs/new-department.md).");
        }
    }

    private async Task WaitForBusAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, ct));
        }
        while (!ct.IsCancellationRequested && bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            await Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.Zero;
        while (!ct.IsCancellationRequested)
        {
            // Taken before the claim, so a NOTIFY that arrives during the claim is not missed.
            var woken = _wake.Next;
            int claimed;
            try
            {
                claimed = await RelayBatchAsync(ct);
                backoff = TimeSpan.Zero;
            }
            catch (BrokerUnavailableException ex)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : Min(backoff * 2, _options.MaxBrokerBackoff);
                LogBrokerAway(backoff.TotalSeconds, ex.InnerException?.Message ?? ex.Message);
                await Delay(backoff, ct);
                continue;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The database is away, or the outbox table is not there yet: try again soon.
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : Min(backoff * 2, _options.MaxBrokerBackoff);
                LogRelayFailed(ex, backoff.TotalSeconds);
                await Delay(backoff, ct);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (claimed < _options.RelayBatchSize)
            {
                await Task.WhenAny(woken, Task.Delay(_options.RelayIdlePoll, ct));
            }
        }
    }

    /// <summary>One claim–publish–mark round; returns how many rows it claimed.</summary>
    internal async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        var rows = new List<PendingRow>(_options.RelayBatchSize);
        await using (var claim = new NpgsqlCommand(
            $"""
            SELECT id, message_type, body, trace_parent, trace_state, attempts, actor
            FROM {MessagingModel.OutboxTable}
            WHERE sent_at IS NULL AND parked_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
            ORDER BY id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("batch", _options.RelayBatchSize);
            await using var reader = await claim.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new PendingRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return 0;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.PublishTimeout);
        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row, timeout.Token)));
        ct.ThrowIfCancellationRequested();

        var sent = outcomes.Where(o => o.Error is null).Select(o => o.Row.Id).ToArray();
        var brokerFailures = outcomes.Where(o => o.Error is not null && IsBrokerProblem(o.Error)).ToArray();
        var messageFailures = outcomes.Where(o => o.Error is not null && !IsBrokerProblem(o.Error)).ToArray();

        if (sent.Length > 0)
        {
            await using var mark = new NpgsqlCommand(
                $"UPDATE {MessagingModel.OutboxTable} SET sent_at = now(), last_error = NULL WHERE id = ANY(@ids)", connection, transaction);
            mark.Parameters.AddWithValue("ids", sent);
            await mark.ExecuteNonQueryAsync(ct);
        }
        var parked = 0;
        foreach (var failure in messageFailures)
        {
            var attempts = failure.Row.Attempts + 1;
            var park = attempts >= _options.MaxPublishAttempts;
            parked += park ? 1 : 0;
            await using var fail = new NpgsqlCommand(
                $"""
                UPDATE {MessagingModel.OutboxTable}
                SET attempts = @attempts, last_error = @error,
                    next_attempt_at = now() + make_interval(secs => @delay),
                    parked_at = CASE WHEN @park THEN now() END
                WHERE id = @id
                """, connection, transaction);
            fail.Parameters.AddWithValue("attempts", attempts);
            fail.Parameters.AddWithValue("error", Truncate(failure.Error!.ToString(), 2000));
            fail.Parameters.AddWithValue("delay", Math.Min(Math.Pow(2, attempts), 300));
            fail.Parameters.AddWithValue("park", park);
            fail.Parameters.AddWithValue("id", failure.Row.Id);
            await fail.ExecuteNonQueryAsync(ct);
            LogPublishFailed(failure.Error, failure.Row.Id, attempts, park);
        }
        await transaction.CommitAsync(ct);

        metrics.Published(sent.Length);
        metrics.PublishFailed(messageFailures.Length + brokerFailures.Length);
        metrics.Parked(parked);
        if (brokerFailures.Length > 0)
        {
            // Rows left untouched (no attempt counted: the broker, not the message, is at fault).
            throw new BrokerUnavailableException(brokerFailures[0].Error!);
        }
        return rows.Count;
    }

    private async Task<Outcome> PublishAsync(PendingRow row, CancellationToken ct)
    {
        try
        {
            var type = Types.GetOrAdd(row.MessageType, name => Type.GetType(name, throwOnError: false))
                ?? throw new InvalidOperationException($"Unknown message type '{row.MessageType}'");
            var message = JsonSerializer.Deserialize(row.Body, type, OutboxMessage.Json)
                ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty body");

            // The publish continues the trace of the request that wrote the row.
            ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
            using var activity = MessagingMetrics.ActivitySource.StartActivity($"outbox publish {type.Name}", ActivityKind.Internal, parent);
            activity?.SetTag("messaging.message.id", row.Id.ToString());

            await bus.Publish(message, type, context =>
            {
                context.MessageId = row.Id;
                if (row.Actor is not null)
                {
                    context.Headers.Set(RequestActor.Header, row.Actor);
                }
            }, ct);
            return new Outcome(row, null);
        }
        catch (Exception ex)
        {
            return new Outcome(row, ex);
        }
    }

    private static bool IsBrokerProblem(Exception ex) => ex switch
    {
        OperationCanceledException => true,
        TimeoutException => true,
        MassTransitException when ex.GetType().Name.Contains("Connection", StringComparison.Ordinal) => true,
        _ when ex.GetType().Namespace?.StartsWith("RabbitMQ.Client", StringComparison.Ordinal) == true => true,
        _ => ex.InnerException is not null && IsBrokerProblem(ex.InnerException),
    };

    private async Task ListenAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => _wake.Set();
                await using (var listen = new NpgsqlCommand($"LISTEN {MessagingModel.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                backoff = TimeSpan.FromMilliseconds(500);
                _wake.Set(); // rows may have been committed while nobody listened
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex.Message);
                await Delay(backoff, ct);
                backoff = Min(backoff * 2, TimeSpan.FromSeconds(10));
            }
        }
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Delay(_options.CleanupInterval, ct);
            try
            {
                await using var connection = await _database.OpenConnectionAsync(ct);
                await using var cleanup = new NpgsqlCommand(
                    $"""
                    DELETE FROM {MessagingModel.OutboxTable} WHERE sent_at < now() - @sent;
                    DELETE FROM {MessagingModel.InboxTable} WHERE processed_at < now() - @inbox;
                    """, connection);
                cleanup.Parameters.AddWithValue("sent", _options.SentRetention);
                cleanup.Parameters.AddWithValue("inbox", _options.InboxRetention);
                await cleanup.ExecuteNonQueryAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogCleanupFailed(ex.Message);
            }
        }
    }

    private async Task MeasureBacklogAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.OpenConnectionAsync(ct);
                await using var measure = new NpgsqlCommand(
                    $"SELECT count(*), now() - min(created_at) FROM {MessagingModel.OutboxTable} WHERE sent_at IS NULL AND parked_at IS NULL",
                    connection);
                await using var reader = await measure.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                metrics.Backlog(reader.GetInt64(0), reader.IsDBNull(1) ? TimeSpan.Zero : reader.GetTimeSpan(1));
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogMeasureFailed(ex.Message);
            }
            await Delay(TimeSpan.FromSeconds(5), ct);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(LogLevel.Warning, "Broker unavailable; outbox relay retries in {Seconds:0.0} s: {Reason}")]
    private partial void LogBrokerAway(double seconds, string reason);

    [LoggerMessage(LogLevel.Error, "Outbox relay round failed; retrying in {Seconds:0.0} s")]
    private partial void LogRelayFailed(Exception exception, double seconds);

    [LoggerMessage(LogLevel.Error, "Publishing outbox row {Id} failed (attempt {Attempts}, parked: {Parked})")]
    private partial void LogPublishFailed(Exception exception, Guid id, int attempts, bool parked);

    [LoggerMessage(LogLevel.Warning, "Outbox LISTEN connection lost: {Reason}")]
    private partial void LogListenFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Outbox cleanup failed: {Reason}")]
    private partial void LogCleanupFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Outbox backlog measurement failed: {Reason}")]
    private partial void LogMeasureFailed(string reason);

    private sealed record PendingRow(Guid Id, string MessageType, string Body, string? TraceParent, string? TraceState, int Attempts, string? Actor);

    private sealed record Outcome(PendingRow Row, Exception? Error);

    private sealed class BrokerUnavailableException(Exception inner) : Exception("The broker did not confirm the batch", inner);

    /// <summary>Wakes every waiting worker at once; each Set starts a new generation.</summary>
    private sealed class WakeSignal
    {
        private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _current).Task;

        public void Set() =>
            Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
