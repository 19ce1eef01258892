using EduPlatform.Facilities.Domain;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Facilities.Infrastructure;

public sealed record RegistryOutcome(string CountyCode, int Received, int Registered, int Changed, int Unchanged);

/// <summary>Registers or corrects a county's schools in one transaction: all rows, or none with every fault listed.</summary>
public sealed class RegistryWriter(FacilitiesDbContext db, TimeProvider clock)
{
    public async Task<(RegistryOutcome? Outcome, Problems Problems)> WriteAsync(
        string countyCode, IReadOnlyList<Located<SchoolRow>> rows, CancellationToken ct)
    {
        await using var write = await db.BeginCountyWriteAsync(countyCode, ct);
        var codes = rows.Select(r => r.Row.Code?.Trim()).OfType<string>().ToHashSet();
        var existing = await db.Schools.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var elsewhere = existing.Values.Where(s => s.CountyCode != countyCode).ToDictionary(s => s.Code, s => s.CountyCode);
        var (valid, problems) = RegistryRules.Validate(rows, elsewhere);
        if (problems.Any)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow();
        int registered = 0, changed = 0;
        foreach (var row in valid)
        {
            string reason;
            if (existing.TryGetValue(row.Code, out var school))
            {
                if (school.SameProfile(row.Name, row.Location, row.Type, row.Boarding))
                {
                    continue; // a retry, or a county re-sending its whole list
                }
                (school.Name, school.Location, school.Type, school.Boarding) = (row.Name, row.Location, row.Type, row.Boarding);
                reason = "profile corrected";
                changed++;
            }
            else
            {
                school = new School
                {
                    Code = row.Code, CountyCode = countyCode, Name = row.Name, Location = row.Location, Type = row.Type,
                    Boarding = row.Boarding, Status = Contracts.Facilities.SchoolStatus.Operating,
                };
                db.Schools.Add(school);
                reason = "registered";
                registered++;
            }
            var (entry, recorded) = school.Changed(now, reason);
            db.SchoolHistory.Add(entry);
            db.AddEvent(recorded, clock);
        }
        await write.CommitAsync(ct);
        return (new RegistryOutcome(countyCode, valid.Count, registered, changed, valid.Count - registered - changed), problems);
    }
}
