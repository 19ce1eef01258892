namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// Every class of a school's section in a school year, as the size of each class (students), with
/// the grade of each at the same index. The whole list, not a change: <paramref name="Revision"/>
/// grows with each resubmission and a consumer keeps the highest per (school, year, section).
/// </summary>
public sealed record ClassesReported(
    string SchoolCode,
    string CountyCode,
    int Year,
    Section Section,
    int Revision,
    int[] Grades,
    int[] ClassSizes,
    DateTimeOffset OccurredAt) : ICountyEvent;
