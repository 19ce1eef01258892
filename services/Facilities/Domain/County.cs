
namespace EduPlatform.Facilities.Domain;

/// <summary>A county-level administrative division (区/县/县级市) identified by its 6-digit code.</summary>
public sealed class County
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Grows with every change; published so consumers can ignore stale events.</summary>
    public long Version { get; set; }
}
