using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduPlatform.ServiceDefaults.Tests;

public sealed class ShutdownTests
{
    /// <summary>
    /// With the telemetry collector unreachable, a service still stops well within an orchestrator's grace
    /// period. Left to disposal, each telemetry provider in turn waited for its exporter to retry the dead
    /// collector, so a restart from the Aspire dashboard (which waits about 12 s) failed, and Kubernetes'
    /// 30 s would have been close. Not a speed figure: the bound is a deadline others enforce.
    /// </summary>
    [Fact]
    public async Task A_service_stops_promptly_when_its_telemetry_collector_is_unreachable()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"https://localhost:{ClosedPort()}";
        builder.Configuration["OTEL_SERVICE_NAME"] = "shutdown-test";
        // As the AppHost configures every service: exports every second, retried in memory until the export times out.
        builder.Configuration["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        builder.Configuration["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        builder.Configuration["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        builder.Configuration["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        builder.AddServiceDefaults();
        var app = builder.Build();
        await app.StartAsync(ct);

        // Something for every provider to export: a span, a log record, a measurement.
        using (var source = new ActivitySource("EduPlatform.ShutdownTest"))
        using (source.StartActivity("work"))
        {
            app.Services.GetRequiredService<ILogger<ShutdownTests>>().LogInformation("work done");
        }
        using var meter = new Meter("EduPlatform.ShutdownTest");
        meter.CreateCounter<int>("work").Add(1);
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // past the exporters' 1 s schedule: they are now retrying

        var stopping = Stopwatch.StartNew();
        await app.StopAsync(ct);
        await app.DisposeAsync();
        stopping.Stop();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(8), $"stopping took {stopping.Elapsed.TotalSeconds:0.0} s");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
