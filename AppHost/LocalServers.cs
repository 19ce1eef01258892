using EduPlatform.Kernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace EduPlatform.AppHost;

/// <summary>
/// The machine's own postgres, rabbitmq-server and redis-server, started by Aspire as executables
/// (so the dashboard shows their state and logs, and Ctrl+C stops them) through the scripts in
/// eng/infra, each kept running after a crash by eng/infra/supervise.sh (see <see cref="ServerSupervision"/>). Data lives in the repository's ignored .state folder, so a restart keeps it.
/// </summary>
public static class LocalServers
{
    public const int PostgresPort = 55432;
    public const int RabbitMqPort = 55672;
    public const int RedisPort = 56379;

    /// <summary>
    /// The repository's .state folder — unless, as root, PostgreSQL and RabbitMQ (which then run as their
    /// own users) could not reach it: a clone under /root or a mktemp folder. The data then goes to
    /// /var/tmp, in a folder named after the repository, and the AppHost says so.
    /// </summary>
    private static string DefaultState(string repoRoot)
    {
        var state = Path.Combine(repoRoot, ".state");
        if (OperatingSystem.IsWindows() || Environment.UserName != "root" || ReachableByOthers(repoRoot))
        {
            return state;
        }
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(repoRoot)))[..8];
        var moved = Path.Combine("/var/tmp", $"eduplatform-{hash}");
        Console.WriteLine($"EduPlatform: the postgres and rabbitmq users cannot reach {repoRoot}; local data goes to {moved}.");
        return moved;
    }

    private static bool ReachableByOthers(string directory)
    {
        for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent)
        {
            if (!d.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }

    public static Infrastructure Add(IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var repoRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var state = Path.GetFullPath(config["Infrastructure:StateDirectory"] ?? DefaultState(repoRoot));
        var pgPort = config.GetValue("Infrastructure:Ports:Postgres", PostgresPort);
        var rabbitPort = config.GetValue("Infrastructure:Ports:RabbitMq", RabbitMqPort);
        var redisPort = config.GetValue("Infrastructure:Ports:Redis", RedisPort);

        var postgresConnection = $"Host=127.0.0.1;Port={pgPort};Username=postgres";
        var rabbitConnection = $"amqp://guest:guest@127.0.0.1:{rabbitPort}/";
        var redisConnection = $"127.0.0.1:{redisPort}";

        var postmasterPid = Path.Combine(state, ResourceNames.Postgres, "postmaster.pid");
        Func<CancellationToken, Task> postgresProbe = async ct =>
        {
            // A connection made while the server starts up is refused with a FATAL in its log: the postmaster
            // writes "ready" into its pid file once it accepts connections, so the probe waits for that first.
            if (!File.Exists(postmasterPid) || (await File.ReadAllLinesAsync(postmasterPid, ct)).LastOrDefault()?.Trim() != "ready")
            {
                throw new InvalidOperationException("PostgreSQL is not accepting connections yet.");
            }
            await using var connection = new NpgsqlConnection(postgresConnection + ";Timeout=3");
            await connection.OpenAsync(ct);
        };
        Func<CancellationToken, Task> rabbitProbe = async ct =>
        {
            var factory = new ConnectionFactory { Uri = new Uri(rabbitConnection), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync(ct);
        };
        Func<CancellationToken, Task> redisProbe = async ct =>
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",connectTimeout=3000");
            await redis.GetDatabase().PingAsync();
        };

        var supervised = new List<(IResource, Func<CancellationToken, Task>)>();
        // Each server runs under eng/infra/supervise.sh, which starts it again after a crash;
        // the stop signal is the server's own clean shutdown (PostgreSQL's "fast" one is SIGINT).
        IResourceBuilder<ExecutableResource> Server(string name, string script, int port, string stopSignal, Func<CancellationToken, Task> probe)
        {
            var check = name + "-ready";
            builder.Services.AddHealthChecks().AddAsyncCheck(check, ct => Probe(() => probe(ct)));
            var server = builder.AddExecutable(name, "bash", repoRoot, Path.Combine("eng", "infra", "supervise.sh"), stopSignal, script,
                    Path.Combine(state, name), port.ToString())
                .WithHealthCheck(check)
                .WithIconName(name == ResourceNames.Postgres ? "Database" : "Server");
            supervised.Add((server.Resource, probe));
            return server;
        }

        var postgres = Server(ResourceNames.Postgres, "postgres.sh", pgPort, "INT", postgresProbe);
        var rabbit = Server(ResourceNames.RabbitMq, "rabbitmq.sh", rabbitPort, "TERM", rabbitProbe);
        var redis = Server(ResourceNames.Redis, "redis.sh", redisPort, "TERM", redisProbe);
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ServerSupervision>(sp, supervised));

        return new Infrastructure
        {
            Database = name => builder.AddConnectionString(name,
                ReferenceExpression.Create($"{postgresConnection};Database={Infrastructure.DatabaseName(name)}")),
            // The executables hold the names "rabbitmq" and "redis"; services still read
            // ConnectionStrings:rabbitmq and :redis (see WithInfrastructure).
            RabbitMq = builder.AddConnectionString(ResourceNames.RabbitMq + "-amqp", ReferenceExpression.Create($"{rabbitConnection}")),
            Redis = builder.AddConnectionString(ResourceNames.Redis + "-cache", ReferenceExpression.Create($"{redisConnection}")),
            Servers = [postgres.AsResource(), rabbit.AsResource(), redis.AsResource()],
        };
    }

    private static async Task<HealthCheckResult> Probe(Func<Task> connect)
    {
        try
        {
            await connect();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
