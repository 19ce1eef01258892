using EduPlatform.Kernel;

namespace EduPlatform.Staffing.Domain;

public sealed record TrainingRow(Guid? TeacherId, string? Course, DateOnly? StartDate, DateOnly? EndDate, decimal? Hours);

public static class TrainingRules
{
    /// <param name="teachers">The county's teachers, by id.</param>
    /// <param name="recorded">Courses already recorded, by (teacher, course, start date).</param>
    /// <returns>New records; identical repeats are dropped; a repeat with other figures is a conflict (409).</returns>
    public static (List<TrainingRecord> New, Problems Conflicts) Validate(IReadOnlyList<Located<TrainingRow>> rows,
        IReadOnlyDictionary<Guid, Teacher> teachers, IReadOnlyDictionary<(Guid, string, DateOnly), TrainingRecord> recorded,
        DateOnly today, ExchangeOptions options, DateTimeOffset now, Problems problems)
    {
        var valid = new List<TrainingRecord>(rows.Count);
        var conflicts = new Problems();
        var seen = new Dictionary<(Guid, string, DateOnly), string>();
        foreach (var (where, row) in rows)
        {
            var before = problems.Count;
            var teacherId = problems.Required(where, "teacherId", row.TeacherId);
            if (teacherId is { } id && (!teachers.TryGetValue(id, out var teacher) || !teacher.Active))
            {
                problems.Error(where, "teacherId", $"Teacher {id} is not an active teacher of this county.");
            }
            var course = problems.Name(where, "course", row.Course, 200);
            var start = problems.Required(where, "startDate", row.StartDate);
            var end = row.EndDate ?? start;
            var hours = problems.Required(where, "hours", row.Hours);
            if (end < start)
            {
                problems.Error(where, "endDate", "endDate is on or after startDate.");
            }
            if (end > today)
            {
                problems.Error(where, "endDate", "Training is recorded once completed; the course ends in the future.");
            }
            if (hours <= 0)
            {
                problems.Error(where, "hours", $"hours is positive (got {hours}).");
            }
            else if (hours > Bounds.CourseHours.Max)
            {
                problems.Within(where, "hours", hours.Value, Bounds.CourseHours);
            }
            else if (start is { } s && end is { } e && e >= s && hours > options.MaxTrainingHoursPerDay * (e.DayNumber - s.DayNumber + 1))
            {
                problems.Error(where, "hours",
                    $"{hours} hours over {e.DayNumber - s.DayNumber + 1} day(s) is more than {options.MaxTrainingHoursPerDay} hours a day.");
            }
            if (problems.Count > before)
            {
                continue;
            }
            var key = (teacherId!.Value, course!, start!.Value);
            if (!seen.TryAdd(key, where))
            {
                conflicts.Error(where, "course", $"The same course and start date is listed twice (also at {seen[key]}).");
                continue;
            }
            if (recorded.TryGetValue(key, out var earlier))
            {
                if (earlier.Hours != hours || earlier.EndDate != end)
                {
                    conflicts.Error(where, "course", $"This course was already recorded for the teacher with {earlier.Hours} hours ending {earlier.EndDate:yyyy-MM-dd}.");
                }
                continue;
            }
            valid.Add(new TrainingRecord
            {
                Id = Guid.CreateVersion7(now), TeacherId = key.Item1, Course = course!, StartDate = start.Value, EndDate = end!.Value,
                Hours = hours!.Value, RecordedAt = now,
            });
        }
        return (valid, conflicts);
    }
}
