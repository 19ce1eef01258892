using System.Text.Json.Nodes;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Infrastructure;

namespace EduPlatform.Inspection.Benchmark;

/// <summary>
/// A county of N schools for the benchmark, the same for a given seed: seven in ten primary, two junior,
/// one nine-year; a third each urban, town and rural; resources scattered around the national thresholds.
/// </summary>
public sealed class SyntheticCounty(string county, int schools, int seed)
{
    public string County => county;

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, List<(int Grade, int Students)>> _classes = [];

    private static SchoolType TypeOf(int i) => (i % 10) switch { < 7 => SchoolType.Primary, < 9 => SchoolType.Junior, _ => SchoolType.NineYear };

    private string Code(int i) => $"{county}{i + 1:D4}";

    public string FirstPrimary => Code(0);

    public object[] RegistryRows() =>
    [
        .. Enumerable.Range(0, schools).Select(i => new
        {
            code = Code(i), name = $"基准学校{i + 1}", location = ((Location)(i % 3)).ToString().ToLowerInvariant(),
            type = TypeOf(i) == SchoolType.NineYear ? "nine-year" : TypeOf(i).ToString().ToLowerInvariant(), boarding = i % 7 == 0,
        }),
    ];

    /// <summary>Writes enrolment, facility returns, classes, funding and teachers for every school's sections.</summary>
    public async Task<int> SeedReadModelAsync(InspectionDbContext db, int year)
    {
        for (var i = 0; i < schools; i++)
        {
            Section[] sections = TypeOf(i) switch
            {
                SchoolType.Primary => [Section.Primary],
                SchoolType.Junior => [Section.Junior],
                _ => [Section.Primary, Section.Junior],
            };
            var total = 0;
            foreach (var section in sections)
            {
                int[] grades = section == Section.Primary ? [1, 2, 3, 4, 5, 6] : [7, 8, 9];
                var perGrade = grades.Select(_ => _random.Next(20, 260)).ToArray();
                var students = perGrade.Sum();
                total += students;
                var zero = grades.Select(_ => 0).ToArray();
                db.Enrolment.Add(new SectionEnrolment
                {
                    SchoolCode = Code(i), Year = year, Section = section, Revision = 1, Students = students,
                    Admitted = perGrade[0], AdmittedFromCatchment = perGrade[0] - _random.Next(0, 3),
                    Grades = grades, GradeStudents = perGrade, TransfersIn = zero, TransfersOut = zero,
                    Graduates = grades.Select((g, k) => g is 6 or 9 ? perGrade[k] : 0).ToArray(),
                });
                var junior = section == Section.Junior;
                decimal Spread(decimal threshold) => Math.Round(threshold * (decimal)(0.75 + _random.NextDouble()), 2);
                var classes = grades.SelectMany((g, k) => Split(perGrade[k]).Select(n => (g, n))).ToList();
                _classes[$"{Code(i)}/{section}"] = classes;
                db.Facilities.Add(new SectionFacilities
                {
                    SchoolCode = Code(i), Year = year, Section = section, Revision = 1,
                    TeachingArea = students * Spread(junior ? 5.8m : 4.5m), SportsArea = students * Spread(junior ? 10.2m : 7.5m),
                    EquipmentValue = students * Spread(junior ? 2500m : 2000m), MultimediaClassrooms = (int)(students * Spread(junior ? 2.4m : 2.3m) / 100),
                    Computers = students / 8, Books = students * 25, MusicRoomAreas = [96m], ArtRoomAreas = [90m], BroadbandMbps = 100m,
                    OrdinaryClassrooms = classes.Count, ClassroomsWithMultimedia = classes.Count, ClassesWithBanbantong = classes.Count,
                    ActiveRenrentongAccounts = students,
                });
                db.Classes.Add(new SectionClasses { SchoolCode = Code(i), Year = year, Section = section, Revision = 0, Sizes = [.. classes.Select(c => c.Item2)] });
                for (var t = 0; t < students / 16; t++)
                {
                    db.Teachers.Add(new TeacherView
                    {
                        TeacherId = Guid.NewGuid(), Version = 1, SchoolCode = Code(i), CountyCode = county, Section = section, FullTime = true,
                        Subjects = [(Subject)_random.Next(0, 10)], Qualification = (Qualification)_random.Next(1, 5), Rank = (Rank)_random.Next(0, 5),
                        Backbone = _random.Next(0, 10) == 0 ? BackboneLevel.County : BackboneLevel.None, Certified = _random.Next(0, 50) > 0,
                        RuralYears = i % 3 == 2 ? _random.Next(0, 20) : 0, AnnualPay = 80_000m + _random.Next(0, 40_000), Active = true,
                    });
                }
            }
            db.Funding.Add(new FundingView
            {
                SchoolCode = Code(i), Year = year, Revision = 1, Students = total, FundedStudents = Math.Max(total, 100),
                PublicFundsRequired = Math.Max(total, 100) * 650m, PublicFundsAllocated = Math.Max(total, 100) * (_random.Next(0, 10) == 0 ? 600m : 650m),
                TrainingRequired = Math.Max(total, 100) * 32.5m, TrainingAllocated = Math.Max(total, 100) * 32.5m,
            });
        }
        var written = await db.SaveChangesAsync();
        // Written behind the consumer's back: the sections' teacher counts are recomputed, as a rebuild does.
        await SectionStaffStore.RecomputeAsync(db, CancellationToken.None);
        return written;
    }

    private List<int> Split(int students)
    {
        var count = Math.Max(1, (int)Math.Ceiling(students / 44.0));
        return [.. Enumerable.Range(0, count).Select(k => students / count + (k < students % count ? 1 : 0))];
    }

    /// <summary>The school's primary classes as facilities takes them, with the first at 46 students when crowded (else 40).</summary>
    public object[] ClassRows(string school, bool crowded) =>
    [
        .. _classes[$"{school}/{Section.Primary}"].Select((c, k) => new
        {
            schoolCode = school, grade = c.Grade, number = k + 1, students = k == 0 ? (crowded ? 46 : 40) : Math.Min(c.Students, 45),
        }),
    ];

    /// <summary>Whether the scorecard JSON names the school among GG5's schools at fault.</summary>
    public static bool AtFaultInGg5(string scorecard, string school) =>
        JsonNode.Parse(scorecard)!["groups"]!.AsArray().SelectMany(g => g!["lines"]!.AsArray()).Single(l => (string)l!["code"]! == "GG5")!
            ["schoolsAtFault"]!.AsArray().Any(s => (string)s! == school);
}
