using EduPlatform.Contracts.Facilities;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// The evaluation rules exactly as the catalogue writes them, on their boundaries, with hand-worked figures:
/// exact comparison (rounding is for display), the 85 % remainder, schools without students, missing data is
/// not failure, the ranking's order, and the standards read from their files.
/// </summary>
public sealed class RulesAsWrittenTests
{
    private static readonly StandardSet Standard = StandardSet.National2017;

    /// <summary>
    /// A primary school of 100 students meeting every threshold comfortably, but for the figures given:
    /// RA4 = <paramref name="teaching"/> ÷ 100 (threshold 4.5), RA6 = <paramref name="equipment"/> ÷ 100 (threshold 2,000).
    /// </summary>
    private static SchoolSection School(string code, decimal teaching = 600m, decimal equipment = 300_000m, int students = 100) =>
        new(code, code, SchoolType.Primary, Section.Primary, students, QualifiedTeachers: 6, BackboneTeachers: 2, PeAndArtTeachers: 2,
            TeachingArea: teaching, SportsArea: 900m, EquipmentValue: equipment, MultimediaClassrooms: 3, Computers: 20, Books: 3000,
            FullTimeTeachers: 8, MidRankTeachers: 3);

    private static SchoolResourceResult Evaluate(SchoolSection school) =>
        ResourceIndicators.Evaluate(Section.Primary, [school], Standard).SchoolResults.Single();

    [Theory]
    [InlineData("449.996", true)]   // 4.49996 m²: shown as 4.5, but below 4.5
    [InlineData("450", false)]      // exactly on the threshold: meets it
    [InlineData("450.004", false)]  // just above
    public void A_value_is_compared_exactly_with_its_threshold(string teaching, bool below)
    {
        var result = Evaluate(School("a", teaching: decimal.Parse(teaching, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(below, result.Below.Contains("RA4"));
        Assert.Equal(decimal.Parse(teaching, System.Globalization.CultureInfo.InvariantCulture) / 100, result.Values["RA4"]); // full precision
        Assert.True(result.Passes); // one value below, at ≥ 85 %: the 6-of-7 rule holds
        Assert.Equal(Section.Primary, result.Level);
    }

    [Theory]
    [InlineData("169999.998", false)] // RA6 = 1,699.99998 元: 84.999999 % of 2,000 — not 85 %, the school fails
    [InlineData("170000", true)]      // exactly 85 %: the remaining value is allowed
    [InlineData("170000.002", true)]  // just above
    public void The_remaining_value_must_reach_85_percent_exactly(string equipment, bool passes)
    {
        var result = Evaluate(School("a", equipment: decimal.Parse(equipment, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(["RA6"], result.Below);
        Assert.Equal(passes, result.Passes);
    }

    [Theory]
    [InlineData(4_249_999, 5_000_000, Status.Near)]   // 84.99998 %: not 85 %
    [InlineData(4_250_000, 5_000_000, Status.Met)]    // exactly 85 %
    [InlineData(4_250_001, 5_000_000, Status.Met)]
    public void A_share_is_judged_before_it_is_rounded(int placed, int eligible, Status expected)
    {
        var county = new CountyFacts(null, eligible, placed, null, null, null, null);
        var gg15 = GuaranteeIndicators.Evaluate([], TeacherSummary.From([], 360m, 10, 15), county, GuaranteeStandard.National2017)
            .Single(r => r.Code == "GG15");

        Assert.Equal(expected, gg15.Status);
        Assert.Equal(placed * 100m / eligible, gg15.Value);
    }

    [Fact]
    public void A_school_without_students_is_neither_counted_nor_failing_and_is_reported()
    {
        var result = ResourceIndicators.Evaluate(Section.Primary, [School("a"), School("b", students: 0)], Standard);

        Assert.Equal(1, result.Schools);
        Assert.Equal(["b"], result.WithoutStudents);
        Assert.Equal(Status.Met, result.SchoolsStatus); // before: "b" was counted as a failing school
        Assert.Equal(["a"], result.SchoolResults.Select(s => s.SchoolCode));

        var empty = ResourceIndicators.Evaluate(Section.Primary, [School("b", students: 0)], Standard);
        Assert.Equal((0, Status.NoData), (empty.Schools, empty.SchoolsStatus));
    }

    [Fact]
    public void Lines_whose_inputs_were_never_reported_are_no_data_and_say_what_is_missing()
    {
        // Funding knows what each school is owed, but the finance bureau has allocated nothing; staffing has sent no training.
        SchoolFacts[] schools =
        [
            new("a", "a", SchoolType.Primary, 80, [20, 20, 20, 20], null, null, null, 100, 65_000m, null, null,
                SpecialEducationRequired: 12_000m, TrainingRequired: 3_250m, TrainingAllocated: null),
        ];
        var teachers = new TeacherSummary(10, 900_000m, 10, 0, 10, 0, new Dictionary<EduPlatform.Contracts.Staffing.Rank, RankPay>(), 0, 0, 0, 0,
            TrainingReported: false);
        var county = new CountyFacts(null, null, null, null, null, null, null);
        var guarantee = GuaranteeIndicators.Evaluate(schools, teachers, county, GuaranteeStandard.National2017).ToDictionary(r => r.Code);
        var gg9 = QualityIndicators.Training(teachers, QualityStandard.National2017);
        var eq4 = QualityIndicators.TrainingBudget(schools);

        foreach (var line in new[] { guarantee["GG6"], gg9, eq4 })
        {
            Assert.Equal(Status.NoData, line.Status);
            Assert.NotNull(line.Missing);
        }
        Assert.Contains("funding", guarantee["GG6"].Missing);
        Assert.Contains("training", gg9.Missing);

        // Once anything is reported, a zero is a real zero: trained 0 of 10 fails.
        var reported = QualityIndicators.Training(teachers with { TrainingReported = true }, QualityStandard.National2017);
        Assert.Equal((Status.NotMet, 0m), (reported.Status, reported.Value));
    }

    private static Scorecard Card(string county, int met, int notMet, int noData, double? cv = 0.3)
    {
        ScorecardLine Line(int i, Status status) => new($"GG{i}", "x", "x", null, "%", null, null, status, "", [], new Dictionary<string, decimal>(), null, null);
        var lines = Enumerable.Repeat(Status.Met, met).Concat(Enumerable.Repeat(Status.NotMet, notMet)).Concat(Enumerable.Repeat(Status.NoData, noData))
            .Select((s, i) => Line(i, s)).ToArray();
        var group = new ScorecardGroup(Group.GovernmentGuarantee, "政府保障程度", "government guarantee", true, Scorecards.Verdict(lines), lines);
        return new Scorecard(county, county, 2026, "test", Scorecards.Verdict(lines), [], [], [], Status.NoData, cv, cv, null, null, [group], []);
    }

    [Fact]
    public void The_ranking_orders_by_verdict_then_fewer_lines_without_data_then_fewer_failed_then_cv()
    {
        var ranking = ScorecardService.Rank(2026, "test",
        [
            Card("missing", met: 1, notMet: 1, noData: 23),         // reported little: last of the failing counties
            Card("fails-two", met: 23, notMet: 2, noData: 0),
            Card("fails-one", met: 24, notMet: 1, noData: 0, cv: 0.4),
            Card("fails-one-lower-cv", met: 24, notMet: 1, noData: 0, cv: 0.2),
            Card("passes", met: 25, notMet: 0, noData: 0),
            Card("nothing", met: 0, notMet: 0, noData: 25),
        ]);

        Assert.Equal(["passes", "fails-one-lower-cv", "fails-one", "fails-two", "missing", "nothing"],
            ranking.Counties.Select(c => c.CountyCode));
        Assert.Null(ranking.Counties[0].Note);
        Assert.Contains("Nothing has been reported", ranking.Counties[^1].Note);
    }

    [Fact]
    public void The_standards_are_named_data_with_the_published_figures_and_a_faulty_file_is_refused()
    {
        var standards = Standards.Default;

        Assert.Equal((4.5m, 5.8m), standards.Resources.ResourceThresholds["RA4"]);
        Assert.Equal((0.50, 0.45), standards.Resources.CvLimit);
        Assert.Equal((0.65, 0.55), standards.Resources.BaselineCvLimit);
        Assert.Equal((0.85m, 50), (standards.Resources.RemainderShare, standards.Resources.SmallTeachingPointStudents));
        Assert.Equal((45, 50, 6000m), (standards.Guarantee.PrimaryClassLimit, standards.Guarantee.JuniorClassLimit, standards.Guarantee.SpecialEducationPerStudent));
        Assert.Equal((360m, 85m), (standards.Quality.TrainingHours, standards.Quality.Satisfaction));
        Assert.Equal((66, 56, 2027), (standards.Plan.SuperLargeClass, standards.Plan.LargeClass, standards.Plan.Deadline("PL2")));
        Assert.Equal("优质均衡 2017 · 基本均衡 2012 · 城乡义务教育一体化实施方案 2026", standards.Name);

        var directory = Path.Combine(AppContext.BaseDirectory, "Standards");
        string Read(string file) => File.ReadAllText(Path.Combine(directory, file));
        var stricter = Read(StandardFiles.National).Replace("\"RA4\": { \"primary\": 4.5", "\"RA4\": { \"primary\": 5.0", StringComparison.Ordinal);
        Assert.Equal(5.0m, StandardFiles.Parse(stricter, Read(StandardFiles.Baseline), Read(StandardFiles.Plan)).Resources.ResourceThresholds["RA4"].Primary);

        var typo = Read(StandardFiles.National).Replace("\"remainderShare\"", "\"remainderShar\"", StringComparison.Ordinal);
        Assert.Contains("remainderShar", Assert.Throws<InvalidOperationException>(() =>
            StandardFiles.Parse(typo, Read(StandardFiles.Baseline), Read(StandardFiles.Plan))).Message);
        var outOfRange = Read(StandardFiles.National).Replace("\"cvLimit\": { \"primary\": 0.50", "\"cvLimit\": { \"primary\": 5.0", StringComparison.Ordinal);
        Assert.Contains("resources.cvLimit", Assert.Throws<InvalidOperationException>(() =>
            StandardFiles.Parse(outOfRange, Read(StandardFiles.Baseline), Read(StandardFiles.Plan))).Message);
    }
}
