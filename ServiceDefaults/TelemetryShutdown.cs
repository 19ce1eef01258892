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
/// restarts a service (about 12 s), so the restart failed.
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
        // Each shutdown keeps to the timeout it is given; all are awaited, so none is still running when the host
        // disposes the providers (a provider disposed while shutting down throws).
        await Task.WhenAll(_shutdowns.Select(shutdown => Task.Run(() => shutdown(timeout), CancellationToken.None)));
    }
}
