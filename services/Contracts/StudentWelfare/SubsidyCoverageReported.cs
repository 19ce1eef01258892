namespace EduPlatform.Contracts.StudentWelfare;

/// <summary>
/// Subsidies for students from poor families at one school, for one term (1 autumn, 2 spring) of a
/// school year: how many are eligible, how many were paid, how many at the full provincial rate, and
/// the amounts due and paid (元). Counts only — no student is named. Highest revision wins.
/// </summary>
public sealed record SubsidyCoverageReported(
    string SchoolCode,
    string CountyCode,
    int Year,
    int Term,
    int Revision,
    int Eligible,
    int Paid,
    int PaidInFull,
    decimal AmountDue,
    decimal AmountPaid,
    DateTimeOffset OccurredAt) : ICountyEvent;
