using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;

namespace EduPlatform.Inspection.Domain;

// Read models fed only by the departments' events. Each holds the whole state its event carries and
// the version or revision it came with, so events apply in any order and a redelivery changes nothing.

/// <summary>A school's section in a school year, as welfare's enrolment return reported it.</summary>
public sealed class SectionEnrolment
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public Section Section { get; init; }
    public int Revision { get; set; }
    public int Students { get; set; }
    public int Boarders { get; set; }
    public int SpecialNeeds { get; set; }
    public int Admitted { get; set; }
    public int AdmittedFromCatchment { get; set; }
}

/// <summary>A school's section in a school year, as facilities' annual return reported it.</summary>
public sealed class SectionFacilities
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public Section Section { get; init; }
    public int Revision { get; set; }
    public decimal TeachingArea { get; set; }
    public decimal SportsArea { get; set; }
    public decimal EquipmentValue { get; set; }
    public int MultimediaClassrooms { get; set; }
    public int Computers { get; set; }
    public int Books { get; set; }
    public decimal[] MusicRoomAreas { get; set; } = [];
    public decimal[] ArtRoomAreas { get; set; } = [];
}

/// <summary>A teacher as staffing last announced them: an opaque id, never a name.</summary>
public sealed class TeacherView
{
    public Guid TeacherId { get; init; }
    public long Version { get; set; }
    public required string SchoolCode { get; set; }
    public required string CountyCode { get; set; }
    public Section Section { get; set; }
    public bool FullTime { get; set; }
    public Subject[] Subjects { get; set; } = [];
    public Qualification Qualification { get; set; }
    public Rank Rank { get; set; }
    public BackboneLevel Backbone { get; set; }
    public bool Certified { get; set; }
    public int RuralYears { get; set; }
    public decimal AnnualPay { get; set; }
    public bool Active { get; set; }
}

/// <summary>Every class of a school's section in a school year, as sizes (facilities' ClassesReported).</summary>
public sealed class SectionClasses
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public Section Section { get; init; }
    public int Revision { get; set; }
    public int[] Sizes { get; set; } = [];
}

/// <summary>A county's pay references for a year (staffing's PayReferenceRecorded; the latest wins).</summary>
public sealed class PayReferenceView
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public decimal CivilServantAveragePay { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A county's welfare return for a year (welfare's CountyWelfareReported).</summary>
public sealed class CountyWelfareView
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public int MigrantEligible { get; set; }
    public int MigrantPlaced { get; set; }
    public int DisabledSchoolAge { get; set; }
    public int DisabledEnrolled { get; set; }
    public int QuotaPlan { get; set; }
    public int QuotaAllocated { get; set; }
}

/// <summary>What a school was owed and allocated for a year (funding's SchoolFundingAssessed).</summary>
public sealed class FundingView
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public int Students { get; set; }
    public int FundedStudents { get; set; }
    public decimal PublicFundsRequired { get; set; }
    public decimal PublicFundsAllocated { get; set; }
    public decimal SpecialEducationAllocated { get; set; }
}

/// <summary>A teacher's exchange in a school year (staffing's ExchangeRecorded).</summary>
public sealed class ExchangeView
{
    public Guid ExchangeId { get; init; }
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public bool Backbone { get; init; }
    public bool RuralAllowance { get; init; }
}

/// <summary>How many of a county's teachers may go on exchange in a year (staffing's ExchangeEligibilityReported).</summary>
public sealed class ExchangeEligibilityView
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public int Eligible { get; set; }
}
