using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.StudentWelfare.Domain;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Infrastructure;

public sealed record WriteOutcome(int Received, int Recorded, int Replaced, int Unchanged);

/// <summary>Stores enrolment returns whole or not at all; each changed section is announced with its new revision.</summary>
public sealed class EnrolmentWriter(WelfareDbContext db, TimeProvider clock)
{
    public async Task<(WriteOutcome? Outcome, Problems Problems)> WriteAsync(string county, int year,
        IReadOnlyList<Located<EnrolmentRow>> rows, CancellationToken ct)
    {
        await using var write = await db.BeginCountyWriteAsync(county, ct);
        var codes = rows.Select(r => r.Row.SchoolCode).OfType<string>().ToHashSet();
        var registry = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        var (grades, problems) = EnrolmentRules.Validate(county, year, rows, registry);
        if (problems.Any)
        {
            return (null, problems);
        }
        var schools = grades.Select(g => g.SchoolCode).ToHashSet();
        var existing = (await db.EnrolmentGrades.AsNoTracking().Where(g => g.Year == year && schools.Contains(g.SchoolCode)).ToListAsync(ct))
            .ToLookup(g => (g.SchoolCode, g.Section));
        var returns = await db.EnrolmentReturns.Where(r => r.Year == year && schools.Contains(r.SchoolCode))
            .ToDictionaryAsync(r => (r.SchoolCode, r.Section), ct);
        var incoming = grades.ToLookup(g => (g.SchoolCode, g.Section));
        var now = clock.GetUtcNow();
        var replacedSection = new Dictionary<(string, Section), bool>();
        foreach (var school in schools)
        {
            foreach (var section in new[] { Section.Primary, Section.Junior })
            {
                var key = (school, section);
                var before = existing[key].OrderBy(g => g.Grade).Select(g => (g.Grade, g.Figures)).ToList();
                var after = incoming[key].OrderBy(g => g.Grade).ToList();
                if (before.SequenceEqual(after.Select(g => (g.Grade, g.Figures))) && (after.Count == 0 || returns.ContainsKey(key)))
                {
                    continue;
                }
                if (!returns.TryGetValue(key, out var header))
                {
                    header = new EnrolmentReturn { SchoolCode = school, Year = year, Section = section };
                    db.EnrolmentReturns.Add(header);
                }
                header.Revision++;
                header.SubmittedAt = now;
                replacedSection[key] = header.Revision > 1;
                db.AddEvent(new EnrolmentReported(school, county, year, section, header.Revision,
                    [.. after.Select(g => g.Grade)], [.. after.Select(g => g.Students)], [.. after.Select(g => g.Boarders)],
                    [.. after.Select(g => g.SpecialNeeds)], [.. after.Select(g => g.TransfersIn)], [.. after.Select(g => g.TransfersOut)],
                    [.. after.Select(g => g.Dropouts)], [.. after.Select(g => g.Graduates)], [.. after.Select(g => g.Admitted)],
                    [.. after.Select(g => g.AdmittedFromCatchment)], now), clock);
            }
        }
        var changed = replacedSection.Keys.Select(k => k.Item1).ToHashSet();
        if (changed.Count > 0)
        {
            // A school's return replaces its earlier one for the year, grades it no longer lists included.
            await db.EnrolmentGrades.Where(g => g.Year == year && changed.Contains(g.SchoolCode)).ExecuteDeleteAsync(ct);
            db.EnrolmentGrades.AddRange(grades.Where(g => changed.Contains(g.SchoolCode)));
        }
        await write.CommitAsync(ct);
        var replaced = grades.Count(g => replacedSection.TryGetValue((g.SchoolCode, g.Section), out var r) && r);
        var recorded = grades.Count(g => replacedSection.TryGetValue((g.SchoolCode, g.Section), out var r) && !r);
        return (new WriteOutcome(grades.Count, recorded, replaced, grades.Count - recorded - replaced), problems);
    }
}
