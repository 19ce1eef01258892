using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
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
        // The standard variables, where an operator set them, win over the section.
        int Standard(string key, int value) => int.TryParse(configuration[key], out var set) ? set : value;
        policy = new TelemetryPolicy
        {
            SampleRatio = policy.SampleRatio,
            QueueSize = Standard("OTEL_BSP_MAX_QUEUE_SIZE", policy.QueueSize),
            ExportBatchSize = Standard("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", policy.ExportBatchSize),
            ExportDelayMilliseconds = Standard("OTEL_BSP_SCHEDULE_DELAY", policy.ExportDelayMilliseconds),
        };
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

    /// <param name="pressure">The export queue to shed new traces for when it fills; null when nothing is exported.</param>
    public Sampler Sampler(TracePressure? pressure = null)
    {
        Sampler sampler = new ParentBasedSampler(new TraceIdRatioBasedSampler(SampleRatio));
        return pressure is null ? sampler : new SheddingSampler(sampler, pressure);
    }

    /// <summary>
    /// Spans leave through a batch processor and OTLP exporter of the platform's own, which count what enters and
    /// leaves the queue (<paramref name="pressure"/>); the exporter's endpoint, headers and protocol are the standard
    /// OTEL_EXPORTER_OTLP_* settings.
    /// </summary>
    public BaseProcessor<Activity> ExportProcessor(IConfiguration configuration, TracePressure pressure) =>
        new MeasuredBatchProcessor(new MeasuredOtlpTraceExporter(TraceExporterOptions(configuration), pressure), this, pressure);

    private static OtlpExporterOptions TraceExporterOptions(IConfiguration configuration)
    {
        string? Setting(string name) => configuration[$"OTEL_EXPORTER_OTLP_TRACES_{name}"] ?? configuration[$"OTEL_EXPORTER_OTLP_{name}"];
        var options = new OtlpExporterOptions();
        var http = Setting("PROTOCOL") is "http/protobuf";
        options.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        if (configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] is { Length: > 0 } traces)
        {
            options.Endpoint = new Uri(traces);
        }
        else if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } endpoint)
        {
            options.Endpoint = new Uri(http ? endpoint.TrimEnd('/') + "/v1/traces" : endpoint);
        }
        if (Setting("HEADERS") is { Length: > 0 } headers)
        {
            options.Headers = headers;
        }
        if (int.TryParse(Setting("TIMEOUT"), out var timeout))
        {
            options.TimeoutMilliseconds = timeout;
        }
        return options;
    }

    /// <summary>The log records' export queue, unless the standard OTEL_BLRP_* variables already set it.</summary>
    public void ConfigureLogExport(IServiceCollection services, IConfiguration configuration)
    {
        bool Unset(string key) => string.IsNullOrWhiteSpace(configuration[key]);
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
/// How full the span export queue is, from what enters it and what the exporter has sent. Above half full, traces
/// that would start here are not started (<see cref="SheddingSampler"/>) until it has drained below a quarter:
/// under a load the collector cannot take, whole traces are left out instead of random spans dropped from the
/// traces being kept, which would leave them with holes (a consumer whose parent is missing).
/// </summary>
public sealed class TracePressure(int capacity)
{
    private long _queued, _exported, _lost, _shed;
    private int _shedding;

    /// <summary>Spans waiting in the queue (what entered, less what was sent and what a full queue turned away).</summary>
    public long Backlog => Math.Clamp(Interlocked.Read(ref _queued) - Interlocked.Read(ref _exported) - Interlocked.Read(ref _lost), 0, capacity);

    /// <summary>New traces not started because the queue was filling.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    public void Queued()
    {
        var backlog = Interlocked.Increment(ref _queued) - Interlocked.Read(ref _exported) - Interlocked.Read(ref _lost);
        if (backlog > capacity)
        {
            Interlocked.Add(ref _lost, backlog - capacity); // a full queue drops the span (the SDK counts it too)
        }
    }

    public void Exported(int count) => Interlocked.Add(ref _exported, count);

    /// <summary>Whether a new trace should be left out now; counts it when so.</summary>
    public bool ShedNewTrace()
    {
        var backlog = Backlog;
        if (backlog * 2 >= capacity)
        {
            Volatile.Write(ref _shedding, 1);
        }
        else if (backlog * 4 < capacity)
        {
            Volatile.Write(ref _shedding, 0);
        }
        if (Volatile.Read(ref _shedding) == 0)
        {
            return false;
        }
        Interlocked.Increment(ref _shed);
        return true;
    }
}

/// <summary>Leaves out traces that would start here while the export queue is filling; continued traces follow their parent.</summary>
public sealed class SheddingSampler(Sampler inner, TracePressure pressure) : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters parameters)
    {
        var result = inner.ShouldSample(parameters);
        return parameters.ParentContext.TraceId == default && result.Decision == SamplingDecision.RecordAndSample && pressure.ShedNewTrace()
            ? new SamplingResult(SamplingDecision.Drop)
            : result;
    }
}

internal sealed class MeasuredBatchProcessor(BaseExporter<Activity> exporter, TelemetryPolicy policy, TracePressure pressure)
    : BatchActivityExportProcessor(exporter, policy.QueueSize, policy.ExportDelayMilliseconds, 30_000, policy.ExportBatchSize)
{
    public override void OnEnd(Activity data)
    {
        if (data.Recorded)
        {
            pressure.Queued();
        }
        base.OnEnd(data);
    }
}

internal sealed class MeasuredOtlpTraceExporter(OtlpExporterOptions options, TracePressure pressure) : OtlpTraceExporter(options)
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var result = base.Export(batch);
        pressure.Exported((int)batch.Count);
        return result;
    }
}

/// <summary>
/// Watches the SDK's own counters and logs, at most once a minute, the spans and log records dropped because an
/// export queue was full (a warning: traces of that minute are incomplete), and the totals when the service stops.
/// </summary>
public sealed class TelemetryDrops : BackgroundService
{
    private readonly ILogger<TelemetryDrops> _logger;
    private readonly TimeProvider _clock;
    private readonly TracePressure? _pressure;
    private readonly MeterListener _listener = new();
    private long _handed, _dropped, _droppedReported, _shedReported;

    public TelemetryDrops(ILogger<TelemetryDrops> logger, TimeProvider clock, IMeterFactory? meters = null, TracePressure? pressure = null)
    {
        (_logger, _clock, _pressure) = (logger, clock, pressure);
        if (meters is not null && pressure is not null)
        {
            var meter = meters.Create("EduPlatform.Telemetry");
            meter.CreateObservableGauge("eduplatform.telemetry.export_backlog", () => pressure.Backlog, "{span}",
                "Spans waiting in the export queue");
            meter.CreateObservableCounter("eduplatform.telemetry.traces_shed", () => pressure.Shed, "{trace}",
                "New traces left out because the export queue was over half full");
        }
    }

    /// <summary>Spans and log records the SDK's processors accepted for export.</summary>
    public long Handed => Interlocked.Read(ref _handed);
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
            Interlocked.Add(ref _handed, value);
        });
        _listener.Start();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), _clock);
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
            _logger.LogWarning("Telemetry: {Dropped} spans or log records were dropped in the last minute because an export queue was full; " +
                "traces of that minute may be incomplete (raise Telemetry:QueueSize, or check the collector)", fresh);
        }
        var shed = _pressure?.Shed ?? 0;
        var newlyShed = shed - Interlocked.Exchange(ref _shedReported, shed);
        if (newlyShed > 0)
        {
            _logger.LogInformation("Telemetry: {Shed} new traces were not kept in the last minute because the export queue was over half full " +
                "(traces already begun were kept whole)", newlyShed);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Report();
        _logger.LogInformation("Telemetry: {Handed} spans and log records handed to the exporter, {Dropped} dropped, {Shed} new traces not kept",
            Handed, Dropped, _pressure?.Shed ?? 0);
        _listener.Dispose();
    }
}
