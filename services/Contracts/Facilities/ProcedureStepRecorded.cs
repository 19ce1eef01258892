namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// One step of a closure (撤并) or restoration (恢复办学) procedure was completed. Steps are accepted
/// only in their statutory order, so <paramref name="StepNumber"/> (1–5) orders them for a consumer.
/// </summary>
public sealed record ProcedureStepRecorded(
    Guid ProcedureId,
    string SchoolCode,
    string CountyCode,
    ProcedureKind Kind,
    ProcedureStep Step,
    int StepNumber,
    DateOnly Date,
    string DocumentReference,
    DateTimeOffset OccurredAt) : ICountyEvent;
