using EduPlatform.Kernel;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// Runs one service in-process against the real servers, with a fresh database, virtual host and
/// Redis database of its own. Use one per test class (<c>IClassFixture</c>).
/// </summary>
public class ServiceFactory<TProgram>(Servers servers, string databaseConnectionName)
    : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    public string DatabaseConnectionString { get; private set; } = "";
    /// <summary>The broker virtual host; set before initialising to let several services talk to each other.</summary>
    public string RabbitMqConnectionString { get; set; } = "";
    public string RedisConnectionString { get; private set; } = "";

    /// <summary>What the service logged at error level or worse.</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>A test bus on the service's virtual host: collects <see cref="CollectedEvents"/> and stands in for other services.</summary>
    public EventCollector Events { get; private set; } = null!;

    /// <summary>The event types <see cref="Events"/> collects; none means no test bus is started (unless <see cref="PublishesOnly"/>).</summary>
    protected virtual Type[] CollectedEvents => [];

    /// <summary>Starts a test bus that collects nothing and only stands in for other services (it announces the registry).</summary>
    protected virtual bool PublishesOnly => false;

    public virtual async ValueTask InitializeAsync()
    {
        var prefix = Department;
        DatabaseConnectionString = await servers.CreateDatabaseAsync(prefix);
        if (RabbitMqConnectionString.Length == 0)
        {
            RabbitMqConnectionString = await servers.CreateVirtualHostAsync(prefix);
        }
        RedisConnectionString = servers.AllocateRedis();
        if (CollectedEvents.Length > 0 || PublishesOnly)
        {
            Events = await EventCollector.StartAsync(RabbitMqConnectionString, CollectedEvents);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    /// <summary>The department whose service this is ("funding", …, "inspection"), named as in tokens.</summary>
    public string Department => databaseConnectionName.Replace("-db", "", StringComparison.Ordinal);

    /// <summary>
    /// What <c>CreateClient()</c> sends: a city-level token of the service's own department holding every
    /// role, so tests of what a service does are not about access; the access tests send their own.
    /// </summary>
    public string DefaultToken => TestTokens.Issue(Department, roles: [Roles.Clerk, Roles.Inspector, Roles.Admin]);

    /// <summary>A client sending <paramref name="token"/> (null: no Authorization header at all).</summary>
    public HttpClient CreateClient(string? token) => CreateClient().WithToken(token);

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.WithToken(DefaultToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        builder.UseSetting("Identity:Authority", TestTokens.Issuer);
        builder.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, TestTokens.Trust));
        builder.UseSetting($"ConnectionStrings:{databaseConnectionName}", DatabaseConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.RabbitMq}", RabbitMqConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Redis}", RedisConnectionString);
        // Dead letters are counted every second, so a test sees /health change quickly.
        builder.UseSetting("Messaging:DeadLetterPollInterval", "00:00:01");
    }

    /// <summary>Reads the service's database directly, to check what a request did or did not store.</summary>
    public async Task<T> QueryAsync<TContext, T>(Func<TContext, Task<T>> query) where TContext : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    /// <summary>
    /// Asserts that <c>/health</c> becomes Healthy (a service's bus binds its queues after start-up, so
    /// it is given a few seconds) and lists each of the named checks.
    /// </summary>
    public async Task AssertHealthyAsync(params string[] checks)
    {
        using var client = CreateClient();
        var ct = TestContext.Current.CancellationToken;
        HealthReport? health = null;
        await Poll.UntilAsync(async () =>
        {
            var response = await client.GetAsync("/health", ct);
            health = await response.Content.ReadFromJsonAsync<HealthReport>(ct);
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(30), "/health never became Healthy");
        Assert.Equal("Healthy", health!.Status);
        foreach (var check in checks)
        {
            Assert.True(health.Checks.ContainsKey(check), $"/health lacks the check '{check}'");
            Assert.Equal("Healthy", health.Checks[check].Status);
        }
    }

    private sealed record HealthReport(string Status, Dictionary<string, HealthEntry> Checks);
    private sealed record HealthEntry(string Status, string? Description);
}
