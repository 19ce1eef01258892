using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// Real PostgreSQL, RabbitMQ and Redis servers for one test run (an assembly fixture): containers
/// where Docker answers, else the machine's own servers started from eng/infra. Each test class
/// asks for its own database, virtual host and Redis database, so classes never see each other's data.
/// </summary>
public sealed class Servers : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eduplatform-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<IAsyncDisposable> _owned = [];
    private int _nextRedisDatabase;

    /// <summary>Server-level connection string (no database); see <see cref="CreateDatabaseAsync"/>.</summary>
    public string PostgresServer { get; private set; } = "";
    public string RabbitMqHost { get; private set; } = "";
    public int RabbitMqPort { get; private set; }
    public Uri RabbitMqManagement { get; private set; } = null!;
    public string RedisServer { get; private set; } = "";

    /// <summary>The broker as a process the tests may stop and start (local servers only).</summary>
    public LocalServer? RabbitMqProcess { get; private set; }

    public bool UsesContainers { get; private set; }

    public async ValueTask InitializeAsync()
    {
        UsesContainers = DockerAnswers();
        if (UsesContainers)
        {
            await StartContainersAsync();
        }
        else
        {
            await StartLocalServersAsync();
        }
    }

    private async Task StartLocalServersAsync()
    {
        // Test assemblies pick free ports at the same moment, so a port can be taken between the pick and
        // the server's bind (RabbitMQ's epmd has failed so): start again on other ports, in a fresh folder.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartLocalServersOnceAsync(Path.Combine(_root, $"attempt-{attempt}"));
                return;
            }
            catch (Exception) when (attempt < 3)
            {
                foreach (var server in _owned)
                {
                    await server.DisposeAsync();
                }
                _owned.Clear();
            }
        }
    }

    private async Task StartLocalServersOnceAsync(string root)
    {
        Directory.CreateDirectory(root);
        var pgPort = LocalServer.FreePort();
        var rabbitPort = LocalServer.FreePort(consecutive: 4);
        var redisPort = LocalServer.FreePort();
        PostgresServer = $"Host=127.0.0.1;Port={pgPort};Username=postgres;Pooling=true";
        RabbitMqHost = "127.0.0.1";
        RabbitMqPort = rabbitPort;
        RabbitMqManagement = new Uri($"http://127.0.0.1:{rabbitPort + 2}/");
        RedisServer = $"127.0.0.1:{redisPort}";

        var postgres = LocalServer.Postgres(Path.Combine(root, "postgres"), pgPort, PingPostgres);
        var rabbit = LocalServer.RabbitMq(Path.Combine(root, "rabbitmq"), rabbitPort, PingRabbitMq);
        var redis = LocalServer.Redis(Path.Combine(root, "redis"), redisPort, PingRedis);
        _owned.AddRange([postgres, rabbit, redis]);
        // Started together: RabbitMQ's ten seconds dominate.
        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync(), redis.StartAsync());
        RabbitMqProcess = rabbit;
    }

    private async Task StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:17").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:4-management").WithUsername("guest").WithPassword("guest").WithPortBinding(15672, true).Build();
        var redis = new RedisBuilder("redis:7").Build();
        _owned.AddRange([postgres, rabbit, redis]);
        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync(), redis.StartAsync());
        var pg = new NpgsqlConnectionStringBuilder(postgres.GetConnectionString()) { Database = null };
        PostgresServer = pg.ConnectionString;
        RabbitMqHost = rabbit.Hostname;
        RabbitMqPort = rabbit.GetMappedPublicPort(5672);
        RabbitMqManagement = new Uri($"http://{rabbit.Hostname}:{rabbit.GetMappedPublicPort(15672)}/");
        RedisServer = redis.GetConnectionString();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// What a server restart does to one database (of <see cref="CreateDatabaseAsync"/>), without disturbing the others:
    /// every session is ended (as a restart's shutdown ends them) and new ones are refused for <paramref name="outage"/>.
    /// Returns how many sessions were ended.
    /// </summary>
    public async Task<int> RestartDatabaseAsync(string databaseConnectionString, TimeSpan outage)
    {
        var name = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var refuse = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false", connection))
        {
            await refuse.ExecuteNonQueryAsync();
        }
        try
        {
            // pg_terminate_backend with a timeout waits for each session to be gone.
            await using var end = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE datname = $1", connection);
            end.Parameters.AddWithValue(name);
            var ended = (int)(long)(await end.ExecuteScalarAsync())!;
            await Task.Delay(outage);
            return ended;
        }
        finally
        {
            // Even when ending the sessions failed: the database must not stay closed to the rest of the class.
            await using var allow = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true", connection);
            await allow.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Creates an empty virtual host and returns the amqp:// URI for it.</summary>
    public async Task<string> CreateVirtualHostAsync(string prefix)
    {
        var vhost = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        using var http = RabbitMqManagementClient();
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var all = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await http.PutAsync($"api/permissions/{vhost}/guest", all)).EnsureSuccessStatusCode();
        return $"amqp://guest:guest@{RabbitMqHost}:{RabbitMqPort}/{Uri.EscapeDataString(vhost)}";
    }

    /// <summary>An HTTP client for RabbitMQ's management API, logged in as guest.</summary>
    public HttpClient RabbitMqManagementClient(TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = RabbitMqManagement, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return http;
    }

    /// <summary>A Redis connection string pointing at a logical database no other test class uses.</summary>
    public string AllocateRedis()
    {
        var database = Interlocked.Increment(ref _nextRedisDatabase) % (UsesContainers ? 16 : 256);
        return $"{RedisServer},defaultDatabase={database}";
    }

    private async Task PingPostgres(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(PostgresServer + ";Timeout=3");
        await connection.OpenAsync(ct);
    }

    private async Task PingRabbitMq(CancellationToken ct)
    {
        var factory = new ConnectionFactory { HostName = RabbitMqHost, Port = RabbitMqPort, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        using var http = RabbitMqManagementClient(TimeSpan.FromSeconds(3));
        (await http.GetAsync("api/overview", ct)).EnsureSuccessStatusCode();
    }

    private async Task PingRedis(CancellationToken ct)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer + ",connectTimeout=2000");
        await redis.GetDatabase().PingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections would keep PostgreSQL's backends alive; close them first.
        NpgsqlConnection.ClearAllPools();
        await Task.WhenAll(_owned.Select(s => s.DisposeAsync().AsTask()));
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // leftovers in /tmp are harmless
        }
    }

    /// <summary>Docker is used only when its engine answers, not merely when the client is installed.</summary>
    public static bool DockerAnswers()
    {
        if (Environment.GetEnvironmentVariable("EDUPLATFORM_TEST_INFRASTRUCTURE") is { } forced)
        {
            return forced.Equals("containers", StringComparison.OrdinalIgnoreCase);
        }
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (probe is null || !probe.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                probe?.Kill(entireProcessTree: true);
                return false;
            }
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
