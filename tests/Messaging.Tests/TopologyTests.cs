using System.Net.Http.Json;
using System.Text.Json;
using EduPlatform.Contracts;
using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Messaging.Tests;

/// <summary>What the bus declares on the broker for the platform's events.</summary>
public sealed class TopologyTests(Servers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_county_event_goes_to_its_own_exchange_and_none_is_declared_for_the_interface_events_share()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp);
        await using (var db = scenario.NewDb())
        {
            db.AddEvent(new CountyRecorded("139901", "城东区", 1, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }
        await Poll.UntilAsync(async () => await scenario.PendingOutboxRowsAsync() == 0, TimeSpan.FromSeconds(30), "the event was never published");

        using var http = servers.RabbitMqManagementClient();
        var exchanges = (await http.GetFromJsonAsync<JsonElement>($"api/exchanges/{Uri.EscapeDataString(scenario.VirtualHost)}", Ct))
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Contains($"{typeof(CountyRecorded).Namespace}:{nameof(CountyRecorded)}", exchanges);
        Assert.DoesNotContain(exchanges, name => name.Contains(nameof(ICountyEvent), StringComparison.Ordinal));
    }
}
