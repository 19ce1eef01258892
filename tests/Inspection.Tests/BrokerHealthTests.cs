namespace EduPlatform.Inspection.Tests;

/// <summary>Readiness includes the broker: inspection, which cannot receive the departments' events without it, is Unhealthy.</summary>
public sealed class BrokerHealthTests(Servers servers)
{
    [Fact]
    public async Task With_the_broker_down_health_is_Unhealthy()
    {
        Assert.SkipWhen(servers.UsesContainers, "stops and restarts a broker process of its own (local servers only)");
        await using var broker = await OwnBroker.StartAsync();
        await using var factory = new InspectionFactory(servers) { RabbitMqConnectionString = broker.AmqpUri };
        await factory.InitializeAsync();
        using var client = factory.CreateClient();

        await broker.AssertReportedAsync(client, "Unhealthy", 503, "cannot be received");
    }
}
