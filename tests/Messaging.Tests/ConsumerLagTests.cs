using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlatform.Messaging.Tests;

/// <summary>Messages a service's consumers have not taken yet show as <c>eduplatform.consumer.lag</c> for their queue.</summary>
public sealed class ConsumerLagTests(Servers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_waiting_behind_a_stalled_consumer_show_as_its_queues_lag()
    {
        var scenario = await Scenario.CreateAsync(servers);
        var stall = new Stall();
        await using var node = await TestNode.StartAsync(scenario.Database, scenario.Amqp, around: stall,
            options: o => (o.PrefetchCount, o.ConcurrentMessageLimit) = (4, 4));
        var deadLetters = node.Services.GetRequiredService<DeadLetters>();

        var notes = await scenario.WriteNotesAsync(30);
        // The broker holds what the consumer has not fetched: 30 minus the 4 it prefetched.
        await Poll.UntilAsync(async () => { await deadLetters.CountAsync(Ct); return Lag(node).Values.Sum() == 26; },
            TimeSpan.FromSeconds(30), $"the lag never reached 26 (last: {string.Join(", ", Lag(node))})");
        var queue = Assert.Single(Lag(node)).Key;
        Assert.Equal("test-note", queue);

        stall.Release();
        await scenario.WaitForEffectsAsync(notes);
        await deadLetters.CountAsync(Ct);
        Assert.Equal(0, Lag(node)[queue]);
    }

    /// <summary>The gauge's current values, per queue, as a metrics exporter would read them.</summary>
    private static Dictionary<string, long> Lag(TestNode node)
    {
        var meters = node.Services.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "eduplatform.consumer.lag" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "queue")
                {
                    values[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    /// <summary>Holds every delivery until released, as a consumer stuck on a slow database would.</summary>
    private sealed class Stall : IFilter<ConsumerConsumeContext<NoteConsumer>>
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public async Task Send(ConsumerConsumeContext<NoteConsumer> context, IPipe<ConsumerConsumeContext<NoteConsumer>> next)
        {
            await _released.Task;
            await next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("stall");
    }
}
