namespace EduPlatform.Staffing.Tests;

/// <summary>Readiness includes the broker: a department service says it is Degraded, its writes waiting in the outbox.</summary>
public sealed class BrokerHealthTests(Servers servers)
{
    [Fact]
    public async Task With_the_broker_down_health_is_Degraded_and_says_writes_wait_in_the_outbox()
    {
        Assert.SkipWhen(servers.UsesContainers, "stops and restarts a broker process of its own (local servers only)");
        await using var broker = await OwnBroker.StartAsync();
        await using var factory = new StaffingFactory(servers) { RabbitMqConnectionString = broker.AmqpUri };
        await factory.InitializeAsync();
        using var client = factory.CreateClient();

        await broker.AssertReportedAsync(client, "Degraded", 200, "wait in the outbox");
    }
}
