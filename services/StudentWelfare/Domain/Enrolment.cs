using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;

namespace EduPlatform.StudentWelfare.Domain;

/// <summary>One grade of a school's enrolment return, as a clerk sends it (JSON or one CSV line).</summary>
public sealed record EnrolmentRow(
    string? SchoolCode,
    int? Grade,
    int? Students,
    int? Boarders,
    int? SpecialNeeds,
    int? TransfersIn,
    int? TransfersOut,
    int? Dropouts,
    int? Graduates,
    int? Admitted,
    int? AdmittedFromCatchment);

/// <summary>The figures of one grade of a school in a school year.</summary>
public sealed class EnrolmentGrade
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public int Grade { get; init; }
    /// <summary>The school's county when the return was filed, so county figures survive a later closure.</summary>
    public required string CountyCode { get; init; }
    public int Students { get; init; }
    public int Boarders { get; init; }
    public int SpecialNeeds { get; init; }
    public int TransfersIn { get; init; }
    public int TransfersOut { get; init; }
    public int Dropouts { get; init; }
    public int Graduates { get; init; }
    public int Admitted { get; init; }
    public int AdmittedFromCatchment { get; init; }

    public Section Section => SchoolTypes.SectionOfGrade(Grade);

    public (int, int, int, int, int, int, int, int, int) Figures =>
        (Students, Boarders, SpecialNeeds, TransfersIn, TransfersOut, Dropouts, Graduates, Admitted, AdmittedFromCatchment);
}

/// <summary>The revision of a school's enrolment return for one section and year.</summary>
public sealed class EnrolmentReturn
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public Section Section { get; init; }
    public int Revision { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>
/// Checks enrolment returns as a whole (every fault of every row). A school listed gives its whole
/// return for the year, every section it teaches; its earlier return is replaced.
/// </summary>
public static class EnrolmentRules
{
    public const int MaxStudentsPerGrade = 5000;

    public static (List<EnrolmentGrade> Grades, Problems Problems) Validate(string countyCode, int year,
        IReadOnlyList<Located<EnrolmentRow>> rows, IReadOnlyDictionary<string, RegistrySchool> registry)
    {
        var problems = new Problems();
        var valid = new List<(string Where, EnrolmentGrade Grade)>();
        var seen = new Dictionary<(string, int), string>();
        foreach (var (where, row) in rows)
        {
            var school = RegistryChecks.School(where, row.SchoolCode, countyCode, registry, problems);
            var grade = RegistryChecks.Grade(where, problems.Required(where, "grade", row.Grade), school, problems);
            var before = problems.Count;
            var students = problems.NotNegative(where, "students", row.Students, Bounds.Students);
            var boarders = problems.Optional(where, "boarders", row.Boarders, Bounds.Students);
            var special = problems.Optional(where, "specialNeeds", row.SpecialNeeds, Bounds.Students);
            var transfersIn = problems.Optional(where, "transfersIn", row.TransfersIn, Bounds.Students);
            var transfersOut = problems.Optional(where, "transfersOut", row.TransfersOut, Bounds.Students);
            var dropouts = problems.Optional(where, "dropouts", row.Dropouts, Bounds.Students);
            var graduates = problems.Optional(where, "graduates", row.Graduates, Bounds.Students);
            var admitted = problems.Optional(where, "admitted", row.Admitted, Bounds.Students);
            var catchment = problems.Optional(where, "admittedFromCatchment", row.AdmittedFromCatchment, Bounds.Students);
            if (problems.Count > before || school is null || grade is not { } gr || students is not { } s)
            {
                continue;
            }
            var remaining = s + transfersIn - transfersOut - dropouts;
            if (s > MaxStudentsPerGrade)
            {
                problems.Error(where, "students", $"{s} students in one grade of one school is not plausible (at most {MaxStudentsPerGrade}).");
            }
            if (remaining < 0)
            {
                problems.Error(where, "transfersOut",
                    $"{s} students + {transfersIn} transferred in − {transfersOut} transferred out − {dropouts} dropouts = {remaining}: enrolment cannot be negative.");
            }
            if (boarders > s)
            {
                problems.Error(where, "boarders", $"{boarders} boarders, but {s} students.");
            }
            if (boarders > 0 && !school.Boarding)
            {
                problems.Error(where, "boarders", $"School {school.Code} ({school.Name}) is not a boarding school.");
            }
            if (special > s)
            {
                problems.Error(where, "specialNeeds", $"{special} special-needs students, but {s} students.");
            }
            if (graduates > 0 && gr is not (6 or 9))
            {
                problems.Error(where, "graduates", "Only grades 6 and 9 have graduates.");
            }
            else if (graduates > Math.Max(remaining, 0))
            {
                problems.Error(where, "graduates", $"{graduates} graduates, but {remaining} students remained in the grade.");
            }
            if (admitted > 0 && gr is not (1 or 7))
            {
                problems.Error(where, "admitted", "Only the entry grades (1 and 7) admit new students.");
            }
            if (admitted > s)
            {
                problems.Error(where, "admitted", $"{admitted} admitted, but {s} students in the grade.");
            }
            if (catchment > admitted)
            {
                problems.Error(where, "admittedFromCatchment", $"{catchment} admitted from the catchment, but {admitted} admitted in all.");
            }
            if (!seen.TryAdd((school.Code, gr), where))
            {
                problems.Error(where, "grade", $"Grade {gr} of school {school.Code} is listed twice (also at {seen[(school.Code, gr)]}).");
                continue;
            }
            valid.Add((where, new EnrolmentGrade
            {
                SchoolCode = school.Code, Year = year, Grade = gr, CountyCode = countyCode, Students = s, Boarders = boarders,
                SpecialNeeds = special, TransfersIn = transfersIn, TransfersOut = transfersOut, Dropouts = dropouts,
                Graduates = graduates, Admitted = admitted, AdmittedFromCatchment = catchment,
            }));
        }
        foreach (var bySchool in valid.GroupBy(v => v.Grade.SchoolCode))
        {
            RegistryChecks.AllSections(bySchool.First().Where, "grade", registry[bySchool.Key], bySchool.Select(v => v.Grade.Section),
                "enrolment return", problems);
        }
        return (valid.Select(v => v.Grade).ToList(), problems);
    }
}
