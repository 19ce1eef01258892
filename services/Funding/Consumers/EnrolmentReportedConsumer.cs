using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Funding.Domain;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using MassTransit;

namespace EduPlatform.Funding.Consumers;

/// <summary>
/// Keeps each school's enrolment as the education bureau reports it (the highest revision wins, in any
/// arrival order) and recomputes what the school is owed, so a change after an allocation shows.
/// </summary>
public sealed class EnrolmentReportedConsumer(FundingDbContext db, MessagingMetrics metrics, Assessor assessor)
    : InboxConsumer<EnrolmentReported, FundingDbContext>(db, metrics)
{
    protected override async Task HandleAsync(EnrolmentReported message, ConsumeContext<EnrolmentReported> context)
    {
        var ct = context.CancellationToken;
        await Db.LockCountyAsync(message.CountyCode, ct);
        var copy = await Db.Enrolment.FindAsync([message.SchoolCode, message.Year, message.Section], ct);
        if (copy is null)
        {
            copy = new EnrolmentCopy { SchoolCode = message.SchoolCode, Year = message.Year, Section = message.Section };
            Db.Enrolment.Add(copy);
        }
        else if (message.Revision <= copy.Revision)
        {
            return;
        }
        copy.Revision = message.Revision;
        copy.Students = message.Students.Sum();
        copy.Boarders = message.Boarders.Sum();
        copy.SpecialNeeds = message.SpecialNeeds.Sum();
        await Db.SaveChangesAsync(ct);
        await assessor.ReassessAsync([message.SchoolCode], message.Year, ct);
    }
}
