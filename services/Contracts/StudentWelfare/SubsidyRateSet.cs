namespace EduPlatform.Contracts.StudentWelfare;

/// <summary>
/// The province's living-subsidy rates for students from poor families (元 per student per year) for a
/// year were set: boarders (寄宿生生活补助) and, added later, non-boarders, by level.
/// </summary>
public sealed record SubsidyRateSet(int Year, decimal PrimaryBoarder, decimal JuniorBoarder, DateTimeOffset OccurredAt,
    decimal PrimaryNonBoarder = 0, decimal JuniorNonBoarder = 0);
