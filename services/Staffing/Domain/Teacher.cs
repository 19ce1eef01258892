using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;

namespace EduPlatform.Staffing.Domain;

/// <summary>
/// A teacher. <see cref="IdNumber"/> and <see cref="Name"/> are personal data: they stay in this
/// service (no event, log line or trace carries them); everyone else knows the teacher by <see cref="Id"/>.
/// </summary>
public sealed class Teacher
{
    public Guid Id { get; init; }
    public required string IdNumber { get; init; }
    public required string Name { get; set; }
    public required string SchoolCode { get; set; }
    public required string CountyCode { get; set; }
    public Section Section { get; set; }
    public bool FullTime { get; set; }
    public Subject[] Subjects { get; set; } = [];
    public Qualification Qualification { get; set; }
    public Rank Rank { get; set; }
    public BackboneLevel Backbone { get; set; }
    public bool Certified { get; set; }
    public DateOnly HireDate { get; set; }
    /// <summary>At the current school since: the clock for exchange eligibility.</summary>
    public DateOnly AtSchoolSince { get; set; }
    /// <summary>Consecutive years of service in rural schools (for honours).</summary>
    public int RuralYears { get; set; }
    public decimal AnnualPay { get; set; }
    public DateOnly? LeftOn { get; set; }
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool Active => LeftOn is null;

    /// <summary>Recognised at county level or above (what RA2 and the exchange's backbone share count).</summary>
    public bool IsBackbone => Backbone >= BackboneLevel.County;

    public TeacherRecorded Announcement(TeacherChange change) => new(Id, change, SchoolCode, CountyCode, Section, FullTime, Subjects,
        Qualification, Rank, Backbone, Certified, RuralYears, AnnualPay, Active, Version, UpdatedAt);

    /// <summary>The profile fields compared to tell a change from a repeat.</summary>
    public object Profile => (Name, SchoolCode, Section, FullTime, string.Join(',', Subjects.Order()), Qualification, Rank, Backbone,
        Certified, HireDate, AtSchoolSince, RuralYears, AnnualPay, LeftOn);
}

/// <summary>A training course a teacher completed.</summary>
public sealed class TrainingRecord
{
    public Guid Id { get; init; }
    public Guid TeacherId { get; init; }
    public required string Course { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly EndDate { get; init; }
    public decimal Hours { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A teacher's exchange (交流轮岗) to a rural school for a school year.</summary>
public sealed class Exchange
{
    public Guid Id { get; init; }
    public Guid TeacherId { get; init; }
    public int Year { get; init; }
    public required string CountyCode { get; init; }
    public required string FromSchoolCode { get; init; }
    public required string ToSchoolCode { get; init; }
    public bool Backbone { get; init; }
    public bool RuralAllowance { get; init; }
    public DateOnly StartDate { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

public sealed class Honour
{
    public Guid TeacherId { get; init; }
    public HonourLevel Level { get; init; }
    public int Year { get; init; }
    public required string DocumentReference { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>Town teachers' average pay by rank in a county and year (PL9's comparison for rural teachers).</summary>
public sealed class TownPay
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public Rank Rank { get; init; }
    public decimal AveragePay { get; set; }
}

/// <summary>Revision of a county's published exchange-eligibility figure for a year.</summary>
public sealed class EligibilityRevision
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public int Eligible { get; set; }
    public int EligibleBackbone { get; set; }
}
