using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Funding.Domain;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using EduPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Funding.Consumers;

/// <summary>
/// Keeps each school's enrolment as the education bureau reports it (the highest revision wins, in any
/// arrival order) and recomputes what the schools are owed, so a change after an allocation shows. Taken in
/// batches: the bureau reports a county's schools at once, and one message at a time under the county's lock
/// ran them one after another (20 a second at province size, a backlog of 97,000 behind the load).
/// </summary>
public sealed class EnrolmentReportedConsumer(FundingDbContext db, MessagingMetrics metrics, Assessor assessor)
    : InboxBatchConsumer<EnrolmentReported, FundingDbContext>(db, metrics)
{
    protected override async Task HandleAsync(IReadOnlyList<ConsumeContext<EnrolmentReported>> messages)
    {
        var ct = messages[0].CancellationToken;
        // The batch's counties locked in one statement, in lock-id order (as every multi-county write takes them).
        await Db.LockAllAsync(messages.Select(m => TransactionLocks.CountyKey(m.Message.CountyCode)), ct);
        var schools = messages.Select(m => m.Message.SchoolCode).Distinct().ToList();
        var years = messages.Select(m => m.Message.Year).Distinct().ToList();
        var copies = await Db.Enrolment.Where(e => schools.Contains(e.SchoolCode) && years.Contains(e.Year))
            .ToDictionaryAsync(e => (e.SchoolCode, e.Year, e.Section), ct);
        var changed = new HashSet<(string School, int Year)>();
        foreach (var message in messages.Select(m => m.Message))
        {
            var key = (message.SchoolCode, message.Year, message.Section);
            if (copies.TryGetValue(key, out var copy))
            {
                if (message.Revision <= copy.Revision)
                {
                    continue;
                }
            }
            else
            {
                copy = copies[key] = new EnrolmentCopy { SchoolCode = message.SchoolCode, Year = message.Year, Section = message.Section };
                Db.Enrolment.Add(copy);
            }
            copy.Revision = message.Revision;
            copy.Students = message.Students.Sum();
            copy.Boarders = message.Boarders.Sum();
            copy.SpecialNeeds = message.SpecialNeeds.Sum();
            changed.Add((message.SchoolCode, message.Year));
        }
        // The assessor reads the stored copies.
        await Db.SaveChangesAsync(ct);
        foreach (var year in changed.GroupBy(c => c.Year))
        {
            await assessor.ReassessAsync([.. year.Select(c => c.School)], year.Key, ct);
        }
    }
}
