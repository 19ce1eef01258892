namespace EduPlatform.Contracts.Staffing;

/// <summary>A training course a teacher completed: its hours (学时) and dates. Sum any window from these.</summary>
public sealed record TrainingRecorded(
    Guid TrainingId,
    Guid TeacherId,
    string SchoolCode,
    string CountyCode,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal Hours,
    DateTimeOffset OccurredAt) : ICountyEvent;
