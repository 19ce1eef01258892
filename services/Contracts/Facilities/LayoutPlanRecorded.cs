namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// A county's school layout plan (布局专项规划) was adopted or revised: how many schools it keeps,
/// builds, merges or closes, and restores, and its horizon. The highest <paramref name="Version"/> wins.
/// </summary>
public sealed record LayoutPlanRecorded(
    string CountyCode,
    long Version,
    int Keep,
    int Build,
    int MergeClose,
    int Restore,
    int LastTargetYear,
    DateTimeOffset OccurredAt) : ICountyEvent;
