using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;

namespace EduPlatform.Inspection.Tests;

public sealed class WeightedCvTests
{
    private static readonly SchoolQuantity[] Books =
    [
        new("A", 45, 279), new("B", 37, 137), new("C", 89, 935), new("D", 76, 160), new("E", 55, 402),
    ];

    [Fact]
    public void The_published_worked_example_gives_0_515_not_the_unweighted_0_489()
    {
        var cv = WeightedCv.Compute(Books);

        Assert.Equal(6.334, cv.PooledValue, 3);       // 1913 ÷ 302
        Assert.Equal(3.26, cv.StandardDeviation, 2);
        Assert.Equal(0.515, cv.Cv!.Value, 3);
        var ratios = Books.Select(b => (double)(b.Quantity / b.Students)).ToArray();
        var unweighted = Math.Sqrt(ratios.Average(x => Math.Pow(x - ratios.Average(), 2))) / ratios.Average();
        Assert.Equal(0.489, unweighted, 3);           // what the wrong formula would report: a pass at 0.50
        Assert.Equal("C", cv.Contributions[0].SchoolCode); // 10.5 books per student against 6.3 pulls the spread up most
    }

    [Fact]
    public void A_school_without_students_is_left_out_and_named_and_a_zero_pool_has_no_cv()
    {
        var cv = WeightedCv.Compute([.. Books, new("F", 0, 50)]);
        Assert.Equal(0.515, cv.Cv!.Value, 3);
        Assert.Equal(["F"], cv.ExcludedSchools);

        Assert.Null(WeightedCv.Compute([new("A", 10, 0), new("B", 20, 0)]).Cv);
    }

    [Fact]
    public void Per_100_indicators_scale_values_but_not_the_cv()
    {
        var perStudent = WeightedCv.Compute(Books);
        var per100 = WeightedCv.Compute(Books, scale: 100);

        Assert.Equal(perStudent.Cv!.Value, per100.Cv!.Value, 10);
        Assert.Equal(633.44, per100.PooledValue, 2);
    }
}

public sealed class ResourceIndicatorsTests
{
    /// <summary>A primary school meeting every 2017 threshold at 500 students, with quantities scaled by <paramref name="f"/>.</summary>
    private static SchoolSection Primary(string code, int students = 500, decimal f = 1, SchoolType type = SchoolType.Primary,
        int? qualified = null, decimal? sports = null) =>
        new(code, code, type, Section.Primary, students,
            QualifiedTeachers: qualified ?? (int)(25 * f),           // 5.0 per 100 (≥ 4.2)
            BackboneTeachers: (int)(6 * f),                          // 1.2 per 100 (≥ 1.0)
            PeAndArtTeachers: (int)(5 * f),                          // 1.0 per 100 (≥ 0.9)
            TeachingArea: 2500m * f,                                 // 5.0 m² (≥ 4.5)
            SportsArea: sports ?? 4000m * f,                         // 8.0 m² (≥ 7.5)
            EquipmentValue: 1_100_000m * f,                          // 2,200 元 (≥ 2,000)
            MultimediaClassrooms: (int)(12 * f),                     // 2.4 per 100 (≥ 2.3)
            Computers: (int)(60 * f), Books: (int)(15_000 * f), FullTimeTeachers: (int)(30 * f), MidRankTeachers: (int)(15 * f));

    [Fact]
    public void Six_of_seven_with_the_last_at_85_percent_passes_and_below_85_percent_fails()
    {
        // Sports 3,200 m² ÷ 500 = 6.4 m²: 85.3 % of 7.5 → passes; 3,100 m² = 6.2 m² = 82.7 % → fails.
        var result = ResourceIndicators.Evaluate(Section.Primary,
            [Primary("ok"), Primary("near", sports: 3200m), Primary("short", sports: 3100m), Primary("two", sports: 3200m, qualified: 20)],
            StandardSet.National2017);

        var byCode = result.SchoolResults.ToDictionary(r => r.SchoolCode);
        Assert.True(byCode["ok"].Passes);
        Assert.True(byCode["near"].Passes);
        Assert.Equal(["RA5"], byCode["near"].Below);
        Assert.False(byCode["short"].Passes);
        Assert.False(byCode["two"].Passes);
        Assert.Equal(["RA1", "RA5"], byCode["two"].Below); // 4.0 per 100 and 6.4 m²
        Assert.Equal(6.4m, byCode["near"].Values["RA5"]);
        Assert.Equal(Status.NotMet, result.SchoolsStatus);
        Assert.Equal(["near", "short", "two"], result.Indicators.Single(i => i.Code == "RA5").SchoolsBelow);
    }

    [Fact]
    public void Each_indicators_cv_is_weighted_by_enrolment_and_judged_against_the_levels_limit()
    {
        // Two schools: 600 students with 6,000 m² of sports ground (10 m²), 200 with 600 m² (3 m²).
        // X̄ = 6,600 ÷ 800 = 8.25; S² = 0.75 × 1.75² + 0.25 × 5.25² = 9.1875; S = 3.0311; CV = 0.3674.
        var result = ResourceIndicators.Evaluate(Section.Primary,
            [Primary("big", students: 600, f: 1.2m, sports: 6000m), Primary("small", students: 200, f: 0.4m, sports: 600m)],
            StandardSet.National2017);

        var sports = result.Indicators.Single(i => i.Code == "RA5");
        Assert.Equal(8.25, sports.PooledValue, 4);
        Assert.Equal(0.3674, sports.Cv!.Value, 4);
        Assert.Equal((Status.Met, 0.50), (sports.Status, sports.CvLimit));
        Assert.Equal("small", sports.TopContributors[0].SchoolCode);
        Assert.Equal(0.0, result.Indicators.Single(i => i.Code == "RA4").Cv!.Value, 10); // same 5 m² everywhere
    }

    [Fact]
    public void A_cv_over_the_limit_is_not_met_and_within_the_band_is_near()
    {
        // Junior limit 0.45; 0.45 ÷ 0.85 = 0.529.
        SchoolSection Junior(string code, int students, decimal sports) =>
            Primary(code, students) with { Level = Section.Junior, Type = SchoolType.Junior, SportsArea = sports };

        var near = ResourceIndicators.Evaluate(Section.Junior, [Junior("a", 500, 7000m), Junior("b", 500, 2600m)], StandardSet.National2017);
        var wide = ResourceIndicators.Evaluate(Section.Junior, [Junior("a", 500, 8000m), Junior("b", 500, 1600m)], StandardSet.National2017);

        // (14 − 5.2)/2 = 4.4 over a mean of 9.6: CV 0.458; (16 − 3.2)/2 = 6.4 over 9.6: CV 0.667.
        Assert.Equal((0.458, Status.Near), (Math.Round(near.Indicators.Single(i => i.Code == "RA5").Cv!.Value, 3), near.Indicators.Single(i => i.Code == "RA5").Status));
        Assert.Equal(Status.NotMet, wide.Indicators.Single(i => i.Code == "RA5").Status);
        Assert.Equal(Status.NotMet, wide.BalanceStatus);
    }

    [Fact]
    public void Special_education_schools_and_small_teaching_points_are_out_of_scope()
    {
        var result = ResourceIndicators.Evaluate(Section.Primary,
            [Primary("school"), Primary("tiny point", students: 30, f: 0.06m, type: SchoolType.TeachingPoint),
             Primary("point", students: 60, f: 0.12m, type: SchoolType.TeachingPoint), Primary("special", type: SchoolType.SpecialEducation)],
            StandardSet.National2017);

        Assert.Equal(2, result.Schools);
        Assert.Equal(["tiny point", "special"], result.OutOfScope);
    }

    [Fact]
    public void Without_schools_everything_is_no_data_never_met()
    {
        var result = ResourceIndicators.Evaluate(Section.Junior, [Primary("primary only")], StandardSet.National2017);

        Assert.Equal((Status.NoData, Status.NoData, Status.NoData), (result.SchoolsStatus, result.BalanceStatus, result.BaselineStatus));
    }

    [Fact]
    public void The_2012_baseline_passes_on_the_average_of_its_eight_cvs()
    {
        var even = ResourceIndicators.Evaluate(Section.Primary, [Primary("a"), Primary("b", students: 1000, f: 2)], StandardSet.National2017);

        Assert.Equal(0.0, even.BaselineCompositeCv!.Value, 6);
        Assert.Equal((Status.Met, 0.65), (even.BaselineStatus, even.BaselineLimit));
        Assert.Equal(0.0, even.CompositeCv!.Value, 6);
    }
}
