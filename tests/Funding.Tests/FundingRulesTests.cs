using EduPlatform.Contracts.Facilities;
using EduPlatform.Funding.Domain;

namespace EduPlatform.Funding.Tests;

/// <summary>What a school is owed, by hand: 650 primary / 850 junior, 200 per boarder, 6,000 per special-needs student, floor 100.</summary>
public sealed class FundingRulesTests
{
    private static readonly FundingNorm Norm = new()
    {
        Scope = FundingNorm.Province, Year = 2026, PrimaryPerStudent = 650m, JuniorPerStudent = 850m, BoardingSupplement = 200m,
        SpecialEducationPerStudent = 6000m, SmallSchoolFloor = 100,
    };

    private static EnrolmentCopy Section(Section section, int students, int boarders = 0, int special = 0) =>
        new() { SchoolCode = "x", Year = 2026, Section = section, Students = students, Boarders = boarders, SpecialNeeds = special };

    [Fact]
    public void A_small_school_is_funded_as_if_it_had_100_students()
    {
        // 58 regular + 40 missing to the floor = 98 × 650 = 63,700; 10 boarders × 200 = 2,000; 2 special × 6,000 = 12,000.
        var f = FundingRules.Assess(Norm, SchoolType.Primary, [Section(Contracts.Facilities.Section.Primary, 60, boarders: 10, special: 2)], null);

        Assert.Equal((100, 65_700m, 12_000m), (f.FundedStudents, f.PublicFundsRequired, f.SpecialEducationRequired));
        Assert.Equal(77_700m, f.Shortfall); // nothing allocated
    }

    [Fact]
    public void A_through_train_school_is_funded_per_section_with_its_boarders()
    {
        // 297 × 650 = 193,050; 200 × 850 = 170,000; 150 boarders × 200 = 30,000.
        var f = FundingRules.Assess(Norm, SchoolType.NineYear,
            [Section(Contracts.Facilities.Section.Primary, 300, boarders: 90, special: 3), Section(Contracts.Facilities.Section.Junior, 200, boarders: 60)], null);

        Assert.Equal((500, 393_050m, 18_000m), (f.FundedStudents, f.PublicFundsRequired, f.SpecialEducationRequired));
    }

    [Fact]
    public void A_small_junior_school_is_topped_up_at_the_junior_norm() =>
        Assert.Equal(85_000m, FundingRules.Assess(Norm, SchoolType.Junior, [Section(Contracts.Facilities.Section.Junior, 80)], null).PublicFundsRequired);

    [Fact]
    public void A_special_education_school_is_funded_per_student_at_the_special_amount_without_the_floor()
    {
        var f = FundingRules.Assess(Norm, SchoolType.SpecialEducation, [Section(Contracts.Facilities.Section.Primary, 40, boarders: 40)], null);

        Assert.Equal((40, 8_000m, 240_000m), (f.FundedStudents, f.PublicFundsRequired, f.SpecialEducationRequired));
    }

    [Fact]
    public void Training_is_due_at_5_percent_of_the_public_funds_allocated()
    {
        var allocation = new Allocation { SchoolCode = "x", CountyCode = "x", PublicFunds = 393_050m, SpecialEducationFunds = 18_000m, TrainingBudget = 19_000m };

        var f = FundingRules.Assess(Norm, SchoolType.NineYear,
            [Section(Contracts.Facilities.Section.Primary, 300, boarders: 90, special: 3), Section(Contracts.Facilities.Section.Junior, 200, boarders: 60)], allocation);

        // 5 % of 393,050 = 19,652.50; 19,000 given: 652.50 short, and nothing else.
        Assert.Equal((19_652.50m, 652.50m, 0m, 0m), (f.TrainingRequired, f.TrainingShort, f.PublicFundsShort, f.SpecialEducationShort));
        Assert.Equal(652.50m, f.Shortfall);
    }

    [Fact]
    public void A_county_norm_counts_only_where_it_is_higher()
    {
        var county = new FundingNorm { Scope = "130602", Year = 2026, PrimaryPerStudent = 700m, JuniorPerStudent = 800m, SmallSchoolFloor = 120 };

        var effective = FundingNorm.Effective(Norm, county);

        Assert.Equal((700m, 850m, 200m, 6000m, 120), effective.Figures);
    }

    [Fact]
    public void Growth_compares_each_year_with_the_one_before()
    {
        CountyFinance Year(int year, decimal education, decimal revenue, decimal primary, decimal junior) => new()
        {
            CountyCode = "x", Year = year, EducationSpending = education, RecurrentRevenue = revenue, PrimarySpendingPerStudent = primary,
            JuniorSpendingPerStudent = junior,
        };

        var years = Growth.Compute([Year(2025, 1_000_000m, 4_000_000m, 9_000m, 12_000m), Year(2026, 1_080_000m, 4_200_000m, 9_450m, 12_600m)],
            new Dictionary<int, decimal> { [2025] = 800m, [2026] = 850m });

        Assert.Null(years[0].ThreeGrowthsMet);
        Assert.Equal((8m, 5m, true, 5m, 5m, 6.25m, true), (years[1].EducationGrowthPercent, years[1].RevenueGrowthPercent,
            years[1].EducationOutgrowsRevenue, years[1].PrimaryPerStudentGrowthPercent, years[1].JuniorPerStudentGrowthPercent,
            years[1].PublicFundsPerStudentGrowthPercent, years[1].ThreeGrowthsMet));
    }
}
