using EduPlatform.Contracts.Facilities;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using EduPlatform.Staffing.Domain;

namespace EduPlatform.Staffing.Tests;

public sealed class TeacherRulesTests
{
    private static readonly Dictionary<string, RegistrySchool> Registry = new()
    {
        ["1306020001"] = new() { Code = "1306020001", CountyCode = "130602", Name = "东关小学", Type = SchoolType.Primary },
        ["1306020002"] = new() { Code = "1306020002", CountyCode = "130602", Name = "后沟小学", Type = SchoolType.Primary, Status = SchoolStatus.Closed },
    };

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]   // wrong check character
    [InlineData("11010519491231002", false)]    // 17 characters
    [InlineData("1101051949123100AX", false)]
    public void Id_numbers_are_checked_by_their_check_character(string id, bool valid) => Assert.Equal(valid, IdNumbers.IsValid(id));

    [Fact]
    public void Every_fault_is_named_and_no_message_repeats_the_id_number()
    {
        var id = People.IdNumber();
        var today = new DateOnly(2026, 11, 29);
        Located<TeacherRow>[] rows =
        [
            new("teachers[0]", People.Row(id, "甲", "1306020001", pay: -1m)),
            new("teachers[1]", People.Row(id, "乙", "1306020002")),                                   // duplicate ID; closed school
            new("teachers[2]", People.Row("110105194912310021", "丙", "1306020001", section: "junior")), // bad ID; no junior section
            new("teachers[3]", People.Row(People.IdNumber(), "丁", "1306020001", subjects: ["pe", "体育"], hired: today.AddDays(3))),
        ];
        var problems = new Problems();

        var valid = TeacherRules.Validate("130602", rows, Registry, today, problems);

        Assert.Empty(valid);
        var errors = problems.ToDictionary();
        Assert.Equal(["teachers[0].annualPay", "teachers[1].idNumber", "teachers[1].schoolCode", "teachers[2].idNumber", "teachers[2].section",
            "teachers[3].hireDate", "teachers[3].subjects[0]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("is closed", errors["teachers[1].schoolCode"][0]);
        Assert.DoesNotContain(errors.Values.SelectMany(m => m), m => m.Contains(id) || m.Contains("110105194912310021"));
    }

    [Fact]
    public void Training_beyond_a_plausible_day_or_not_positive_is_refused()
    {
        var teacher = new Teacher { Id = Guid.NewGuid(), IdNumber = People.IdNumber(), Name = "甲", SchoolCode = "1306020001", CountyCode = "130602" };
        var teachers = new Dictionary<Guid, Teacher> { [teacher.Id] = teacher };
        Located<TrainingRow>[] rows =
        [
            new("t[0]", new TrainingRow(teacher.Id, "国培计划", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 3), 30m)),   // 3 days × 10 h: fine
            new("t[1]", new TrainingRow(teacher.Id, "校本研修", new DateOnly(2026, 7, 1), null, 11m)),                        // 11 h in a day
            new("t[2]", new TrainingRow(teacher.Id, "网络研修", new DateOnly(2026, 7, 1), null, -2m)),
            new("t[3]", new TrainingRow(Guid.NewGuid(), "网络研修", new DateOnly(2026, 7, 1), null, 2m)),
        ];
        var problems = new Problems();

        var (records, conflicts) = TrainingRules.Validate(rows, teachers, new Dictionary<(Guid, string, DateOnly), TrainingRecord>(),
            new DateOnly(2026, 11, 29), new ExchangeOptions(), DateTimeOffset.UtcNow, problems);

        Assert.Equal(["t[1].hours", "t[2].hours", "t[3].teacherId"], problems.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Contains("more than 10 hours a day", problems.ToDictionary()["t[1].hours"][0]);
        Assert.Single(records);
        Assert.False(conflicts.Any);
    }

    [Fact]
    public void Eligibility_needs_six_years_at_an_urban_or_town_school_by_the_first_of_september()
    {
        var options = new ExchangeOptions();
        var teacher = new Teacher { IdNumber = "x", Name = "x", SchoolCode = "x", CountyCode = "x", FullTime = true, AtSchoolSince = new DateOnly(2020, 9, 1) };

        Assert.True(ExchangeRules.IsEligible(teacher, Location.Town, 2026, options));
        Assert.False(ExchangeRules.IsEligible(teacher, Location.Rural, 2026, options));
        Assert.False(ExchangeRules.IsEligible(teacher, Location.Urban, 2025, options));
        Assert.False(ExchangeRules.IsEligible(teacher, Location.Urban, 2026, new ExchangeOptions { MinYearsAtSchool = 7 }));
        teacher.FullTime = false;
        Assert.False(ExchangeRules.IsEligible(teacher, Location.Urban, 2026, options));
    }
}
