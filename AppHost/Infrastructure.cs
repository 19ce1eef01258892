using System.Diagnostics;
using EduPlatform.Kernel;

namespace EduPlatform.AppHost;

public enum InfrastructureMode
{
    Auto,
    Containers,
    Local,
    External,
}

/// <summary>
/// PostgreSQL, RabbitMQ and Redis as the services see them: connection-string resources under the
/// names in <see cref="ResourceNames"/>, whatever runs behind them (README, "Configuration").
/// </summary>
public sealed class Infrastructure
{
    public required Func<string, IResourceBuilder<IResourceWithConnectionString>> Database { get; init; }
    public required IResourceBuilder<IResourceWithConnectionString> RabbitMq { get; init; }
    public required IResourceBuilder<IResourceWithConnectionString> Redis { get; init; }

    /// <summary>What a service waits for before it starts (the servers themselves).</summary>
    public required IResourceBuilder<IResource>[] Servers { get; init; }

    public static Infrastructure Add(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Infrastructure:Mode"] ?? "auto";
        if (!Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var mode))
        {
            throw new InvalidOperationException(
                $"Infrastructure:Mode is '{configured}'; use auto, containers, local or external.");
        }
        if (mode == InfrastructureMode.Auto)
        {
            mode = ContainerRuntimeAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local;
        }
        Console.WriteLine($"EduPlatform infrastructure mode: {mode.ToString().ToLowerInvariant()} (Infrastructure:Mode={configured})");

        return mode switch
        {
            InfrastructureMode.Containers => AddContainers(builder),
            InfrastructureMode.Local => LocalServers.Add(builder),
            _ => AddExternal(builder),
        };
    }

    private static Infrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume("eduplatform-postgres");
        var rabbit = builder.AddRabbitMQ(ResourceNames.RabbitMq).WithDataVolume("eduplatform-rabbitmq");
        var redis = builder.AddRedis(ResourceNames.Redis).WithDataVolume("eduplatform-redis");
        return new Infrastructure
        {
            Database = name => postgres.AddDatabase(name, DatabaseName(name)),
            RabbitMq = rabbit,
            Redis = redis,
            Servers = [postgres.AsResource(), rabbit.AsResource(), redis.AsResource()],
        };
    }

    /// <summary>Connection strings from configuration (ConnectionStrings:funding-db and so on).</summary>
    private static Infrastructure AddExternal(IDistributedApplicationBuilder builder) => new()
    {
        Database = name => builder.AddConnectionString(name),
        RabbitMq = builder.AddConnectionString(ResourceNames.RabbitMq),
        Redis = builder.AddConnectionString(ResourceNames.Redis),
        Servers = [],
    };

    /// <summary>"funding-db" → "funding": the database's name inside the server.</summary>
    public static string DatabaseName(string resourceName) =>
        resourceName.EndsWith("-db", StringComparison.Ordinal) ? resourceName[..^3] : resourceName;

    private static bool ContainerRuntimeAnswers()
    {
        foreach (var runtime in new[] { "docker", "podman" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(runtime, "info")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                });
                if (probe is null)
                {
                    continue;
                }
                if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    probe.Kill(entireProcessTree: true);
                    continue;
                }
                if (probe.ExitCode == 0)
                {
                    return true;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed
            }
        }
        return false;
    }
}

internal static class ResourceBuilderExtensions
{
    public static IResourceBuilder<IResource> AsResource<T>(this IResourceBuilder<T> builder) where T : IResource =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResource>(builder.Resource);

    /// <summary>A service's database, the broker, and a wait on the servers behind them.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(
        this IResourceBuilder<ProjectResource> service, Infrastructure infra, string database)
    {
        service.WithReference(infra.Database(database)).WithReference(infra.RabbitMq, ResourceNames.RabbitMq);
        foreach (var server in infra.Servers)
        {
            service.WaitFor(server);
        }
        return service;
    }
}
