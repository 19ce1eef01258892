namespace EduPlatform.Contracts.Staffing;

/// <summary>An honour certificate for long rural service was awarded to a teacher.</summary>
public sealed record HonourAwarded(
    Guid TeacherId,
    string CountyCode,
    HonourLevel Level,
    int Year,
    int RuralYears,
    string DocumentReference,
    DateTimeOffset OccurredAt) : ICountyEvent;
