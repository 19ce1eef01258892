using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Domain.Indicators;

namespace EduPlatform.Inspection.Tests;

/// <summary>The enrolment projection on a constructed county, against figures worked by hand.</summary>
public sealed class ProjectionsTests
{
    private static SchoolSection Section(string code, Section level, int students) =>
        new(code, code, level == Contracts.Facilities.Section.Primary ? SchoolType.Primary : SchoolType.Junior, level, students, 0, 0, 0, 0m, 0m, 0m,
            0, 0, 0, 0, 0);

    /// <summary>A county of these sections in 2026 and nothing else: the projection reads only sections (and writes plan totals).</summary>
    private static CountyYearFacts Facts(params SchoolSection[] sections) => new("130000", "测试县", 2026, sections, [], null!, null!,
        new PlanFacts([], null, null, 0, new Dictionary<Rank, decimal>(), null, null, [], []), null!, null!, [], null, []);

    private static GradeHistory Grades(string code, Section level, int year, int first, params int[] students) =>
        new(code, level, year, [.. Enumerable.Range(first, students.Length)], students);

    [Fact]
    public void Cohorts_move_up_at_the_schools_own_rate_grade_1_follows_its_trend_and_grade_7_comes_from_the_countys_grade_6()
    {
        var facts = Facts(Section("A", Contracts.Facilities.Section.Primary, 605), Section("B", Contracts.Facilities.Section.Primary, 120),
            Section("C", Contracts.Facilities.Section.Junior, 487));
        var primary = Contracts.Facilities.Section.Primary;
        var junior = Contracts.Facilities.Section.Junior;
        GradeHistory[] history =
        [
            Grades("A", primary, 2025, 1, 100, 100, 100, 100, 100, 100),
            Grades("A", primary, 2026, 1, 110, 99, 99, 99, 99, 99),
            Grades("B", primary, 2026, 1, 20, 20, 20, 20, 20, 20), // new this year: no rate of its own
            Grades("C", junior, 2025, 7, 200, 200, 200),
            Grades("C", junior, 2026, 7, 95, 196, 196),
        ];

        var (inputs, years) = Projections.Project(facts, history, 2027);

        // County rates: grades 2–6 from A alone, 99 ÷ 100; grades 8–9 from C, 196 ÷ 200; 6 → 7: C's 95 ÷ A's 100 of 2025.
        Assert.Equal([2025, 2026], inputs.HistoryYears);
        Assert.Equal(0.99m, inputs.CountyProgression[2]);
        Assert.Equal(0.98m, inputs.CountyProgression[9]);
        Assert.Equal(0.95m, inputs.JuniorTransition);
        var sections = inputs.Sections.ToDictionary(s => s.SchoolCode);
        // A: grade 1 110 × 1.1 (its intake grew 100 → 110) = 121; grades 2–6 0.99 × (110 + 4 × 99) = 500.94; 621.94 → 622.
        Assert.Equal((0.99m, "school", 1.1m, 622), (sections["A"].ProgressionRate, sections["A"].RateFrom, sections["A"].IntakeTrend, sections["A"].Projected[0]));
        // B: the county's rates, its one intake held: 20 + 0.99 × 100 = 119.
        Assert.Equal(((decimal?)null, "county, per grade", 1m, 119), (sections["B"].ProgressionRate, sections["B"].RateFrom, sections["B"].IntakeTrend, sections["B"].Projected[0]));
        // C: grade 7 = the county's grade 6 (A 99 + B 20) × 0.95 × all of the county's grade 7 = 113.05; 0.98 × (95 + 196) = 285.18; 398.23 → 398.
        Assert.Equal((0.98m, 398), (sections["C"].ProgressionRate, sections["C"].Projected[0]));
        // The projected year's facts: only students move, and the school year is today's (no deadline passes on its own).
        var projected = Assert.Single(years);
        Assert.Equal([622, 119, 398], projected.Sections.Select(s => s.Students));
        Assert.Equal(2026, projected.Year);
    }

    [Fact]
    public void A_rate_no_school_could_have_is_bounded_so_nine_years_stay_within_what_a_school_holds()
    {
        // 30 pupils in grade 1, then 5,000 (the most a grade may report) in grade 2 a year later: a rate of 166.
        var facts = Facts(Section("A", Contracts.Facilities.Section.Primary, 30_000));
        GradeHistory[] history =
        [
            Grades("A", Contracts.Facilities.Section.Primary, 2025, 1, 30, 30, 30, 30, 30, 30),
            Grades("A", Contracts.Facilities.Section.Primary, 2026, 1, 5000, 5000, 5000, 5000, 5000, 5000),
        ];

        var (inputs, years) = Projections.Project(facts, history, 2026 + Projections.MaxYearsAhead);

        Assert.Equal(Projections.MaxRate, inputs.Sections.Single().ProgressionRate);
        Assert.Equal(Projections.MaxYearsAhead, years.Count);
        Assert.All(years, y => Assert.InRange(y.Sections.Single().Students, 0, 6 * Projections.MaxGradeStudents));
    }

    [Theory]
    [InlineData(new[] { 100, 110, 121 }, 1.1)]
    [InlineData(new[] { 100, 50 }, 0.85)] // halving in a year is bounded to −15 %
    [InlineData(new[] { 100 }, 1.0)]
    public void The_intake_trend_is_a_log_linear_fit_bounded_to_15_percent_a_year(int[] intakes, double expected) =>
        Assert.Equal((decimal)expected, Projections.Trend([.. intakes.Select((n, i) => (2024 + i, n))]));
}
