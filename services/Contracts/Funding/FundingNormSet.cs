namespace EduPlatform.Contracts.Funding;

/// <summary>The province's per-student public-funds norm for a year was set (元 per student).</summary>
public sealed record FundingNormSet(int Year, decimal PrimaryPerStudent, decimal JuniorPerStudent, DateTimeOffset OccurredAt);
