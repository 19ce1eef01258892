using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Contracts.StudentWelfare;

/// <summary>
/// A school's enrolment return for one section and school year, whole: per grade (same index in
/// every array) the students registered at the start of the year (学年初注册学籍学生), boarders,
/// special-needs students in regular classes (随班就读), transfers in and out, dropouts, graduates,
/// and the new intake (grades 1 and 7) with those admitted from the school's catchment (就近划片).
/// A resubmission raises <paramref name="Revision"/>; a consumer keeps the highest per (school, year, section).
/// </summary>
public sealed record EnrolmentReported(
    string SchoolCode,
    string CountyCode,
    int Year,
    Section Section,
    int Revision,
    int[] Grades,
    int[] Students,
    int[] Boarders,
    int[] SpecialNeeds,
    int[] TransfersIn,
    int[] TransfersOut,
    int[] Dropouts,
    int[] Graduates,
    int[] Admitted,
    int[] AdmittedFromCatchment,
    DateTimeOffset OccurredAt) : ICountyEvent;
