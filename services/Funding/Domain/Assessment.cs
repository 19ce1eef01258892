using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Funding.Domain;

/// <summary>A school's enrolment in one section, as the education bureau last reported it.</summary>
public sealed class EnrolmentCopy
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public Section Section { get; init; }
    public int Revision { get; set; }
    public int Students { get; set; }
    public int Boarders { get; set; }
    public int SpecialNeeds { get; set; }
}

/// <summary>What the finance bureau allocated to a school for a year (元).</summary>
public sealed class Allocation
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public required string CountyCode { get; init; }
    public decimal PublicFunds { get; set; }
    public decimal SpecialEducationFunds { get; set; }
    public decimal TrainingBudget { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The last assessment published for a school and year (also what the queries read).</summary>
public sealed class SchoolAssessment
{
    public required string SchoolCode { get; init; }
    public int Year { get; init; }
    public required string CountyCode { get; set; }
    public int Revision { get; set; }
    public required AssessedFigures Figures { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
}

public sealed record AssessedFigures(
    int Students, int Boarders, int SpecialNeeds, int FundedStudents,
    decimal PublicFundsRequired, decimal PublicFundsAllocated,
    decimal SpecialEducationRequired, decimal SpecialEducationAllocated,
    decimal TrainingRequired, decimal TrainingAllocated)
{
    public decimal PublicFundsShort => Math.Max(0, PublicFundsRequired - PublicFundsAllocated);
    public decimal SpecialEducationShort => Math.Max(0, SpecialEducationRequired - SpecialEducationAllocated);
    public decimal TrainingShort => Math.Max(0, TrainingRequired - TrainingAllocated);
    public decimal Shortfall => PublicFundsShort + SpecialEducationShort + TrainingShort;
}

/// <summary>
/// What a school is owed (元 a year). Special-needs students are funded at the special-education amount
/// and the others at their section's norm; a school below the small-school floor is funded as if it had
/// the floor's number of students (the missing ones at the primary norm when it has a primary section,
/// since that is where small schools' places are); every boarder adds the boarding supplement; the
/// training budget is due at 5 % of the public funds allocated. A special-education school's students
/// are all funded at the special-education amount, and the floor does not apply to it.
/// </summary>
public static class FundingRules
{
    public const decimal TrainingShare = 0.05m;

    public static AssessedFigures Assess(FundingNorm norm, SchoolType type, IReadOnlyCollection<EnrolmentCopy> enrolment, Allocation? allocation)
    {
        var special = type == SchoolType.SpecialEducation;
        var students = enrolment.Sum(e => e.Students);
        var boarders = enrolment.Sum(e => e.Boarders);
        var specialNeeds = special ? students : enrolment.Sum(e => Math.Min(e.SpecialNeeds, e.Students));
        int Regular(Section section) => special ? 0 : enrolment.Where(e => e.Section == section).Sum(e => e.Students - Math.Min(e.SpecialNeeds, e.Students));
        var primary = Regular(Section.Primary);
        var junior = Regular(Section.Junior);
        var missing = special || students >= norm.SmallSchoolFloor ? 0 : norm.SmallSchoolFloor - students;
        var floorAtJunior = type == SchoolType.Junior;
        var publicRequired = norm.PrimaryPerStudent * (primary + (floorAtJunior ? 0 : missing))
                             + norm.JuniorPerStudent * (junior + (floorAtJunior ? missing : 0))
                             + norm.BoardingSupplement * boarders;
        var publicAllocated = allocation?.PublicFunds ?? 0;
        return new AssessedFigures(students, boarders, specialNeeds, students + missing,
            publicRequired, publicAllocated,
            norm.SpecialEducationPerStudent * specialNeeds, allocation?.SpecialEducationFunds ?? 0,
            Math.Round(publicAllocated * TrainingShare, 2, MidpointRounding.AwayFromZero), allocation?.TrainingBudget ?? 0);
    }
}
