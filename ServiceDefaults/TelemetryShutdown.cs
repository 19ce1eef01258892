using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EduPlatform.ServiceDefaults;

/// <summary>
/// Shuts the telemetry providers down together, within <see cref="Budget"/>, as the host stops. Left to
/// disposal, each provider waits up to 5 s in turn for its exporter, which keeps retrying an unreachable
/// collector (the AppHost turns in-memory retry on): 15 s, longer than the Aspire dashboard waits when it
/// restarts a service (about 12 s), so the restart failed. Registered before the other hosted services,
/// so it stops after them and their last spans and logs still go out.
/// </summary>
internal sealed class TelemetryShutdown(IServiceProvider services) : IHostedService
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private readonly List<Func<int, bool>> _shutdowns = [];

    /// <summary>The providers are taken at start: by the time a test host stops, its services may be disposed.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<TracerProvider>() is { } traces)
        {
            _shutdowns.Add(traces.Shutdown);
        }
        if (services.GetService<MeterProvider>() is { } metrics)
        {
            _shutdowns.Add(metrics.Shutdown);
        }
        if (services.GetService<LoggerProvider>() is { } logs)
        {
            _shutdowns.Add(logs.Shutdown);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var timeout = (int)Budget.TotalMilliseconds;
        var shutdowns = _shutdowns.Select(shutdown => Task.Run(() => shutdown(timeout), CancellationToken.None));
        // An exporter stuck past its own timeout is abandoned: the process is ending anyway.
        await Task.WhenAny(Task.WhenAll(shutdowns), Task.Delay(Budget + TimeSpan.FromSeconds(1), CancellationToken.None));
    }
}
