namespace EduPlatform.Contracts.Facilities;

/// <summary>
/// A school's annual facility return for one section (学段) and school year — the whole return, not a
/// change. A resubmission replaces the earlier return: <paramref name="Revision"/> grows and
/// <paramref name="Replaced"/> is true; a consumer keeps the highest revision per (school, year, section).
/// Areas in m², money in 元; room lists give each room's area so any standard can be applied.
/// </summary>
public sealed record FacilityReturnRecorded(
    string SchoolCode,
    string CountyCode,
    int Year,
    Section Section,
    int Revision,
    bool Replaced,
    decimal TeachingAuxiliaryArea,
    decimal SportsGroundArea,
    decimal SportsHallArea,
    decimal EquipmentValue,
    int MultimediaClassrooms,
    int Computers,
    int Books,
    decimal[] MusicRoomAreas,
    decimal[] ArtRoomAreas,
    decimal BroadbandMbps,
    int OrdinaryClassrooms,
    int ClassroomsWithMultimedia,
    int ClassesWithBanbantong,
    int ActiveRenrentongAccounts,
    DateTimeOffset OccurredAt) : ICountyEvent;
