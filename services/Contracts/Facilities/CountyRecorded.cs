namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// A county was registered or renamed. <paramref name="Version"/> grows with every change of the
/// county, so a consumer keeps the highest version it has seen, whatever the arrival order.
/// </summary>
public sealed record CountyRecorded(string CountyCode, string Name, long Version, DateTimeOffset OccurredAt) : ICountyEvent;
