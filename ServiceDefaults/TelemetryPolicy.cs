using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace EduPlatform.ServiceDefaults;

/// <summary>
/// Which traces are kept and how spans leave the process (configuration section <c>Telemetry</c>, README
/// "Traces"). Sampling is parent-based: a trace continued from a caller, a broker message or an outbox row
/// follows the decision already taken at its start (the W3C <c>sampled</c> flag travels in the outbox row's
/// traceparent and in the message headers), so a trace is kept whole or not at all; only a trace that starts
/// here is sampled, at <see cref="SampleRatio"/>. The export queues are sized for the yearly returns' peak
/// (a bulk upload of thousands of teachers produces tens of thousands of spans in seconds); the SDK's own
/// <c>otel.sdk.processor.*.processed</c> counters (meter <c>otel.sdk.experimental</c>) report every span or log
/// record dropped because a queue was full, and <see cref="TelemetryDrops"/> logs it.
/// </summary>
public sealed class TelemetryPolicy
{
    public const string Section = "Telemetry";
    public const string SdkMeter = "otel.sdk.experimental";

    /// <summary>Share of traces started in this process that are kept: 1 keeps every trace (local default).</summary>
    public double SampleRatio { get; init; } = 1.0;

    /// <summary>Spans (and, separately, log records) waiting for export; beyond it they are dropped and counted. At about
    /// 1.5 KB a span, a full queue holds some 50 MB while the collector is unreachable.</summary>
    public int QueueSize { get; init; } = 32_768;

    /// <summary>Spans per export call: about 1 MB of OTLP, well under a collector's 4 MiB message limit.</summary>
    public int ExportBatchSize { get; init; } = 2_048;

    /// <summary>How long a span waits at most before its batch is sent (the SDK's default is 5 s).</summary>
    public int ExportDelayMilliseconds { get; init; } = 1_000;

    public static TelemetryPolicy From(IConfiguration configuration)
    {
        var policy = configuration.GetSection(Section).Get<TelemetryPolicy>() ?? new TelemetryPolicy();
        if (policy.SampleRatio is < 0 or > 1 || double.IsNaN(policy.SampleRatio))
        {
            throw new InvalidOperationException($"{Section}:{nameof(SampleRatio)} is {policy.SampleRatio}; it must lie between 0 and 1.");
        }
        if (policy.QueueSize < 1 || policy.ExportBatchSize < 1 || policy.ExportBatchSize > policy.QueueSize || policy.ExportDelayMilliseconds < 1)
        {
            throw new InvalidOperationException(
                $"{Section}: {nameof(QueueSize)}, {nameof(ExportBatchSize)} and {nameof(ExportDelayMilliseconds)} must be positive, the batch no larger than the queue.");
        }
        return policy;
    }

    public Sampler Sampler() => new ParentBasedSampler(new TraceIdRatioBasedSampler(SampleRatio));

    /// <summary>
    /// Sets the export queues unless the standard OTEL_BSP_* / OTEL_BLRP_* variables already do (an operator's
    /// explicit setting wins).
    /// </summary>
    public void ConfigureExport(IServiceCollection services, IConfiguration configuration)
    {
        bool Unset(string key) => string.IsNullOrWhiteSpace(configuration[key]);
        services.ConfigureAll<ActivityExportProcessorOptions>(o =>
        {
            var batch = o.BatchExportProcessorOptions;
            if (Unset("OTEL_BSP_MAX_QUEUE_SIZE")) { batch.MaxQueueSize = QueueSize; }
            if (Unset("OTEL_BSP_MAX_EXPORT_BATCH_SIZE")) { batch.MaxExportBatchSize = ExportBatchSize; }
            if (Unset("OTEL_BSP_SCHEDULE_DELAY")) { batch.ScheduledDelayMilliseconds = ExportDelayMilliseconds; }
        });
        services.ConfigureAll<LogRecordExportProcessorOptions>(o =>
        {
            var batch = o.BatchExportProcessorOptions;
            if (Unset("OTEL_BLRP_MAX_QUEUE_SIZE")) { batch.MaxQueueSize = QueueSize; }
            if (Unset("OTEL_BLRP_MAX_EXPORT_BATCH_SIZE")) { batch.MaxExportBatchSize = ExportBatchSize; }
            if (Unset("OTEL_BLRP_SCHEDULE_DELAY")) { batch.ScheduledDelayMilliseconds = ExportDelayMilliseconds; }
        });
    }
}

/// <summary>
/// Watches the SDK's own counters and logs, at most once a minute, the spans and log records dropped because an
/// export queue was full (a warning: traces of that minute are incomplete), and the totals when the service stops.
/// </summary>
public sealed class TelemetryDrops(ILogger<TelemetryDrops> logger, TimeProvider clock) : BackgroundService
{
    private readonly MeterListener _listener = new();
    private long _exported, _dropped, _droppedReported;

    public long Exported => Interlocked.Read(ref _exported);
    public long Dropped => Interlocked.Read(ref _dropped);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetryPolicy.SdkMeter && instrument.Name.EndsWith(".processed", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "error.type")
                {
                    Interlocked.Add(ref _dropped, value);
                    return;
                }
            }
            Interlocked.Add(ref _exported, value);
        });
        _listener.Start();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Report();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Report()
    {
        var dropped = Dropped;
        var fresh = dropped - Interlocked.Exchange(ref _droppedReported, dropped);
        if (fresh > 0)
        {
            logger.LogWarning("Telemetry: {Dropped} spans or log records were dropped in the last minute because an export queue was full; " +
                "traces of that minute may be incomplete (raise Telemetry:QueueSize, or check the collector)", fresh);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Report();
        logger.LogInformation("Telemetry: {Exported} spans and log records handed to the exporter, {Dropped} dropped", Exported, Dropped);
        _listener.Dispose();
    }
}
