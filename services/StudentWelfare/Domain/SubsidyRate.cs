namespace EduPlatform.StudentWelfare.Domain;

/// <summary>
/// The province's boarding living subsidy (寄宿生生活补助) for students from poor families, in 元 per
/// student per year, by level. Kept as data because the province revises it.
/// </summary>
public sealed class SubsidyRate
{
    public required int Year { get; init; }
    public decimal PrimaryBoarder { get; set; }
    public decimal JuniorBoarder { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
