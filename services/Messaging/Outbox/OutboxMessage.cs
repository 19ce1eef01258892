using System.Diagnostics;
using System.Text.Json;
using EduPlatform.WebApi.Access;

namespace EduPlatform.Messaging.Outbox;

/// <summary>An event waiting in a service's database to be published (see OutboxRelay).</summary>
public sealed class OutboxMessage
{
    /// <summary>Also the message's MessageId on the broker, which consumers' inboxes deduplicate on.</summary>
    public Guid Id { get; init; }

    /// <summary>"Namespace.Type, Assembly" of the event record.</summary>
    public required string MessageType { get; init; }
    public required string Body { get; init; }

    /// <summary>W3C trace context of the activity that wrote the event, so the trace continues through the relay.</summary>
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }

    /// <summary>Who made the write that raised the event (JSON of <c>Actor</c>), sent as a header; null for events no request caused.</summary>
    public string? Actor { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ParkedAt { get; set; }

    internal static JsonSerializerOptions Json => EventJson.Options;

    /// <param name="request">The write that raised the event (<see cref="CurrentWrite"/>), none for events no request caused.</param>
    public static OutboxMessage From(object message, DateTimeOffset now, RequestActor? request)
    {
        var type = message.GetType();
        var activity = Activity.Current;
        request?.Note($"{type.Name} event");
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(message, type, Json),
            TraceParent = activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null,
            TraceState = activity?.TraceStateString,
            Actor = request?.Json,
            CreatedAt = now,
        };
    }
}
