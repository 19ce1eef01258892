namespace EduPlatform.Contracts;

/// <summary>
/// An event about one county's figures: consumers read its county without knowing its type (inspection's log of
/// consumed events is indexed by it). Null only where a figure holds for the whole province (a funding norm).
/// Not a message type of its own: the bus publishes no exchange for it (MessagingExtensions excludes it).
/// </summary>
public interface ICountyEvent
{
    string? CountyCode { get; }
}
