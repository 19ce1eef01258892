using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using MassTransit;

namespace EduPlatform.Inspection.Consumers;

/// <summary>Keeps inspection's county list; a stale event (lower version) never overwrites a newer one.</summary>
public sealed class CountyRecordedConsumer(InspectionDbContext db, MessagingMetrics metrics)
    : InboxConsumer<CountyRecorded, InspectionDbContext>(db, metrics)
{
    protected override async Task HandleAsync(CountyRecorded message, ConsumeContext<CountyRecorded> context)
    {
        var county = await Db.Counties.FindAsync([message.CountyCode], context.CancellationToken);
        if (county is null)
        {
            Db.Counties.Add(new CountyView
            {
                Code = message.CountyCode,
                Name = message.Name,
                Version = message.Version,
                RecordedAt = message.OccurredAt,
            });
        }
        else if (message.Version > county.Version)
        {
            county.Name = message.Name;
            county.Version = message.Version;
            county.RecordedAt = message.OccurredAt;
        }
    }
}
