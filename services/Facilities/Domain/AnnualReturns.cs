using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Facilities.Domain;

/// <summary>A school's facility return for one section and school year; a resubmission replaces it.</summary>
public sealed class FacilityReturn
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public Section Section { get; init; }
    public int Revision { get; set; }
    public DateTimeOffset FirstSubmittedAt { get; init; }
    public DateTimeOffset SubmittedAt { get; set; }
    public required FacilityFigures Figures { get; set; }
}

/// <summary>The figures of a facility return, compared as a whole to tell a resubmission from a retry.</summary>
public sealed record FacilityFigures(
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
    int ActiveRenrentongAccounts)
{
    public bool Equals(FacilityFigures? other) =>
        other is not null
        && TeachingAuxiliaryArea == other.TeachingAuxiliaryArea && SportsGroundArea == other.SportsGroundArea
        && SportsHallArea == other.SportsHallArea && EquipmentValue == other.EquipmentValue
        && MultimediaClassrooms == other.MultimediaClassrooms && Computers == other.Computers && Books == other.Books
        && MusicRoomAreas.SequenceEqual(other.MusicRoomAreas) && ArtRoomAreas.SequenceEqual(other.ArtRoomAreas)
        && BroadbandMbps == other.BroadbandMbps && OrdinaryClassrooms == other.OrdinaryClassrooms
        && ClassroomsWithMultimedia == other.ClassroomsWithMultimedia && ClassesWithBanbantong == other.ClassesWithBanbantong
        && ActiveRenrentongAccounts == other.ActiveRenrentongAccounts;

    public override int GetHashCode() => HashCode.Combine(TeachingAuxiliaryArea, SportsGroundArea, EquipmentValue, Books);
}

/// <summary>The class list of a school's section in a school year; its classes are replaced as a whole.</summary>
public sealed class ClassList
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public Section Section { get; init; }
    public int Revision { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>One class (教学班) of a school year.</summary>
public sealed class SchoolClass
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public int Grade { get; init; }
    /// <summary>The class's number within its grade (1 for 一班).</summary>
    public int Number { get; init; }
    public int Students { get; init; }
}

/// <summary>A boarding school's living facilities against the provincial logistics standard.</summary>
public sealed class BoardingLogistics
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public bool Canteen { get; set; }
    public bool Dormitory { get; set; }
    public bool DrinkingWater { get; set; }
    public bool Bathing { get; set; }
    public bool Toilets { get; set; }
    public bool WasteHandling { get; set; }

    public bool MeetsStandard => Canteen && Dormitory && DrinkingWater && Bathing && Toilets && WasteHandling;
}
