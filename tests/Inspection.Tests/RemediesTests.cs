using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;

namespace EduPlatform.Inspection.Tests;

/// <summary>The remedy planner on sections alone (it reads nothing else of a county's facts).</summary>
public sealed class RemediesTests
{
    /// <summary>A primary section meeting every 2017 threshold at 500 students, with <paramref name="sports"/> m² of sports area.</summary>
    private static SchoolSection Primary(string code, decimal sports) =>
        new(code, code, SchoolType.Primary, Section.Primary, 500, QualifiedTeachers: 25, BackboneTeachers: 6, PeAndArtTeachers: 5,
            TeachingArea: 2500m, SportsArea: sports, EquipmentValue: 1_100_000m, MultimediaClassrooms: 12, Computers: 60, Books: 15_000,
            FullTimeTeachers: 30, MidRankTeachers: 10);

    private static CountyYearFacts Facts(params SchoolSection[] sections) =>
        new("130000", "测试县", 2026, sections, [], null!, null!, null!, null!, null!, [], null, []);

    [Fact]
    public void Every_school_passing_but_sports_area_unbalanced_gets_sports_area_at_the_schools_below_until_the_cv_is_within_the_limit()
    {
        // 7.5, 7.5 and 40 m² per student: X̄ = 27,500 ÷ 1,500 = 18.33, S = 15.32, CV = 0.836 > 0.50.
        var facts = Facts(Primary("A", 3750m), Primary("B", 3750m), Primary("C", 20_000m));
        var standard = Standards.Default.Resources;
        Assert.Equal(0.836, ResourceIndicators.Evaluate(Section.Primary, facts.Sections, standard).Indicators.Single(i => i.Code == "RA5").Cv!.Value, 3);

        var plan = Remedies.Plan(facts, standard, UnitCosts.Default);

        Assert.Empty(plan.Baseline); // no school fails: the baseline has nothing to do, and does not reach the balance
        Assert.All(plan.Changes, c => Assert.Equal(("building", (decimal?)null), (c.Change.Kind, c.Change.TeachingArea)));
        Assert.DoesNotContain(plan.Changes, c => c.Change.School == "C");
        var added = plan.Changes.GroupBy(c => c.Change.School!).ToDictionary(g => g.Key, g => g.Sum(c => c.Change.SportsArea!.Value));
        var after = facts.Sections.Select(s => s with { SportsArea = s.SportsArea + added.GetValueOrDefault(s.SchoolCode) }).ToList();
        var ra5 = ResourceIndicators.Evaluate(Section.Primary, after, standard).Indicators.Single(i => i.Code == "RA5");
        Assert.True(ra5.Cv <= 0.50, $"CV {ra5.Cv}");
        Assert.Equal(plan.Changes.Sum(c => c.Change.SportsArea!.Value) * UnitCosts.Default.SportsAreaM2, plan.Cost);
    }

    [Fact]
    public void A_county_that_passes_needs_nothing()
    {
        var plan = Remedies.Plan(Facts(Primary("A", 4000m), Primary("B", 4200m)), Standards.Default.Resources, UnitCosts.Default);
        Assert.Empty(plan.Changes);
        Assert.Equal(0m, plan.Cost);
    }
}
