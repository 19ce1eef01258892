using EduPlatform.Contracts.Facilities;

namespace EduPlatform.StudentWelfare.Domain;

/// <summary>
/// The province's living subsidy for students from poor families (家庭经济困难学生生活补助), in 元 per
/// student per year, by level, for boarders and non-boarders. Kept as data because the province revises it.
/// </summary>
public sealed class SubsidyRate
{
    public required int Year { get; init; }
    public decimal PrimaryBoarder { get; set; }
    public decimal JuniorBoarder { get; set; }
    public decimal PrimaryNonBoarder { get; set; }
    public decimal JuniorNonBoarder { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>What one term (half the school year) owes a student of this level.</summary>
    public decimal PerTerm(Section section, bool boarder) => (section, boarder) switch
    {
        (Section.Primary, true) => PrimaryBoarder,
        (Section.Junior, true) => JuniorBoarder,
        (Section.Primary, false) => PrimaryNonBoarder,
        _ => JuniorNonBoarder,
    } / 2;
}
