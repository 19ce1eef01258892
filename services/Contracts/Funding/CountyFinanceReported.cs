namespace EduPlatform.Contracts.Funding;

/// <summary>
/// A county's education finance for a year (元): general-budget education spending, recurrent fiscal
/// revenue, and education spending per student by level — the inputs of "三个增长". Highest revision wins.
/// </summary>
public sealed record CountyFinanceReported(
    string CountyCode,
    int Year,
    int Revision,
    decimal EducationSpending,
    decimal RecurrentRevenue,
    decimal PrimarySpendingPerStudent,
    decimal JuniorSpendingPerStudent,
    DateTimeOffset OccurredAt) : ICountyEvent;
