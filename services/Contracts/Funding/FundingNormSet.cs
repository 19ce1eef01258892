namespace EduPlatform.Contracts.Funding;

/// <summary>
/// A per-student public-funds norm for a year was set (元 per student per year): the province's when
/// <paramref name="CountyCode"/> is null, else a county's own (never below the province's). Added
/// later: the boarding supplement per boarder, the special-education amount per student, and the
/// small-school floor (a school with fewer students is funded as if it had this many).
/// </summary>
public sealed record FundingNormSet(int Year, decimal PrimaryPerStudent, decimal JuniorPerStudent, DateTimeOffset OccurredAt,
    string? CountyCode = null, decimal BoardingSupplement = 0, decimal SpecialEducationPerStudent = 0, int SmallSchoolFloor = 100) : ICountyEvent;
