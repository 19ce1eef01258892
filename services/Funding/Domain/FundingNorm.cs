namespace EduPlatform.Funding.Domain;

/// <summary>
/// A per-student public-funds norm (生均公用经费基准定额) for one year, in 元 per student per year: the
/// province's (<see cref="Scope"/> = <see cref="Province"/>) or a county's own, which may only be higher.
/// Kept as data because the province revises it.
/// </summary>
public sealed class FundingNorm
{
    public const string Province = "province";

    public required string Scope { get; init; }
    public required int Year { get; init; }
    public decimal PrimaryPerStudent { get; set; }
    public decimal JuniorPerStudent { get; set; }
    /// <summary>Added per boarder on top of the per-student norm (寄宿制学校公用经费).</summary>
    public decimal BoardingSupplement { get; set; }
    /// <summary>Per special-needs student, in a special school or a regular class (GG7 / PL14).</summary>
    public decimal SpecialEducationPerStudent { get; set; }
    /// <summary>A school with fewer students is funded as if it had this many (不足100人按100人核定).</summary>
    public int SmallSchoolFloor { get; set; } = 100;
    public DateTimeOffset UpdatedAt { get; set; }

    public (decimal, decimal, decimal, decimal, int) Figures =>
        (PrimaryPerStudent, JuniorPerStudent, BoardingSupplement, SpecialEducationPerStudent, SmallSchoolFloor);

    /// <summary>The norm in force for a county: its own where higher, the province's otherwise, figure by figure.</summary>
    public static FundingNorm Effective(FundingNorm province, FundingNorm? county) => county is null ? province : new FundingNorm
    {
        Scope = county.Scope, Year = province.Year,
        PrimaryPerStudent = Math.Max(province.PrimaryPerStudent, county.PrimaryPerStudent),
        JuniorPerStudent = Math.Max(province.JuniorPerStudent, county.JuniorPerStudent),
        BoardingSupplement = Math.Max(province.BoardingSupplement, county.BoardingSupplement),
        SpecialEducationPerStudent = Math.Max(province.SpecialEducationPerStudent, county.SpecialEducationPerStudent),
        SmallSchoolFloor = Math.Max(province.SmallSchoolFloor, county.SmallSchoolFloor),
    };
}
