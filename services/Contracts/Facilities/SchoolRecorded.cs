namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// The school registry's full entry for a school after a change (registration, a corrected profile,
/// closure or restoration). <paramref name="Version"/> grows with every change, so a consumer keeps
/// the highest version it has seen, whatever the arrival order.
/// </summary>
public sealed record SchoolRecorded(
    string SchoolCode,
    string CountyCode,
    string Name,
    Location Location,
    SchoolType Type,
    bool Boarding,
    SchoolStatus Status,
    long Version,
    DateTimeOffset OccurredAt) : ICountyEvent;
