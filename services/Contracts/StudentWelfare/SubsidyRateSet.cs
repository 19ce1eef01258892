namespace EduPlatform.Contracts.StudentWelfare;

/// <summary>The province's boarding living subsidy rates (元 per boarder per year) for a year were set.</summary>
public sealed record SubsidyRateSet(int Year, decimal PrimaryBoarder, decimal JuniorBoarder, DateTimeOffset OccurredAt);
