using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// A RabbitMQ of a test's own, which it may stop and start again without disturbing the other tests (local
/// servers only), and the check that a service's <c>/health</c> reports the outage as it should and recovers.
/// </summary>
public sealed class OwnBroker : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "eduplatform-broker-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly LocalServer _broker;

    private OwnBroker(int port)
    {
        Port = port;
        _broker = LocalServer.RabbitMq(_root, port, async ct =>
        {
            var factory = new RabbitMQ.Client.ConnectionFactory { HostName = "127.0.0.1", Port = port };
            await using var connection = await factory.CreateConnectionAsync(ct);
        });
    }

    public int Port { get; }
    public string AmqpUri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<OwnBroker> StartAsync()
    {
        var broker = new OwnBroker(LocalServer.FreePort(consecutive: 4));
        await broker.RestartAsync();
        return broker;
    }

    /// <summary>Stops the broker process (its data stays).</summary>
    public Task StopAsync() => _broker.StopAsync();

    /// <summary>Starts the broker again on the same port and data, and waits until it answers.</summary>
    public Task RestartAsync() => _broker.StartAsync(TestContext.Current.CancellationToken);

    /// <summary>
    /// Waits for <c>/health</c> to be Healthy, stops the broker, and asserts that the <c>broker</c> check turns
    /// <paramref name="expected"/> with a description containing <paramref name="says"/> and the answer's status
    /// <paramref name="httpStatus"/>; then starts the broker again and waits for the check to be Healthy.
    /// </summary>
    public async Task AssertReportedAsync(HttpClient client, string expected, int httpStatus, string says)
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<(int Http, JsonElement Body)> HealthAsync()
        {
            using var response = await client.GetAsync("/health", ct);
            return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(ct));
        }
        string Check(JsonElement body) => body.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString()!;

        await Poll.UntilAsync(async () => (await HealthAsync()).Http == 200 && Check((await HealthAsync()).Body) == "Healthy",
            TimeSpan.FromSeconds(60), "/health never reported the broker Healthy");
        await StopAsync();
        (int Http, JsonElement Body) down = default;
        await Poll.UntilAsync(async () => Check((down = await HealthAsync()).Body) == expected, TimeSpan.FromSeconds(60),
            $"/health never reported the stopped broker as {expected}");
        Assert.Equal(httpStatus, down.Http);
        Assert.Contains(says, down.Body.GetProperty("checks").GetProperty("broker").GetProperty("description").GetString());

        await RestartAsync();
        await Poll.UntilAsync(async () => Check((await HealthAsync()).Body) == "Healthy", TimeSpan.FromSeconds(90),
            "/health never reported the broker Healthy again after it came back");
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A broker file still held open: the temporary folder is left for the system to clear.
        }
    }
}
