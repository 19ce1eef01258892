namespace EduPlatform.Funding.Domain;

/// <summary>A county's education finance for a year (元).</summary>
public sealed class CountyFinance
{
    public required string CountyCode { get; init; }
    public int Year { get; init; }
    public int Revision { get; set; }
    public decimal EducationSpending { get; set; }
    public decimal RecurrentRevenue { get; set; }
    public decimal PrimarySpendingPerStudent { get; set; }
    public decimal JuniorSpendingPerStudent { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record GrowthYear(
    int Year,
    decimal EducationSpending,
    decimal RecurrentRevenue,
    decimal? EducationGrowthPercent,
    decimal? RevenueGrowthPercent,
    bool? EducationOutgrowsRevenue,
    decimal? PrimaryPerStudentGrowthPercent,
    decimal? JuniorPerStudentGrowthPercent,
    decimal? PublicFundsPerStudent,
    decimal? PublicFundsPerStudentGrowthPercent,
    bool? ThreeGrowthsMet);

/// <summary>
/// "三个增长", year on year: education spending grows faster than recurrent revenue; spending per student
/// grows (primary and junior); public funds per student grow. Needs the year before; else null.
/// </summary>
public static class Growth
{
    public static decimal? Percent(decimal? before, decimal? now) =>
        before is > 0 && now is not null ? Math.Round((now.Value - before.Value) * 100m / before.Value, 2, MidpointRounding.AwayFromZero) : null;

    public static List<GrowthYear> Compute(IReadOnlyList<CountyFinance> years, IReadOnlyDictionary<int, decimal> publicFundsPerStudent)
    {
        var byYear = years.ToDictionary(y => y.Year);
        return years.OrderBy(y => y.Year).Select(now =>
        {
            byYear.TryGetValue(now.Year - 1, out var before);
            var education = Percent(before?.EducationSpending, now.EducationSpending);
            var revenue = Percent(before?.RecurrentRevenue, now.RecurrentRevenue);
            var primary = Percent(before?.PrimarySpendingPerStudent, now.PrimarySpendingPerStudent);
            var junior = Percent(before?.JuniorSpendingPerStudent, now.JuniorSpendingPerStudent);
            decimal? funds = publicFundsPerStudent.TryGetValue(now.Year, out var f) ? f : null;
            decimal? fundsBefore = publicFundsPerStudent.TryGetValue(now.Year - 1, out var fb) ? fb : null;
            var fundsGrowth = Percent(fundsBefore, funds);
            bool? outgrows = education is null || revenue is null ? null : education > revenue;
            bool? met = outgrows is null || primary is null || junior is null || fundsGrowth is null
                ? null
                : outgrows.Value && primary > 0 && junior > 0 && fundsGrowth > 0;
            return new GrowthYear(now.Year, now.EducationSpending, now.RecurrentRevenue, education, revenue, outgrows, primary, junior,
                funds, fundsGrowth, met);
        }).ToList();
    }
}
