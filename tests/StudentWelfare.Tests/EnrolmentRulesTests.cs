using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.StudentWelfare.Domain;

namespace EduPlatform.StudentWelfare.Tests;

public sealed class EnrolmentRulesTests
{
    private const string County = "130602";
    private static readonly Dictionary<string, RegistrySchool> Registry = new()
    {
        ["1306020001"] = new() { Code = "1306020001", CountyCode = County, Name = "东关小学", Type = SchoolType.Primary, Boarding = false },
        ["1306020002"] = new() { Code = "1306020002", CountyCode = County, Name = "城南学校", Type = SchoolType.NineYear, Boarding = true },
    };

    private static EnrolmentRow Grade(string school, int grade, int students, int transfersIn = 0, int transfersOut = 0, int dropouts = 0,
        int graduates = 0, int boarders = 0, int admitted = 0, int catchment = 0) =>
        new(school, grade, students, boarders, 0, transfersIn, transfersOut, dropouts, graduates, admitted, catchment);

    private static (List<EnrolmentGrade> Grades, Dictionary<string, string[]> Errors) Check(params EnrolmentRow[] rows)
    {
        var (grades, problems) = EnrolmentRules.Validate(County, 2026, rows.Select((r, i) => new Located<EnrolmentRow>($"enrolment[{i}]", r)).ToList(), Registry);
        return (grades, problems.ToDictionary());
    }

    [Fact]
    public void A_complete_return_is_valid()
    {
        var (grades, errors) = Check([.. Enumerable.Range(1, 9).Select(g => Grade("1306020002", g, 50, boarders: 20,
            graduates: g == 9 ? 48 : 0, admitted: g is 1 or 7 ? 50 : 0, catchment: g is 1 or 7 ? 45 : 0))]);

        Assert.Empty(errors);
        Assert.Equal(9, grades.Count);
    }

    [Fact]
    public void Every_rule_names_its_row_and_field()
    {
        var (_, errors) = Check(
            Grade("1306020001", 1, 40, transfersIn: 1, transfersOut: 45),  // enrolment below zero
            Grade("1306020001", 7, 40),                                      // a grade a primary school does not have
            Grade("1306020001", 2, 40, boarders: 3),                        // boarders at a day school
            Grade("1306020001", 5, 40, graduates: 40),                       // graduates outside grades 6 and 9
            Grade("1306020001", 3, 40, admitted: 5),                         // admissions outside the entry grades
            Grade("1306020001", 6, 40, dropouts: 2, graduates: 39),          // more graduates than remained
            Grade("1306020001", 2, 41),                                      // grade listed twice
            Grade("1306020002", 1, 50, admitted: 50, catchment: 51));        // catchment above admitted; junior part missing

        Assert.Contains("= -4: enrolment cannot be negative", Assert.Single(errors["enrolment[0].transfersOut"]));
        Assert.Contains("Grade 7 is not taught at a primary school", Assert.Single(errors["enrolment[1].grade"]));
        Assert.Contains("is not a boarding school", Assert.Single(errors["enrolment[2].boarders"]));
        Assert.Contains("Only grades 6 and 9 have graduates", Assert.Single(errors["enrolment[3].graduates"]));
        Assert.Contains("Only the entry grades", Assert.Single(errors["enrolment[4].admitted"]));
        Assert.Contains("39 graduates, but 38 students remained", Assert.Single(errors["enrolment[5].graduates"]));
        Assert.Contains("listed twice (also at enrolment[2])", Assert.Single(errors["enrolment[6].grade"]));
        Assert.Contains("51 admitted from the catchment, but 50", Assert.Single(errors["enrolment[7].admittedFromCatchment"]));
        Assert.Contains("enrolment return must include the junior section", Assert.Single(errors["enrolment[7].grade"]));
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void A_through_train_school_lists_both_sections()
    {
        var (_, errors) = Check(Grade("1306020002", 1, 50), Grade("1306020002", 2, 50));

        Assert.Contains("enrolment return must include the junior section", Assert.Single(errors["enrolment[0].grade"]));
    }
}
