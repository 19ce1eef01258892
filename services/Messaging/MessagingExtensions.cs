using EduPlatform.Contracts;
using EduPlatform.Kernel;
using EduPlatform.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EduPlatform.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ, set up the same way in every service, and the outbox relay for the
    /// service's DbContext: the broker from the Aspire connection string; kebab-case queues prefixed
    /// by the service so two services never share one; durable queues; prefetch and concurrency for
    /// database-bound consumers; retries with exponential backoff, then the queue's _error queue.
    /// MassTransit registers its own readiness check for the bus. Register the database first.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null) where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.RabbitMq)
            ?? throw new InvalidOperationException(
                $"Connection string 'ConnectionStrings:{ResourceNames.RabbitMq}' is missing (an amqp:// URI).");

        builder.Services.AddOptions<MessagingOptions>().Bind(builder.Configuration.GetSection(MessagingOptions.Section));
        builder.Services.TryAddSingleton<MessagingMetrics>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.AddSingleton(services => new DeadLetters(connectionString, services.GetRequiredService<IOptions<MessagingOptions>>(),
            services.GetRequiredService<ILogger<DeadLetters>>(), services.GetRequiredService<IMeterFactory>(),
            () => services.GetRequiredService<IBusControl>().CheckHealth().Status == BusHealthStatus.Healthy));
        builder.Services.AddHostedService(services => services.GetRequiredService<DeadLetters>());
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(DeadLetters.HealthCheckName, services => services.GetRequiredService<DeadLetters>(), HealthStatus.Degraded, tags: null))
            .AddCheck<BrokerHealthCheck>(BrokerHealthCheck.Name);
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit would otherwise report usage to its vendor: nothing leaves the city's network.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                context.GetRequiredService<DeadLetters>().Follow(name);
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                endpoint.UseMessageRetry(retry => retry.Exponential(options.RetryLimit, options.RetryMinInterval,
                    options.RetryMaxInterval, options.RetryMinInterval));
                endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.PrefetchCount = options.PrefetchCount;
                    rabbit.Durable = true;
                    if (options.QuorumQueues)
                    {
                        // MassTransit gives the _error and _skipped queues the same arguments (DeadLetters declares them so too).
                        rabbit.SetQuorumQueue();
                    }
                }
            });
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                // An interface the events share to say what they are about, not a message of its own: no exchange for it.
                rabbit.Publish<ICountyEvent>(publish => publish.Exclude = true);
                rabbit.ConnectReceiveObserver(new FaultCounter(context.GetRequiredService<MessagingMetrics>(),
                    context.GetRequiredService<ILoggerFactory>().CreateLogger("EduPlatform.Messaging.ConsumerFaults")));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// Batch consumption for high-volume events: up to <paramref name="size"/> messages (or what
    /// arrived within <paramref name="window"/>) reach one <see cref="Inbox.InboxBatchConsumer{TMessage,TContext}"/> call.
    /// </summary>
    public static void AddBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus, int size = 100, TimeSpan? window = null)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
                .SetMessageLimit(size)
                .SetTimeLimit(window ?? TimeSpan.FromMilliseconds(100))
                .SetConcurrencyLimit(2)))
            // A batch holds its messages unacknowledged: the queue must let two batches' worth in.
            .Endpoint(endpoint =>
            {
                endpoint.PrefetchCount = size * 2;
                endpoint.ConcurrentMessageLimit = size * 2;
            });

    /// <summary>
    /// Counts and logs messages whose retries ran out (they go to the _error queue). The log names what an on-call
    /// engineer needs to find the message (id, queue, event type, consumer, the exception's type) and carries the
    /// trace; never the message's content or the exception's text, which may quote personal data.
    /// </summary>
    private sealed class FaultCounter(MessagingMetrics metrics, ILogger logger) : IReceiveObserver
    {
        public Task PreReceive(ReceiveContext context) => Task.CompletedTask;
        public Task PostReceive(ReceiveContext context) => Task.CompletedTask;
        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class
        {
            var queue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/').Last();
            metrics.Faulted(typeof(T).Name, queue);
            logger.LogError("Message {MessageId} ({MessageType}) failed in {Consumer} after every retry and waits in {Queue}_error: {ExceptionType}",
                context.MessageId, typeof(T).Name, consumerType, queue, exception.GetType().FullName);
            return Task.CompletedTask;
        }

        public Task ReceiveFault(ReceiveContext context, Exception exception)
        {
            var queue = context.InputAddress.AbsolutePath.Split('/').Last();
            metrics.Faulted("(unreadable)", queue);
            logger.LogError("A message on {Queue} could not be read and waits in its _error queue: {ExceptionType}", queue, exception.GetType().FullName);
            return Task.CompletedTask;
        }
    }
}
