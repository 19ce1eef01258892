namespace EduPlatform.Messaging;

/// <summary>Settings of the messaging set-up, bound from the "Messaging" configuration section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Rows one relay worker claims and publishes concurrently.</summary>
    public int RelayBatchSize { get; set; } = 200;

    /// <summary>Relay workers per process; each claims its own rows (FOR UPDATE SKIP LOCKED).</summary>
    public int RelayWorkers { get; set; } = 2;

    /// <summary>Fallback poll when no NOTIFY arrives (e.g. the LISTEN connection was lost); NOTIFY wakes the relay at once.</summary>
    public TimeSpan RelayIdlePoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the relay waits for the broker's confirms of one batch.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A row whose publishing failed this many times (not counting broker outages) is parked.</summary>
    public int MaxPublishAttempts { get; set; } = 10;

    /// <summary>Longest wait between two attempts while the broker is away.</summary>
    public TimeSpan MaxBrokerBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Messages prefetched per consumer queue.</summary>
    public int PrefetchCount { get; set; } = 64;

    /// <summary>Messages consumed at once per queue; consumers are database-bound, so a few per core.</summary>
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>Immediate-then-exponential retries before a message goes to the _error queue.</summary>
    public int RetryLimit { get; set; } = 5;
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What <c>/health</c> says while RabbitMQ cannot be reached: Degraded for a department service (its writes are
    /// accepted and wait in the outbox), Unhealthy for one that cannot do its job without it (inspection).
    /// </summary>
    public Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus BrokerDownStatus { get; set; } =
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded;

    /// <summary>
    /// The service's queues (and their _error queues) as RabbitMQ quorum queues: replicated across a cluster's nodes
    /// by Raft, so a node lost loses no message. On by default; the AppHost turns it off for local development, whose
    /// broker already holds classic queues (RabbitMQ cannot change an existing queue's type: switching an existing
    /// deployment means draining and deleting its queues first, README "Quorum queues").
    /// </summary>
    public bool QuorumQueues { get; set; } = true;

    /// <summary>The queue arguments every queue of the service is declared with, as MassTransit declares them.</summary>
    public Dictionary<string, object?>? QueueArguments => QuorumQueues ? new() { ["x-queue-type"] = "quorum" } : null;

    /// <summary>How often the broker is looked at and the messages waiting in the service's _error queues counted (metric and /health).</summary>
    public TimeSpan DeadLetterPollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
