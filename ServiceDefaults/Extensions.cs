using EduPlatform.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EduPlatform.ServiceDefaults;

/// <summary>What every EduPlatform service has: telemetry, health checks, service discovery, resilience.</summary>
public static class Extensions
{
    public const string HealthPath = HealthPaths.Health;
    public const string AlivePath = HealthPaths.Alive;

    /// <summary>Health checks tagged "live" answer <c>/alive</c>; every check answers <c>/health</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Activity sources and meters of the libraries the services use.</summary>
    public static readonly string[] TraceSources = ["MassTransit", "Npgsql", "EduPlatform.*"];
    public static readonly string[] Meters = ["MassTransit", "Npgsql", "EduPlatform.*"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var policy = TelemetryPolicy.From(builder.Configuration);
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var pressure = exporting ? new TracePressure(policy.QueueSize) : null;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters)
                .AddMeter(TelemetryPolicy.SdkMeter))
            .WithTracing(tracing => tracing
                .SetSampler(policy.Sampler(pressure))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TraceSources)
                // Probes every few seconds would drown the real traces.
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !IsHealthProbe(ctx.Request.Path);
                    // A credential sent in a query string (access_token=…) must not end up in a trace.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.QueryString.HasValue)
                        {
                            activity.SetTag("url.query", QueryRedaction.Redact(request.QueryString.Value));
                        }
                    };
                })
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    if (request.RequestUri is { Query.Length: > 0 } uri)
                    {
                        activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path) + QueryRedaction.Redact(uri.Query));
                    }
                })
                // The connection's own keep-alive PINGs are not work anyone asked for.
                .AddRedisInstrumentation(o => o.Filter = context => context.ProfiledCommand.Command != "PING"));

        if (pressure is not null)
        {
            // Traces through the platform's measured exporter (TracePressure); metrics and logs through the SDK's.
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddProcessor(policy.ExportProcessor(builder.Configuration, pressure)))
                .WithMetrics(metrics => metrics.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter());
            policy.ConfigureLogExport(builder.Services, builder.Configuration);
            builder.Services.AddSingleton(pressure);
            builder.Services.AddHostedService<TelemetryDrops>();
            // Registered before the other hosted services, so it stops after them; only with an exporter, which
            // is what makes stopping slow (and WebApplicationFactory test hosts, which export nothing, dispose
            // the providers while hosted services stop).
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, TelemetryShutdown>());
        }
        return builder;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        // The framework logs every probe that finds a check unhealthy as an error, so each start logged errors while
        // the bus was still binding its queues (quorum queues take a few seconds), and an outage would log one per
        // probe. Health is what /health answers, what the collector's httpcheck turns into a metric and what the
        // ServiceNotHealthy alert watches; the failing component logs its own error.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        return builder;
    }

    /// <summary><c>/health</c>: ready (every dependency answers); <c>/alive</c>: the process runs.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // The probes' own database and Redis calls would otherwise show up as root traces every few seconds.
        app.Use(async (context, next) =>
        {
            if (!IsHealthProbe(context.Request.Path))
            {
                await next(context);
                return;
            }
            using (SuppressInstrumentationScope.Begin())
            {
                await next(context);
            }
        });
        // The orchestrator probes without a token.
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteHealthReport }).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag),
            ResponseWriter = WriteHealthReport,
        }).AllowAnonymous();
        return app;
    }

    // A short JSON body so an operator sees which dependency is down, not just "Unhealthy".
    private static Task WriteHealthReport(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
            }),
        });
}
