namespace EduPlatform.Funding.Domain;

/// <summary>
/// The province's per-student public-funds norm (生均公用经费基准定额) for one year, in 元 per student.
/// Kept as data because the province revises it.
/// </summary>
public sealed class FundingNorm
{
    public required int Year { get; init; }
    public decimal PrimaryPerStudent { get; set; }
    public decimal JuniorPerStudent { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
