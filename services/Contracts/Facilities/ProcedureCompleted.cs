namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// A closure or restoration took effect after all five steps. For a closure,
/// <paramref name="ReceivingSchoolCode"/> is the operating school that took its students (先建后撤).
/// The school's new status follows as <see cref="SchoolRecorded"/>.
/// </summary>
public sealed record ProcedureCompleted(
    Guid ProcedureId,
    string SchoolCode,
    string CountyCode,
    ProcedureKind Kind,
    string? ReceivingSchoolCode,
    DateOnly EffectiveDate,
    DateOnly PlanDate,
    DateOnly ApprovalDate,
    DateTimeOffset OccurredAt) : ICountyEvent;
