using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using static EduPlatform.Facilities.Tests.Rows;

namespace EduPlatform.Facilities.Tests;

/// <summary>The submission rules as plain C#: no database, every rule and its message.</summary>
public sealed class SubmissionRulesTests
{
    private const string County = "130602";
    private static readonly string Primary = School(County, 1), NineYear = School(County, 2), Junior = School(County, 3),
        Closed = School(County, 4), Elsewhere = "1306030001";

    private static readonly Dictionary<string, RegistrySchool> Registry = new()
    {
        [Primary] = new() { Code = Primary, CountyCode = County, Name = "东关小学", Type = SchoolType.Primary, Boarding = false, Status = SchoolStatus.Operating },
        [NineYear] = new() { Code = NineYear, CountyCode = County, Name = "城南学校", Type = SchoolType.NineYear, Boarding = true, Status = SchoolStatus.Operating },
        [Junior] = new() { Code = Junior, CountyCode = County, Name = "第三中学", Type = SchoolType.Junior, Boarding = false, Status = SchoolStatus.Operating },
        [Closed] = new() { Code = Closed, CountyCode = County, Name = "后沟小学", Type = SchoolType.Primary, Boarding = false, Status = SchoolStatus.Closed },
        [Elsewhere] = new() { Code = Elsewhere, CountyCode = "130603", Name = "莲池小学", Type = SchoolType.Primary, Boarding = false, Status = SchoolStatus.Operating },
    };

    private static readonly StoredYear Nothing = new(new Dictionary<(string, Section), FacilityFigures>(),
        new Dictionary<(string, Section), (int, int)>());

    private static (ValidSubmission? Valid, Dictionary<string, string[]> Errors, List<Warning> Warnings) Check(
        IEnumerable<FacilityReturnRow>? returns = null, IEnumerable<ClassRow>? classes = null,
        IEnumerable<BoardingLogisticsRow>? boarding = null, StoredYear? stored = null)
    {
        var rows = new SubmissionRows(Locate(returns, "facilityReturns"), Locate(classes, "classes"), Locate(boarding, "boardingLogistics"));
        var (valid, problems) = SubmissionRules.Validate(County, rows, Registry, stored ?? Nothing, new SubmissionLimits());
        return (valid, problems.ToDictionary(), problems.Warnings);
    }

    private static List<Located<T>> Locate<T>(IEnumerable<T>? rows, string name) =>
        (rows ?? []).Select((r, i) => new Located<T>($"{name}[{i}]", r)).ToList();

    [Fact]
    public void A_complete_submission_is_valid()
    {
        var (valid, errors, warnings) = Check(
            [Return(Primary, Section.Primary), Return(NineYear, Section.Primary), Return(NineYear, Section.Junior)],
            [.. Classes(Primary, Section.Primary), .. Classes(NineYear, Section.Primary), .. Classes(NineYear, Section.Junior)],
            [Boarding(NineYear)]);

        Assert.Empty(errors);
        Assert.Empty(warnings);
        Assert.Equal(3, valid!.Returns.Count);
        Assert.Equal(12 + 12 + 6, valid.Classes.Count);
        Assert.Equal(new[] { Primary, NineYear }.Order(), valid.SchoolsWithClasses.Order());
    }

    [Fact]
    public void Every_faulty_row_is_reported_at_once()
    {
        var (valid, errors, _) = Check(classes:
        [
            Class(Primary, 1, 1, 300),         // impossible size
            Class(Primary, 8, 1, 40),          // grade a primary school does not have
            Class(Junior, 7, 1, 0),            // empty class
            Class("9999999999", 1, 1, 40),     // unknown school
            Class(Elsewhere, 1, 1, 40),        // another county's school
            Class(Closed, 1, 1, 40),           // closed school
            Class("12345", 1, 1, 40),          // malformed code
            new ClassRow(Junior, 7, 2, null),  // missing figure
        ]);

        Assert.Null(valid);
        Assert.Contains("1 to 120 students (got 300)", Assert.Single(errors["classes[0].students"]));
        Assert.Contains("Grade 8 is not taught at a primary school", Assert.Single(errors["classes[1].grade"]));
        Assert.Contains("got 0", Assert.Single(errors["classes[2].students"]));
        Assert.Contains("not in the school registry", Assert.Single(errors["classes[3].schoolCode"]));
        Assert.Contains("belongs to county 130603", Assert.Single(errors["classes[4].schoolCode"]));
        Assert.Contains("is closed", Assert.Single(errors["classes[5].schoolCode"]));
        Assert.Contains("10-digit", Assert.Single(errors["classes[6].schoolCode"]));
        Assert.Equal("students is required.", Assert.Single(errors["classes[7].students"]));
    }

    [Fact]
    public void A_through_train_school_must_report_both_sections()
    {
        var (valid, errors, _) = Check([Return(NineYear, Section.Primary)], Classes(NineYear, Section.Primary));

        Assert.Null(valid);
        Assert.Contains("facility return (one per section) must include the junior section", Assert.Single(errors["facilityReturns[0].section"]));
        Assert.Contains("class list must include the junior section", Assert.Single(errors["classes[0].grade"]));
    }

    [Fact]
    public void A_section_the_school_does_not_have_and_a_duplicate_are_refused()
    {
        var (_, errors, _) = Check([Return(Primary, Section.Junior), Return(Junior, Section.Junior), Return(Junior, Section.Junior)]);

        Assert.Contains("has no junior section", Assert.Single(errors["facilityReturns[0].section"]));
        Assert.Contains("given twice (also at facilityReturns[1])", Assert.Single(errors["facilityReturns[2].section"]));
    }

    [Fact]
    public void Negative_and_impossible_figures_are_refused_per_field()
    {
        var row = Return(Junior, Section.Junior, ground: -5m, ordinary: 10, equipped: 12) with
        {
            MusicRoomAreas = [96m, 0m], BroadbandMbps = 1_000_000m, Books = null,
        };
        var (_, errors, _) = Check([row]);

        Assert.Contains("cannot be negative", Assert.Single(errors["facilityReturns[0].sportsGroundArea"]));
        Assert.Contains("12 equipped classrooms, but only 10", Assert.Single(errors["facilityReturns[0].classroomsWithMultimedia"]));
        Assert.Contains("more than 0", Assert.Single(errors["facilityReturns[0].musicRoomAreas[1]"]));
        Assert.Contains("beyond any school connection", Assert.Single(errors["facilityReturns[0].broadbandMbps"]));
        Assert.Equal("books is required.", Assert.Single(errors["facilityReturns[0].books"]));
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void More_banbantong_classes_than_classes_is_refused()
    {
        var (_, errors, _) = Check([Return(Junior, Section.Junior, banbantong: 7)], Classes(Junior, Section.Junior));

        Assert.Contains("the junior section has 6 classes", Assert.Single(errors["facilityReturns[0].classesWithBanbantong"]));
    }

    [Fact]
    public void A_duplicate_class_is_refused_naming_both_rows()
    {
        var (_, errors, _) = Check(classes: [.. Classes(Junior, Section.Junior), Class(Junior, 7, 1, 41)]);

        Assert.Contains("listed twice (also at classes[0])", Assert.Single(errors["classes[6].number"]));
    }

    [Fact]
    public void Boarding_logistics_of_a_day_school_are_refused()
    {
        var (_, errors, _) = Check(boarding: [Boarding(Primary), new BoardingLogisticsRow(NineYear, true, null, true, true, true, true)]);

        Assert.Contains("is not a boarding school", Assert.Single(errors["boardingLogistics[0].schoolCode"]));
        Assert.Equal("dormitory is required.", Assert.Single(errors["boardingLogistics[1].dormitory"]));
    }

    [Fact]
    public void Far_less_sports_ground_per_student_than_the_county_median_is_accepted_with_a_warning()
    {
        // Four schools stored at 4,600 m² for 480 students (9.58 m²/student); the new one has 480 m² (1.0).
        var others = Enumerable.Range(10, 4).Select(n => (School(County, n), Section.Primary)).ToList();
        var stored = new StoredYear(
            others.ToDictionary(k => k, _ => Figures(Return("x", Section.Primary))),
            others.ToDictionary(k => k, _ => (12, 480)));
        var (valid, errors, warnings) = Check([Return(Primary, Section.Primary, ground: 0m) with { SportsHallArea = 480m }],
            Classes(Primary, Section.Primary), stored: stored);

        Assert.Empty(errors);
        Assert.NotNull(valid);
        var warning = Assert.Single(warnings);
        Assert.Equal(("facilityReturns[0]", "sportsGroundArea"), (warning.Where, warning.Field));
        Assert.Contains("per student is 1, far below the county's primary median of 9.58", warning.Message);
    }

    private static FacilityFigures Figures(FacilityReturnRow r) => new(r.TeachingAuxiliaryArea!.Value, r.SportsGroundArea!.Value,
        r.SportsHallArea!.Value, r.EquipmentValue!.Value, r.MultimediaClassrooms!.Value, r.Computers!.Value, r.Books!.Value,
        r.MusicRoomAreas!, r.ArtRoomAreas!, r.BroadbandMbps!.Value, r.OrdinaryClassrooms!.Value, r.ClassroomsWithMultimedia!.Value,
        r.ClassesWithBanbantong!.Value, r.ActiveRenrentongAccounts!.Value);

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void Median_of_odd_and_even_counts(double[] values, double expected) =>
        Assert.Equal((decimal)expected, SubmissionRules.Median(values.Select(v => (decimal)v)));
}
