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
        }, Announcement());
    }

    /// <summary>The registry entry as others see it.</summary>
    public SchoolRecorded Announcement() => new(Code, CountyCode, Name, Location, Type, Boarding, Status, Version, UpdatedAt);
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
