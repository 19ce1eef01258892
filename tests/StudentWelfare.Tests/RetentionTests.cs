using EduPlatform.Registry;

namespace EduPlatform.StudentWelfare.Tests;

public sealed class RetentionTests
{
    // The class graduating in school year 2026 entered grade 7 in 2024 and grade 1 in 2018.
    private static readonly GradeTotals[] JuniorCohort =
    [
        new(2024, 7, Students: 200, TransfersIn: 5, TransfersOut: 4, Graduates: 0),
        new(2025, 8, Students: 199, TransfersIn: 3, TransfersOut: 6, Graduates: 0),
        new(2026, 9, Students: 195, TransfersIn: 2, TransfersOut: 5, Graduates: 190),
    ];

    [Fact]
    public void Junior_rate_is_graduates_over_intake_plus_net_transfers_of_the_cohort()
    {
        var rate = Retention.Junior(2026, JuniorCohort);

        // 190 ÷ (200 + (5 + 3 + 2) − (4 + 6 + 5)) = 190 ÷ 195 = 97.435…%
        Assert.Equal((2024, 200, 10, 15, 190), (rate.CohortStartYear, rate.Intake, rate.TransfersIn, rate.TransfersOut, rate.Graduates));
        Assert.Equal(97.44m, rate.RatePercent);
        Assert.Empty(rate.MissingYears);
    }

    [Fact]
    public void Other_years_and_grades_do_not_count()
    {
        GradeTotals[] noise = [new(2024, 8, 999, 99, 0, 0), new(2025, 7, 999, 99, 0, 0), new(2026, 8, 999, 0, 99, 0), new(2023, 7, 1, 0, 0, 0)];

        Assert.Equal(97.44m, Retention.Junior(2026, [.. JuniorCohort, .. noise]).RatePercent);
    }

    [Fact]
    public void A_rate_above_100_is_capped()
    {
        GradeTotals[] cohort = [new(2024, 7, 100, 0, 10, 0), new(2025, 8, 90, 0, 0, 0), new(2026, 9, 90, 0, 0, 95)];

        Assert.Equal(100m, Retention.Junior(2026, cohort).RatePercent);
    }

    [Fact]
    public void A_missing_year_gives_no_rate_and_says_which()
    {
        var rate = Retention.Junior(2026, JuniorCohort.Where(t => t.Year != 2025).ToList());

        Assert.Null(rate.RatePercent);
        Assert.Equal(["2025 grade 8"], rate.MissingYears);
    }

    [Fact]
    public void Nine_year_rate_follows_the_cohort_from_grade_1_nine_years_back()
    {
        var cohort = Enumerable.Range(0, 9)
            .Select(i => new GradeTotals(2018 + i, 1 + i, Students: 300 - i, TransfersIn: 2, TransfersOut: 3, Graduates: i == 8 ? 280 : 0))
            .ToList();

        var rate = Retention.NineYear(2026, cohort);

        // 280 ÷ (300 + 18 − 27) = 280 ÷ 291 = 96.219…%
        Assert.Equal((2018, 300, 18, 27, 280), (rate.CohortStartYear, rate.Intake, rate.TransfersIn, rate.TransfersOut, rate.Graduates));
        Assert.Equal(96.22m, rate.RatePercent);
    }
}
