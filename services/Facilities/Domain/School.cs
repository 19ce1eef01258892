using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Facilities.Domain;

/// <summary>A school in the registry, identified by its 10-digit national school code (学校标识码).</summary>
public sealed class School
{
    public required string Code { get; init; }
    public required string CountyCode { get; set; }
    public required string Name { get; set; }
    public Location Location { get; set; }
    public SchoolType Type { get; set; }
    public bool Boarding { get; set; }

    /// <summary>Changed only by a completed closure or restoration procedure, never by an edit.</summary>
    public SchoolStatus Status { get; set; }

    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool SameProfile(string name, Location location, SchoolType type, bool boarding) =>
        Name == name && Location == location && Type == type && Boarding == boarding;

    /// <summary>Bumps the version, keeps the entry in the school's history and announces it.</summary>
    public (SchoolHistory Entry, SchoolRecorded Event) Changed(DateTimeOffset now, string reason)
    {
        Version++;
        UpdatedAt = now;
        return (new SchoolHistory
        {
            SchoolCode = Code, Version = Version, CountyCode = CountyCode, Name = Name, Location = Location,
            Type = Type, Boarding = Boarding, Status = Status, ChangedAt = now, Reason = reason,
        }, new SchoolRecorded(Code, CountyCode, Name, Location, Type, Boarding, Status, Version, now));
    }
}

/// <summary>The registry entry as it was at one version: a school's history.</summary>
public sealed class SchoolHistory
{
    public required string SchoolCode { get; init; }
    public long Version { get; init; }
    public required string CountyCode { get; init; }
    public required string Name { get; init; }
    public Location Location { get; init; }
    public SchoolType Type { get; init; }
    public bool Boarding { get; init; }
    public SchoolStatus Status { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
    public required string Reason { get; init; }
}

/// <summary>What each type of school teaches: its sections and grades (compulsory part only).</summary>
public static class SchoolTypes
{
    public static Section SectionOfGrade(int grade) => grade <= 6 ? Section.Primary : Section.Junior;

    public static (int First, int Last) Grades(SchoolType type) => type switch
    {
        SchoolType.Primary or SchoolType.TeachingPoint => (1, 6),
        SchoolType.Junior => (7, 9),
        _ => (1, 9),
    };

    /// <summary>The sections whose facility return the school must file each year.</summary>
    public static Section[] RequiredSections(SchoolType type) => type switch
    {
        SchoolType.Primary or SchoolType.TeachingPoint => [Section.Primary],
        SchoolType.Junior => [Section.Junior],
        SchoolType.NineYear or SchoolType.TwelveYear => [Section.Primary, Section.Junior],
        // A special-education school may teach either or both sections; it files what it has.
        _ => [],
    };

    public static bool HasSection(SchoolType type, Section section)
    {
        var (first, last) = Grades(type);
        return section == Section.Primary ? first <= 6 : last >= 7;
    }

    /// <summary>Chinese names as clerks write them (CSV uploads accept these or the API's names).</summary>
    public static readonly IReadOnlyDictionary<string, SchoolType> ChineseNames = new Dictionary<string, SchoolType>
    {
        ["小学"] = SchoolType.Primary, ["初中"] = SchoolType.Junior, ["九年一贯制"] = SchoolType.NineYear,
        ["十二年一贯制"] = SchoolType.TwelveYear, ["教学点"] = SchoolType.TeachingPoint, ["特殊教育学校"] = SchoolType.SpecialEducation,
    };

    public static readonly IReadOnlyDictionary<string, Location> ChineseLocations = new Dictionary<string, Location>
    {
        ["城区"] = Location.Urban, ["镇区"] = Location.Town, ["乡村"] = Location.Rural,
    };
}
