using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Kernel;

namespace EduPlatform.Facilities.Tests;

/// <summary>Rows as a county clerk would send them, with plausible figures unless a test says otherwise.</summary>
internal static class Rows
{
    private static int _next;

    /// <summary>A county code no other test uses, so tests sharing a database do not see each other's schools.</summary>
    public static string NewCountyCode()
    {
        var n = Interlocked.Increment(ref _next);
        return $"{4100 + n / 90}{10 + n % 90}";
    }

    public static string School(string county, int n) => $"{county}{n:D4}";

    public static FacilityReturnRow Return(string school, Section section, decimal ground = 4000m, decimal teaching = 2500m,
        decimal equipment = 900_000m, int ordinary = 12, int equipped = 12, int banbantong = 6) =>
        new(school, Problems.KebabCase(section), teaching, ground, 600m, equipment, 10, 80, 12_000, [96m], [90m], 100m,
            ordinary, equipped, banbantong, 300);

    public static ClassRow Class(string school, int grade, int number, int students) => new(school, grade, number, students);

    /// <summary>Two classes of <paramref name="students"/> in each grade of the section.</summary>
    public static IEnumerable<ClassRow> Classes(string school, Section section, int students = 40) =>
        Enumerable.Range(section == Section.Primary ? 1 : 7, section == Section.Primary ? 6 : 3)
            .SelectMany(grade => new[] { Class(school, grade, 1, students), Class(school, grade, 2, students) });

    public static BoardingLogisticsRow Boarding(string school, bool all = true) => new(school, all, all, all, all, all, true);
}
