using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;
using EduPlatform.Registry;

namespace EduPlatform.Staffing.Domain;

/// <summary>One exchange in a county's upload (JSON or CSV: teacherId, year, toSchoolCode, startDate, ruralAllowance).</summary>
public sealed record ExchangeRow(Guid? TeacherId, int? Year, string? ToSchoolCode, DateOnly? StartDate, bool? RuralAllowance);

/// <summary>The rules of POST /api/exchanges applied to every row of a county's upload, all or nothing.</summary>
public static class ExchangeRows
{
    /// <param name="teachers">The county's teachers named by the rows, by id.</param>
    /// <param name="registry">The schools the rows name (targets and the teachers' own schools), by code.</param>
    /// <param name="recorded">The named teachers' exchanges already recorded, by (teacher, year).</param>
    /// <returns>New exchanges; an identical repeat is dropped; one the rules refuse, or a repeat with other details, is a conflict (409).</returns>
    public static (List<Exchange> New, Problems Conflicts) Validate(IReadOnlyList<Located<ExchangeRow>> rows, string county,
        IReadOnlyDictionary<Guid, Teacher> teachers, IReadOnlyDictionary<string, RegistrySchool> registry,
        IReadOnlyDictionary<(Guid, int), Exchange> recorded, ExchangeOptions options, DateTimeOffset now, Problems problems)
    {
        var valid = new List<Exchange>(rows.Count);
        var conflicts = new Problems();
        var seen = new Dictionary<(Guid, int), string>();
        foreach (var (where, row) in rows)
        {
            var before = problems.Count;
            var teacherId = problems.Required(where, "teacherId", row.TeacherId);
            Teacher? teacher = null;
            if (teacherId is { } id && !teachers.TryGetValue(id, out teacher))
            {
                problems.Error(where, "teacherId", $"Teacher {id} is not a teacher of county {county}.");
            }
            var year = problems.Required(where, "year", row.Year);
            if (year is { } y)
            {
                Codes.CheckYear(y, problems, where);
            }
            var to = RegistryChecks.School(where, row.ToSchoolCode, county, registry, problems, "toSchoolCode");
            if (to is not null && to.Location != Location.Rural)
            {
                problems.Error(where, "toSchoolCode", $"School {to.Code} ({to.Name}) is not a rural school; exchanges go to rural schools.");
            }
            var start = problems.Required(where, "startDate", row.StartDate);
            var allowance = problems.Required(where, "ruralAllowance", row.RuralAllowance);
            if (problems.Count > before)
            {
                continue;
            }

            var key = (teacher!.Id, year!.Value);
            if (!seen.TryAdd(key, where))
            {
                conflicts.Error(where, "teacherId", $"The teacher's exchange in {year} is listed twice (also at {seen[key]}).");
                continue;
            }
            if (recorded.TryGetValue(key, out var earlier))
            {
                if (earlier.ToSchoolCode != to!.Code || earlier.StartDate != start || earlier.RuralAllowance != allowance)
                {
                    conflicts.Error(where, "teacherId", $"The teacher is already on exchange to {earlier.ToSchoolCode} in {year}, from {earlier.StartDate:yyyy-MM-dd}.");
                }
                continue;
            }
            var from = registry.GetValueOrDefault(teacher.SchoolCode);
            if (from is null || !ExchangeRules.IsEligible(teacher, from.Location, year.Value, options))
            {
                conflicts.Error(where, "teacherId", $"The teacher is not eligible for exchange in {year}: eligible is an active full-time teacher at the same " +
                    $"urban or town school since {ExchangeRules.YearStart(year.Value).AddYears(-options.MinYearsAtSchool):yyyy-MM-dd} or earlier.");
                continue;
            }
            valid.Add(New(teacher, to!.Code, year.Value, start!.Value, allowance!.Value, now));
        }
        return (valid, conflicts);
    }

    /// <summary>An exchange of <paramref name="teacher"/> from their school, recorded now (one or many, the same record).</summary>
    public static Exchange New(Teacher teacher, string toSchoolCode, int year, DateOnly start, bool ruralAllowance, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TeacherId = teacher.Id, Year = year, CountyCode = teacher.CountyCode, FromSchoolCode = teacher.SchoolCode,
        ToSchoolCode = toSchoolCode, Backbone = teacher.IsBackbone, RuralAllowance = ruralAllowance, StartDate = start, RecordedAt = now,
    };

    public static ExchangeRecorded Recorded(Exchange e) =>
        new(e.Id, e.TeacherId, e.CountyCode, e.Year, e.FromSchoolCode, e.ToSchoolCode, e.Backbone, e.RuralAllowance, e.StartDate, e.RecordedAt);
}
