using EduPlatform.WebApi.Access;
using System.Collections.Concurrent;
using MassTransit;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// A test consumer: a MassTransit bus of its own on the service's virtual host, subscribed to the
/// given event types, keeping every message it receives. Start it before the service publishes.
/// It also publishes, standing in for the services a service under test listens to.
/// </summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _received = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> _actors = new();
    private IBusControl? _bus;

    /// <param name="eventTypes">What to collect; none for a bus that only publishes.</param>
    public static async Task<EventCollector> StartAsync(string amqpUri, params Type[] eventTypes)
    {
        var collector = new EventCollector();
        var handle = typeof(EventCollector).GetMethod(nameof(Handle), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        collector._bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(amqpUri));
            rabbit.ReceiveEndpoint($"test-collector-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                foreach (var type in eventTypes)
                {
                    handle.MakeGenericMethod(type).Invoke(collector, [endpoint]);
                }
            });
        });
        await collector._bus.StartAsync(TestContext.Current.CancellationToken);
        return collector;
    }

    private void Handle<T>(IReceiveEndpointConfigurator endpoint) where T : class =>
        endpoint.Handler<T>(context =>
        {
            if (context.Headers.Get<string>(RequestActor.Header) is { } actor)
            {
                _actors.AddOrUpdate(context.Message, actor);
            }
            _received.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    public List<T> Received<T>() => _received.OfType<T>().ToList();

    /// <summary>Who made the write that raised <paramref name="message"/>, from its actor header (null when none came).</summary>
    public Actor? ActorOf(object message) => _actors.TryGetValue(message, out var actor) ? Actor.FromJson(actor) : null;

    /// <summary>Publishes an event as another service would (e.g. facilities' registry events for a department under test).</summary>
    public Task PublishAsync<T>(T message) where T : class =>
        _bus!.Publish(message, context => context.MessageId = Guid.NewGuid(), TestContext.Current.CancellationToken);

    /// <summary>Waits until at least <paramref name="count"/> messages of <typeparamref name="T"/> match, and returns the matches.</summary>
    /// <summary>
    /// How long an event may take by default: a clean-clone CI run has every test assembly (and its servers)
    /// on two cores at once, where an outbox relay once needed more than 30 s.
    /// </summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

    public async Task<List<T>> WaitForAsync<T>(Func<T, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(Received<T>().Count(match) >= count), timeout ?? DefaultWait,
                $"fewer than {count} matching {typeof(T).Name} event(s) arrived");
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // How many did arrive tells a lost event from a slow one.
            throw new Xunit.Sdk.XunitException($"{failure.Message}: {Received<T>().Count(match)} matched, {Received<T>().Count} {typeof(T).Name} received in all", failure);
        }
        return Received<T>().Where(match).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync();
        }
    }
}
