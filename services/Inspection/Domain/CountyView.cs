namespace EduPlatform.Inspection.Domain;

/// <summary>Inspection's copy of a county, fed by facilities' CountyRecorded events.</summary>
public sealed class CountyView
{
    public required string Code { get; init; }
    public required string Name { get; set; }

    /// <summary>The facilities version this copy reflects; older events are ignored.</summary>
    public long Version { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
