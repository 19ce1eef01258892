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

    // Per grade (same index in each): what the retention cohorts (EQ1, PL10) follow across years.
    public int[] Grades { get; set; } = [];
    public int[] GradeStudents { get; set; } = [];
    public int[] TransfersIn { get; set; } = [];
    public int[] TransfersOut { get; set; } = [];
    public int[] Graduates { get; set; } = [];
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
    public decimal BroadbandMbps { get; set; }
    public int OrdinaryClassrooms { get; set; }
    public int ClassroomsWithMultimedia { get; set; }
    public int ClassesWithBanbantong { get; set; }
    public int ActiveRenrentongAccounts { get; set; }
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
    public Rank[] TownRanks { get; set; } = [];
    public decimal[] TownPay { get; set; } = [];
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
    public decimal SpecialEducationRequired { get; set; }
    public decimal SpecialEducationAllocated { get; set; }
    public decimal TrainingRequired { get; set; }
    public decimal TrainingAllocated { get; set; }
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

/// <summary>A training course a teacher completed (staffing's TrainingRecorded); GG9 and PL8 sum five years of them.</summary>
public sealed class TrainingView
{
    public Guid TrainingId { get; init; }
    public Guid TeacherId { get; init; }
    public required string CountyCode { get; init; }
    public DateOnly EndDate { get; init; }
    public decimal Hours { get; init; }

    /// <summary>The hours in hundredths, kept by the database (a stored generated column): the teachers' summary sums integers.</summary>
    public int Hundredths { get; private set; }
}

/// <summary>An honour certificate a teacher received (staffing's HonourAwarded).</summary>
public sealed class HonourView
{
    public Guid TeacherId { get; init; }
    public HonourLevel Level { get; init; }
    public required string CountyCode { get; init; }
    public int Year { get; init; }
}

/// <summary>A boarding school's living facilities against the logistics standard (facilities' BoardingLogisticsReported).</summary>
public sealed class BoardingView
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public string[] Missing { get; set; } = [];
}

/// <summary>A closure or restoration that took effect (facilities' ProcedureCompleted).</summary>
public sealed class ProcedureView
{
    public Guid ProcedureId { get; init; }
    public required string SchoolCode { get; init; }
    public required string CountyCode { get; init; }
    public ProcedureKind Kind { get; init; }
    public string? ReceivingSchoolCode { get; init; }
    public DateOnly EffectiveDate { get; init; }
}

/// <summary>Subsidy coverage of a school for one term (welfare's SubsidyCoverageReported; counts only).</summary>
public sealed class SubsidyView
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public int Term { get; init; }
    public int Revision { get; set; }
    public int Eligible { get; set; }
    public int PaidInFull { get; set; }
}

/// <summary>
/// A school section's active teachers as the scorecard counts them (<see cref="StaffCount"/>), kept by the
/// teacher consumer as it applies each change — the old profile's counts out, the new one's in — so a
/// scorecard reads a few hundred rows instead of counting a county's tens of thousands of teachers. A row
/// whose counts all fall to zero is removed; a rebuild recomputes every row from the teachers.
/// </summary>
public sealed class SectionStaffView
{
    public required string CountyCode { get; init; }
    public required string SchoolCode { get; init; }
    public Section Section { get; init; }
    public int FullTime { get; set; }
    public int Qualified { get; set; }
    public int Backbone { get; set; }
    public int PeAndArt { get; set; }
    public int MidRank { get; set; }

    /// <summary>Full-time teachers teaching each subject, indexed by <see cref="Subject"/>.</summary>
    public int[] SubjectTeachers { get; set; } = [];
}
