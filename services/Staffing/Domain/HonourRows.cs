using EduPlatform.Contracts.Staffing;
using EduPlatform.Kernel;

namespace EduPlatform.Staffing.Domain;

/// <summary>One award in a county's upload (JSON or CSV: teacherId, level, year, documentReference).</summary>
public sealed record HonourRow(Guid? TeacherId, string? Level, int? Year, string? DocumentReference);

/// <summary>The rules of POST /api/teachers/{id}/honours applied to every row of a county's upload, all or nothing.</summary>
public static class HonourRows
{
    /// <param name="teachers">The county's teachers named by the rows, by id.</param>
    /// <param name="awarded">The named teachers' awards already recorded, by (teacher, level).</param>
    /// <returns>New awards; an identical repeat is dropped; an award not due, or a repeat with another year or document, is a conflict (409).</returns>
    public static (List<Honour> New, Problems Conflicts) Validate(IReadOnlyList<Located<HonourRow>> rows, string county,
        IReadOnlyDictionary<Guid, Teacher> teachers, IReadOnlyDictionary<(Guid, HonourLevel), Honour> awarded, DateTimeOffset now,
        Problems problems)
    {
        var valid = new List<Honour>(rows.Count);
        var conflicts = new Problems();
        var seen = new Dictionary<(Guid, HonourLevel), string>();
        foreach (var (where, row) in rows)
        {
            var before = problems.Count;
            var teacherId = problems.Required(where, "teacherId", row.TeacherId);
            Teacher? teacher = null;
            if (teacherId is { } id && !teachers.TryGetValue(id, out teacher))
            {
                problems.Error(where, "teacherId", $"Teacher {id} is not a teacher of county {county}.");
            }
            var level = problems.Enum<HonourLevel>(where, "level", row.Level);
            var year = problems.Required(where, "year", row.Year);
            if (year is { } y)
            {
                Codes.CheckYear(y, problems, where);
            }
            var document = problems.Name(where, "documentReference", row.DocumentReference, 200);
            if (problems.Count > before)
            {
                continue;
            }

            var key = (teacher!.Id, level!.Value);
            if (!seen.TryAdd(key, where))
            {
                conflicts.Error(where, "level", $"The teacher's {Problems.KebabCase(level.Value)} certificate is listed twice (also at {seen[key]}).");
                continue;
            }
            if (awarded.TryGetValue(key, out var earlier))
            {
                if (earlier.Year != year || earlier.DocumentReference != document)
                {
                    conflicts.Error(where, "level",
                        $"The teacher already holds the {Problems.KebabCase(level.Value)} certificate ({earlier.Year}, {earlier.DocumentReference}).");
                }
                continue;
            }
            if (!Honours.Due(teacher.RuralYears).Contains(level.Value))
            {
                conflicts.Error(where, "level", $"A {Problems.KebabCase(level.Value)} certificate needs {Honours.YearsFor(level.Value)} consecutive rural years; " +
                    $"the teacher has {teacher.RuralYears}.");
                continue;
            }
            valid.Add(new Honour { TeacherId = teacher.Id, Level = level.Value, Year = year!.Value, DocumentReference = document!, RecordedAt = now });
        }
        return (valid, conflicts);
    }

    public static HonourAwarded Awarded(Honour h, string county, int ruralYears) =>
        new(h.TeacherId, county, h.Level, h.Year, ruralYears, h.DocumentReference, h.RecordedAt);
}
