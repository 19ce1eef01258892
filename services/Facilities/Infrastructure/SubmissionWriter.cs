using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduPlatform.Facilities.Infrastructure;

/// <summary>How many rows of one part were new, replaced an earlier submission, or repeated it unchanged.</summary>
public sealed record PartOutcome(int Received, int Recorded, int Replaced, int Unchanged);

public sealed record SubmissionOutcome(
    string CountyCode, int Year, PartOutcome FacilityReturns, PartOutcome Classes, PartOutcome BoardingLogistics,
    IReadOnlyList<Warning> Warnings);

/// <summary>
/// Validates and stores a county's annual submission in one transaction: all of it or, with the
/// list of every fault, none of it. A part repeated unchanged (a retry) changes and announces nothing.
/// </summary>
public sealed class SubmissionWriter(FacilitiesDbContext db, TimeProvider clock, IOptions<SubmissionLimits> limits)
{
    public async Task<(SubmissionOutcome? Outcome, Problems Problems)> WriteAsync(
        string countyCode, int year, SubmissionRows rows, CancellationToken ct)
    {
        await using var write = await db.BeginCountyWriteAsync(countyCode, ct);

        var codes = rows.Returns.Select(r => r.Row.SchoolCode).Concat(rows.Classes.Select(c => c.Row.SchoolCode))
            .Concat(rows.Boarding.Select(b => b.Row.SchoolCode)).OfType<string>().ToHashSet();
        var registry = await db.Schools.AsNoTracking().Where(s => codes.Contains(s.Code))
            .ToDictionaryAsync(s => s.Code, s => new RegistrySchool
            {
                Code = s.Code, CountyCode = s.CountyCode, Name = s.Name, Type = s.Type, Boarding = s.Boarding, Status = s.Status,
            }, ct);
        var storedReturns = await db.FacilityReturns
            .Where(r => r.Year == year && db.Schools.Any(s => s.Code == r.SchoolCode && s.CountyCode == countyCode))
            .ToDictionaryAsync(r => (r.SchoolCode, r.Section), ct);
        var storedClasses = await db.Classes
            .Where(c => c.Year == year && db.Schools.Any(s => s.Code == c.SchoolCode && s.CountyCode == countyCode))
            .GroupBy(c => new { c.SchoolCode, Junior = c.Grade > 6 })
            .Select(g => new { g.Key.SchoolCode, g.Key.Junior, Classes = g.Count(), Students = g.Sum(c => c.Students) })
            .ToDictionaryAsync(g => (g.SchoolCode, g.Junior ? Section.Junior : Section.Primary), g => (g.Classes, g.Students), ct);

        var stored = new StoredYear(storedReturns.ToDictionary(e => e.Key, e => e.Value.Figures), storedClasses);
        var (valid, problems) = SubmissionRules.Validate(countyCode, rows, registry, stored, limits.Value);
        if (valid is null)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow();
        var returns = WriteReturns(countyCode, year, valid.Returns, storedReturns, now);
        var classes = await WriteClassesAsync(countyCode, year, valid, now, ct);
        var boarding = await WriteBoardingAsync(countyCode, year, valid.Boarding, now, ct);
        await write.CommitAsync(ct);
        return (new SubmissionOutcome(countyCode, year, returns, classes, boarding, problems.Warnings), problems);
    }

    private PartOutcome WriteReturns(string countyCode, int year, IReadOnlyList<ValidReturn> returns,
        Dictionary<(string, Section), FacilityReturn> stored, DateTimeOffset now)
    {
        int recorded = 0, replaced = 0;
        foreach (var r in returns)
        {
            if (stored.TryGetValue((r.SchoolCode, r.Section), out var existing))
            {
                if (existing.Figures.Equals(r.Figures))
                {
                    continue;
                }
                existing.Figures = r.Figures;
                existing.Revision++;
                existing.SubmittedAt = now;
                replaced++;
            }
            else
            {
                existing = new FacilityReturn
                {
                    SchoolCode = r.SchoolCode, Year = year, Section = r.Section, Revision = 1,
                    FirstSubmittedAt = now, SubmittedAt = now, Figures = r.Figures,
                };
                db.FacilityReturns.Add(existing);
                recorded++;
            }
            var f = r.Figures;
            db.AddEvent(new FacilityReturnRecorded(r.SchoolCode, countyCode, year, r.Section, existing.Revision, existing.Revision > 1,
                f.TeachingAuxiliaryArea, f.SportsGroundArea, f.SportsHallArea, f.EquipmentValue, f.MultimediaClassrooms,
                f.Computers, f.Books, f.MusicRoomAreas, f.ArtRoomAreas, f.BroadbandMbps, f.OrdinaryClassrooms,
                f.ClassroomsWithMultimedia, f.ClassesWithBanbantong, f.ActiveRenrentongAccounts, now), clock);
        }
        return new PartOutcome(returns.Count, recorded, replaced, returns.Count - recorded - replaced);
    }

    private async Task<PartOutcome> WriteClassesAsync(string countyCode, int year, ValidSubmission valid, DateTimeOffset now,
        CancellationToken ct)
    {
        if (valid.SchoolsWithClasses.Count == 0)
        {
            return new PartOutcome(0, 0, 0, 0);
        }
        var schools = valid.SchoolsWithClasses;
        var lists = await db.ClassLists.Where(l => l.Year == year && schools.Contains(l.SchoolCode))
            .ToDictionaryAsync(l => (l.SchoolCode, l.Section), ct);
        var existing = (await db.Classes.AsNoTracking().Where(c => c.Year == year && schools.Contains(c.SchoolCode))
                .Select(c => new { c.SchoolCode, c.Grade, c.Number, c.Students }).ToListAsync(ct))
            .ToLookup(c => (c.SchoolCode, SchoolTypes.SectionOfGrade(c.Grade)), c => (c.Grade, c.Number, c.Students));
        var incoming = valid.Classes.ToLookup(c => (c.SchoolCode, c.Section), c => (c.Grade, c.Number, c.Students));

        // Each section's list is new, replaced or repeated unchanged; its classes are counted so.
        var state = new Dictionary<(string, Section), bool>(); // true = replaced an earlier list
        foreach (var school in schools)
        {
            foreach (var section in new[] { Section.Primary, Section.Junior })
            {
                var key = (school, section);
                var before = existing[key].Order().ToArray();
                var after = incoming[key].Order().ToArray();
                if (before.SequenceEqual(after) && (after.Length == 0 || lists.ContainsKey(key)))
                {
                    continue;
                }
                if (lists.TryGetValue(key, out var list))
                {
                    list.Revision++;
                    list.SubmittedAt = now;
                }
                else
                {
                    list = new ClassList { SchoolCode = school, Year = year, Section = section, Revision = 1, SubmittedAt = now };
                    db.ClassLists.Add(list);
                }
                state[key] = list.Revision > 1;
                db.AddEvent(new ClassesReported(school, countyCode, year, section, list.Revision,
                    after.Select(c => c.Grade).ToArray(), after.Select(c => c.Students).ToArray(), now), clock);
            }
        }
        var changedSchools = state.Keys.Select(k => k.Item1).ToHashSet();
        if (changedSchools.Count > 0)
        {
            // The school's list is replaced whole; classes it no longer lists are gone.
            await db.Classes.Where(c => c.Year == year && changedSchools.Contains(c.SchoolCode)).ExecuteDeleteAsync(ct);
            db.Classes.AddRange(valid.Classes.Where(c => changedSchools.Contains(c.SchoolCode)).Select(c =>
                new SchoolClass { SchoolCode = c.SchoolCode, Year = year, Grade = c.Grade, Number = c.Number, Students = c.Students }));
        }
        var replaced = valid.Classes.Count(c => state.TryGetValue((c.SchoolCode, c.Section), out var r) && r);
        var recorded = valid.Classes.Count(c => state.TryGetValue((c.SchoolCode, c.Section), out var r) && !r);
        return new PartOutcome(valid.Classes.Count, recorded, replaced, valid.Classes.Count - recorded - replaced);
    }

    private async Task<PartOutcome> WriteBoardingAsync(string countyCode, int year, IReadOnlyList<ValidBoarding> rows,
        DateTimeOffset now, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return new PartOutcome(0, 0, 0, 0);
        }
        var codes = rows.Select(r => r.SchoolCode).ToList();
        var stored = await db.BoardingLogistics.Where(b => b.Year == year && codes.Contains(b.SchoolCode))
            .ToDictionaryAsync(b => b.SchoolCode, ct);
        int recorded = 0, replaced = 0;
        foreach (var r in rows)
        {
            if (stored.TryGetValue(r.SchoolCode, out var b))
            {
                if (new ValidBoarding(b.SchoolCode, b.Canteen, b.Dormitory, b.DrinkingWater, b.Bathing, b.Toilets, b.WasteHandling) == r)
                {
                    continue;
                }
                b.Revision++;
                replaced++;
            }
            else
            {
                b = new BoardingLogistics { SchoolCode = r.SchoolCode, Year = year, Revision = 1 };
                db.BoardingLogistics.Add(b);
                recorded++;
            }
            (b.Canteen, b.Dormitory, b.DrinkingWater, b.Bathing, b.Toilets, b.WasteHandling) =
                (r.Canteen, r.Dormitory, r.DrinkingWater, r.Bathing, r.Toilets, r.WasteHandling);
            b.SubmittedAt = now;
            db.AddEvent(new BoardingLogisticsReported(r.SchoolCode, countyCode, year, b.Revision,
                r.Canteen, r.Dormitory, r.DrinkingWater, r.Bathing, r.Toilets, r.WasteHandling, now), clock);
        }
        return new PartOutcome(rows.Count, recorded, replaced, rows.Count - recorded - replaced);
    }
}
