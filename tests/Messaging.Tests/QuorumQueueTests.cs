using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlatform.Messaging.Tests;

/// <summary>
/// Quorum queues (the default outside local development) on the single local node: the service's queue and its
/// _error queue are quorum queues, messages flow through the outbox and inbox, and a failed one waits in the
/// _error queue, counted, and is redelivered.
/// </summary>
public sealed class QuorumQueueTests(Servers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_services_queues_are_quorum_queues_and_carry_messages_and_dead_letters()
    {
        var scenario = await Scenario.CreateAsync(servers);
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp, options: o => o.QuorumQueues = true);
        await scenario.WaitForEffectsAsync(await scenario.WriteNotesAsync(20));

        await scenario.WriteNotesAsync(1, "poison");
        var deadLetters = node.Services.GetRequiredService<DeadLetters>();
        await Poll.UntilAsync(async () => (await deadLetters.ListAsync(1, Ct)).Sum(q => q.Waiting) == 1, TimeSpan.FromSeconds(60),
            "the poison note never reached the quorum _error queue");

        // RabbitMQ refuses to declare an existing queue with another type: both are quorum queues.
        await using var connection = await new ConnectionFactory { Uri = new Uri(scenario.Amqp) }.CreateConnectionAsync(Ct);
        foreach (var queue in new[] { "test-note", "test-note_error" })
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.QueueDeclareAsync(queue, durable: true,
                exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" }, cancellationToken: Ct));
            Assert.Contains("x-queue-type", refused.Message);
            Assert.Contains("quorum", refused.Message);
        }
    }
}
