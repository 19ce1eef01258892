using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>A school section's teachers as the resource indicators count them (backbone: all active teachers; the rest: full-time ones).</summary>
public sealed record SectionStaff(int FullTime, int Qualified, int Backbone, int PeAndArt, int MidRank)
{
    public static readonly SectionStaff None = new(0, 0, 0, 0, 0);
}

/// <summary>
/// Keeps <see cref="SectionStaffView"/>: the teacher consumer records each teacher's counts before and after a change
/// (<see cref="Changes"/>), and the differences are applied to the sections' rows in the same transaction.
/// </summary>
public static class SectionStaffStore
{
    /// <summary>The differences a batch of teacher changes makes, per school section.</summary>
    public sealed class Changes
    {
        internal readonly Dictionary<(string County, string School, Section Section), int[]> Deltas = [];

        public void Remove(StaffCount? before) => Add(before, -1);

        public void Add(StaffCount? after) => Add(after, 1);

        private void Add(StaffCount? count, int sign)
        {
            if (count is not { } c)
            {
                return;
            }
            var delta = Deltas.TryGetValue((c.CountyCode, c.SchoolCode, c.Section), out var d) ? d
                : Deltas[(c.CountyCode, c.SchoolCode, c.Section)] = new int[StaffCount.Length];
            for (var i = 0; i < delta.Length; i++)
            {
                delta[i] += sign * c.Counts[i];
            }
        }
    }

    /// <summary>
    /// Applies the differences to the sections' rows, each locked first (after the teachers' own locks, in lock-id
    /// order, so concurrent batches never deadlock): a row is added, changed, or removed once its counts are all zero.
    /// </summary>
    public static async Task ApplyAsync(InspectionDbContext db, Changes changes, CancellationToken ct)
    {
        var deltas = changes.Deltas.Where(d => d.Value.Any(v => v != 0)).ToList();
        if (deltas.Count == 0)
        {
            return;
        }
        await db.LockRowsAsync(deltas.Select(d => ReadModelUpsert.LockKey<SectionStaffView>(d.Key.County, d.Key.School, d.Key.Section)), ct);
        var schools = deltas.Select(d => d.Key.School).Distinct().ToList();
        var rows = (await db.SectionStaff.Where(s => schools.Contains(s.SchoolCode)).ToListAsync(ct))
            .ToDictionary(s => (s.CountyCode, s.SchoolCode, s.Section));
        foreach (var (key, delta) in deltas)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new SectionStaffView { CountyCode = key.County, SchoolCode = key.School, Section = key.Section };
                db.SectionStaff.Add(row);
            }
            var counts = ToCounts(row);
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] += delta[i];
            }
            if (counts.All(v => v == 0))
            {
                db.SectionStaff.Remove(row);
            }
            else
            {
                Set(row, counts);
            }
        }
    }

    /// <summary>Every section's row computed afresh from the teachers (a rebuild, or a read model written directly).</summary>
    public static async Task RecomputeAsync(InspectionDbContext db, CancellationToken ct)
    {
        await db.SectionStaff.ExecuteDeleteAsync(ct);
        var changes = new Changes();
        await foreach (var teacher in db.Teachers.AsNoTracking().Where(t => t.Active).AsAsyncEnumerable().WithCancellation(ct))
        {
            changes.Add(StaffCount.Of(teacher));
        }
        foreach (var ((county, school, section), counts) in changes.Deltas.Where(d => d.Value.Any(v => v != 0)))
        {
            var row = new SectionStaffView { CountyCode = county, SchoolCode = school, Section = section };
            Set(row, counts);
            db.SectionStaff.Add(row);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A county's sections' counts and the subjects each school's full-time teachers teach (in <see cref="Subject"/> order);
    /// given <paramref name="school"/>, that school's only.
    /// </summary>
    public static async Task<(Dictionary<(string School, Section Section), SectionStaff> Sections, Dictionary<string, Subject[]> Subjects)> ReadAsync(
        InspectionDbContext db, string county, string? school, CancellationToken ct)
    {
        var rows = await db.SectionStaff.AsNoTracking().Where(s => s.CountyCode == county && (school == null || s.SchoolCode == school)).ToListAsync(ct);
        var sections = rows.ToDictionary(r => (r.SchoolCode, r.Section), r => new SectionStaff(r.FullTime, r.Qualified, r.Backbone, r.PeAndArt, r.MidRank));
        var subjects = rows.GroupBy(r => r.SchoolCode).Select(g => (School: g.Key,
                Subjects: Enum.GetValues<Subject>().Where(s => g.Any(r => r.SubjectTeachers.ElementAtOrDefault((int)s) > 0)).ToArray()))
            .Where(s => s.Subjects.Length > 0).ToDictionary(s => s.School, s => s.Subjects);
        return (sections, subjects);
    }

    private static int[] ToCounts(SectionStaffView row)
    {
        var counts = new int[StaffCount.Length];
        (counts[StaffCount.FullTime], counts[StaffCount.Qualified], counts[StaffCount.Backbone], counts[StaffCount.PeAndArt], counts[StaffCount.MidRank]) =
            (row.FullTime, row.Qualified, row.Backbone, row.PeAndArt, row.MidRank);
        row.SubjectTeachers.AsSpan(0, Math.Min(row.SubjectTeachers.Length, counts.Length - StaffCount.FirstSubject))
            .CopyTo(counts.AsSpan(StaffCount.FirstSubject));
        return counts;
    }

    private static void Set(SectionStaffView row, int[] counts)
    {
        (row.FullTime, row.Qualified, row.Backbone, row.PeAndArt, row.MidRank) =
            (counts[StaffCount.FullTime], counts[StaffCount.Qualified], counts[StaffCount.Backbone], counts[StaffCount.PeAndArt], counts[StaffCount.MidRank]);
        row.SubjectTeachers = counts[StaffCount.FirstSubject..]; // a new array: EF sees the change
    }
}
