namespace EduPlatform.Contracts.Staffing;

/// <summary>A county's civil-servant average annual pay (元) for a year was recorded (GG8).</summary>
public sealed record PayReferenceRecorded(string CountyCode, int Year, decimal CivilServantAveragePay, DateTimeOffset OccurredAt);
