using System.Text.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Funding.Domain;

namespace EduPlatform.DemoCity.Tests;

/// <summary>The generator's promises: the same seed gives the same city, the sizes the issue asks for, and rows the services accept.</summary>
public sealed class GeneratorTests
{
    private static readonly IReadOnlyList<CountyData> DefaultCity =
        [.. Roster.CountiesOf(CitySize.Default).Select(c => Generator.County(c, 2026, CitySize.Default))];

    private static string Json(CountyData county) => JsonSerializer.Serialize(county, ServiceClient.Json);

    [Fact]
    public void The_same_seed_gives_the_same_city_and_another_seed_another()
    {
        var spec = Roster.CountiesOf(CitySize.Small)[2];
        var first = Json(Generator.County(spec, 7, CitySize.Small));

        Assert.Equal(first, Json(Generator.County(spec, 7, CitySize.Small)));
        Assert.NotEqual(first, Json(Generator.County(spec, 8, CitySize.Small)));
    }

    [Fact]
    public void The_default_city_has_eight_counties_of_about_1200_schools_600000_students_and_50000_teachers()
    {
        var year = Roster.Years[^1];
        Assert.Equal(8, DefaultCity.Count);
        Assert.Equal([CountyKind.UrbanDistrict, CountyKind.CountyCity, CountyKind.MountainCounty, CountyKind.PlainCounty],
            DefaultCity.Select(c => c.Spec.Kind).Distinct().Order());
        Assert.InRange(DefaultCity.Sum(c => c.Schools.Length), 1_100, 1_300);
        Assert.InRange(DefaultCity.Sum(c => c.Students(year)), 550_000, 680_000);
        Assert.InRange(DefaultCity.Sum(c => c.Teachers.Length), 45_000, 58_000);
        // Every county has each kind of school the plan is about.
        Assert.All(DefaultCity.Where(c => c.Spec.Kind != CountyKind.UrbanDistrict), c =>
            Assert.Superset(new HashSet<string> { "primary", "junior", "nine-year", "teaching-point", "special-education" },
                c.Schools.Select(s => s.Type).ToHashSet()));
        Assert.All(DefaultCity, c => Assert.Single(c.Schools, s => s.IsSpecial));
        Assert.All(DefaultCity, c => Assert.Contains(c.Schools, s => s.Boarding || c.Spec.Kind == CountyKind.UrbanDistrict));
    }

    [Fact]
    public void The_province_is_ten_cities_and_the_small_city_three_counties_with_a_tenth_of_the_schools()
    {
        var province = Roster.CountiesOf(CitySize.Province);
        Assert.Equal(80, province.Count);
        Assert.Equal(80, province.Select(c => c.Code).Distinct().Count());
        var small = Roster.CountiesOf(CitySize.Small).Select(c => Generator.County(c, 2026, CitySize.Small)).ToList();
        Assert.Equal(3, small.Count);
        Assert.InRange(small.Sum(c => c.Schools.Length), 40, 80);
    }

    [Fact]
    public void Codes_grades_and_id_numbers_are_what_the_services_accept()
    {
        foreach (var county in DefaultCity)
        {
            Assert.Matches(@"^\d{4}(?!00)\d{2}$", county.Spec.Code);
            Assert.All(county.Schools, s => Assert.Matches($"^{county.Spec.Code}\\d{{4}}$", s.Code));
            var grades = county.Schools.ToDictionary(s => s.Code, s => s.Grades);
            Assert.All(county.EnrolmentHistory.SelectMany(y => y.Rows), r =>
            {
                Assert.InRange(r.Grade, grades[r.SchoolCode].First, grades[r.SchoolCode].Last);
                Assert.True(r.Students > 0 && r.AdmittedFromCatchment <= r.Admitted && r.Boarders <= r.Students, $"{r}");
            });
            Assert.All(county.Years.SelectMany(y => y.Classes), c => Assert.InRange(c.Students, 1, 120));
            // Checked by the staffing service's own rule (GB 11643 check character), not the generator's.
            Assert.All(county.Teachers, t => Assert.True(Staffing.Domain.IdNumbers.IsValid(t.IdNumber), t.IdNumber));
            // Courses fit the ten hours a day the staffing service allows.
            Assert.All(county.Courses, c => Assert.True(c.Hours <= 10 * (c.EndDate.DayNumber - c.StartDate.DayNumber + 1)));
        }
        var ids = DefaultCity.SelectMany(c => c.Teachers).Select(t => t.IdNumber).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Cohorts_carry_through_the_grades_so_the_retention_rates_are_plausible()
    {
        foreach (var county in DefaultCity)
        {
            var year = Roster.Years[^1];
            int Grade(int y, int g) => county.EnrolmentHistory.Single(h => h.Year == y).Rows.Where(r => r.Grade == g).Sum(r => r.Students);
            var junior = (double)county.EnrolmentHistory.Single(h => h.Year == year).Rows.Where(r => r.Grade == 9).Sum(r => r.Graduates) / Grade(year - 2, 7);
            var nineYear = (double)Grade(year, 9) / Grade(year - 8, 1);
            Assert.InRange(junior, 0.85, 1.02);
            Assert.InRange(nineYear, 0.75, 1.1);
        }
    }

    [Fact]
    public void Funding_follows_the_services_rule_and_each_county_allocates_by_its_story()
    {
        // Judged by the funding service's own rule, not a copy of it: the exemplary county allocates at least
        // what every school is owed (training budget and special education included); the weak county leaves
        // small village schools short of the 100-student floor.
        Assert.All(Assessments(DefaultCity[0]), a => Assert.True(a.Figures.Shortfall == 0, $"{a.School}: {a.Figures}"));
        Assert.Contains(Assessments(DefaultCity[4]), a => a.Figures.Students < 100 && a.Figures.PublicFundsShort > 0);
        Assert.All(DefaultCity[0].Years.SelectMany(y => y.Verdicts.Values), v => Assert.True(v.Met));
        Assert.Contains(DefaultCity[4].Years.SelectMany(y => y.Verdicts.Values), v => !v.Met);
    }

    private static IEnumerable<(string School, AssessedFigures Figures)> Assessments(CountyData county)
    {
        var year = county.Years[^1];
        var n = Generator.Norm(year.Year);
        var norm = new Funding.Domain.FundingNorm
        {
            Scope = Funding.Domain.FundingNorm.Province, Year = year.Year, PrimaryPerStudent = n.PrimaryPerStudent, JuniorPerStudent = n.JuniorPerStudent,
            BoardingSupplement = n.BoardingSupplement, SpecialEducationPerStudent = n.SpecialEducationPerStudent, SmallSchoolFloor = n.SmallSchoolFloor,
        };
        var enrolment = county.EnrolmentHistory.Single(h => h.Year == year.Year).Rows.ToLookup(r => r.SchoolCode);
        var types = county.Schools.ToDictionary(s => s.Code, s => Enum.Parse<SchoolType>(s.Type.Replace("-", ""), ignoreCase: true));
        return year.Allocations.Select(a =>
        {
            var sections = enrolment[a.SchoolCode].GroupBy(r => r.Grade <= 6 ? Section.Primary : Section.Junior).Select(g => new EnrolmentCopy
            {
                SchoolCode = a.SchoolCode, Year = year.Year, Section = g.Key,
                Students = g.Sum(r => r.Students), Boarders = g.Sum(r => r.Boarders), SpecialNeeds = g.Sum(r => r.SpecialNeeds),
            }).ToList();
            var allocation = new Allocation
            {
                SchoolCode = a.SchoolCode, Year = year.Year, CountyCode = county.Spec.Code,
                PublicFunds = a.PublicFunds, SpecialEducationFunds = a.SpecialEducationFunds, TrainingBudget = a.TrainingBudget,
            };
            return (a.SchoolCode, FundingRules.Assess(norm, types[a.SchoolCode], sections, allocation));
        });
    }
}
