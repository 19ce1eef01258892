using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EduPlatform.Messaging;

/// <summary>What an on-call engineer watches: is the outbox draining, are consumers failing.</summary>
public sealed class MessagingMetrics : IDisposable
{
    public const string Name = "EduPlatform.Messaging";
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailed;
    private readonly Counter<long> _parked;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _faulted;
    private long _backlog;
    private double _oldestPendingSeconds;

    public MessagingMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _published = _meter.CreateCounter<long>("eduplatform.outbox.published", "{message}", "Outbox rows published and confirmed by the broker");
        _publishFailed = _meter.CreateCounter<long>("eduplatform.outbox.publish_failed", "{message}", "Outbox publish attempts that failed");
        _parked = _meter.CreateCounter<long>("eduplatform.outbox.parked", "{message}", "Outbox rows parked after too many failed attempts");
        _duplicates = _meter.CreateCounter<long>("eduplatform.inbox.duplicates_skipped", "{message}", "Redelivered messages the inbox recognised and skipped");
        _faulted = _meter.CreateCounter<long>("eduplatform.consumer.faulted", "{message}", "Messages moved to an _error queue after their retries");
        _meter.CreateObservableGauge("eduplatform.outbox.backlog", () => Volatile.Read(ref _backlog), "{message}", "Outbox rows waiting to be published");
        _meter.CreateObservableGauge("eduplatform.outbox.oldest_pending_age", () => Volatile.Read(ref _oldestPendingSeconds), "s", "Age of the oldest unpublished outbox row");
    }

    public void Published(int count) => _published.Add(count);
    public void PublishFailed(int count) => _publishFailed.Add(count);
    public void Parked(int count) => _parked.Add(count);
    public void DuplicateSkipped(string consumer, int count = 1) => _duplicates.Add(count, new KeyValuePair<string, object?>("consumer", consumer));
    public void Faulted(string messageType, string queue) =>
        _faulted.Add(1, new KeyValuePair<string, object?>("message_type", messageType), new KeyValuePair<string, object?>("queue", queue));

    /// <summary>Outbox rows waiting to be published, as last counted by the relay.</summary>
    public long PendingBacklog => Volatile.Read(ref _backlog);

    public void Backlog(long pending, TimeSpan oldest)
    {
        Volatile.Write(ref _backlog, pending);
        Volatile.Write(ref _oldestPendingSeconds, oldest.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
