using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace EduPlatform.ServiceDefaults;

public static class RedisExtensions
{
    /// <summary>
    /// Registers one shared Redis connection. It connects in the background and reconnects by itself,
    /// so a Redis outage makes the service slower (cache misses), not unable to start.
    /// </summary>
    public static TBuilder AddRedis<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is missing.");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()),
            failureStatus: null,
            tags: null));
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Degraded, not unhealthy: the cache only saves time, and every read falls back to the database.
                return HealthCheckResult.Degraded("Redis does not answer; reads fall back to the database", ex);
            }
        }
    }
}
