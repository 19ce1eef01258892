using System.Net;
using System.Net.Http.Json;
using System.Text;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Funding;
using EduPlatform.Funding.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Funding.Apis.AllocationApi;
using static EduPlatform.Funding.Apis.FinanceApi;
using static EduPlatform.Funding.Apis.FundingNormApi;
using static EduPlatform.Funding.Tests.FundingFactory;

namespace EduPlatform.Funding.Tests;

public sealed class AllocationApiTests(FundingFactory factory) : IClassFixture<FundingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _year = 2050;

    /// <summary>A year of its own with the province's norm: 650 / 850, 200 per boarder, 6,000 special, floor 100.</summary>
    private async Task<int> YearAsync()
    {
        var year = Interlocked.Increment(ref _year);
        (await _client.PutAsJsonAsync($"/api/norms/{year}", new PutFundingNormRequest(650m, 850m, 200m, 6000m, 100), Ct)).EnsureSuccessStatusCode();
        return year;
    }

    private Task WaitForEnrolmentAsync(string school, int year, int revision) =>
        Poll.UntilAsync(() => factory.QueryAsync<FundingDbContext, bool>(db => db.Enrolment.AnyAsync(e => e.SchoolCode == school && e.Year == year && e.Revision == revision)),
            TimeSpan.FromSeconds(30), "the enrolment never reached funding");

    private Task<HttpResponseMessage> AllocateCsvAsync(string county, int year, params string[] lines) =>
        _client.PutAsync($"/api/counties/{county}/years/{year}/allocations",
            new StringContent(string.Join("\n", ["schoolCode,publicFunds,specialEducationFunds,trainingBudget", .. lines]), Encoding.UTF8, "text/csv"), Ct);

    [Fact]
    public async Task Allocations_are_assessed_against_the_norms_and_enrolment_and_recomputed_when_enrolment_changes()
    {
        var year = await YearAsync();
        var county = await factory.CountyWithSchoolsAsync((SchoolType.TeachingPoint, Location.Rural, true), (SchoolType.NineYear, Location.Town, true));
        string point = School(county, 1), nineYear = School(county, 2);
        await factory.EnrolmentAsync(point, county, year, Section.Primary, 1, students: 60, boarders: 10, specialNeeds: 2);
        await factory.EnrolmentAsync(nineYear, county, year, Section.Primary, 1, students: 300, boarders: 90, specialNeeds: 3);
        await factory.EnrolmentAsync(nineYear, county, year, Section.Junior, 1, students: 200, boarders: 60);
        await WaitForEnrolmentAsync(point, year, 1);
        await WaitForEnrolmentAsync(nineYear, year, 1);

        // The point gets 65,700 (floor and boarders) but too little training; the nine-year school is short of public funds.
        var response = await AllocateCsvAsync(county, year, $"{point},65700,12000,3285", $"{nineYear},390000,18000,19500");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadApiAsync<AllocationOutcome>();
        var byCode = outcome!.Assessments.ToDictionary(a => a.SchoolCode);
        Assert.Equal((100, 65_700m, 12_000m, 3_285m, 0m), (byCode[point].Figures.FundedStudents, byCode[point].Figures.PublicFundsRequired,
            byCode[point].Figures.SpecialEducationRequired, byCode[point].Figures.TrainingRequired, byCode[point].Shortfall));
        Assert.Equal((393_050m, 3_050m, 0m), (byCode[nineYear].Figures.PublicFundsRequired, byCode[nineYear].PublicFundsShort, byCode[nineYear].TrainingShort));
        var under = await _client.GetApiAsync<UnderFundedDto>($"/api/counties/{county}/years/{year}/under-funded");
        Assert.Equal((2, 1, 3_050m), (under!.Assessed, under.UnderFunded, under.TotalShortfall));

        // The teaching point grows past the floor after the allocation: 130 students, 129 regular.
        await factory.EnrolmentAsync(point, county, year, Section.Primary, 2, students: 130, boarders: 10, specialNeeds: 1);
        var reassessed = await factory.Events.WaitForAsync<SchoolFundingAssessed>(e => e.SchoolCode == point && e.Year == year && e.Students == 130);
        // 129 × 650 + 10 × 200 = 85,850 owed; 65,700 allocated: 20,150 short; special 6,000 owed, 12,000 given.
        Assert.Equal((85_850m, 65_700m, 6_000m, 20_150m), (reassessed[0].PublicFundsRequired, reassessed[0].PublicFundsAllocated,
            reassessed[0].SpecialEducationRequired, reassessed[0].Shortfall));
        Assert.True(reassessed[0].Revision > byCode[point].Revision);
        // A late, older revision changes nothing.
        await factory.EnrolmentAsync(point, county, year, Section.Primary, 1, students: 60, boarders: 10, specialNeeds: 2);
        await Task.Delay(500, Ct);
        var history = await _client.GetApiAsync<SchoolFundingDto>($"/api/schools/{point}/funding");
        Assert.Equal(130, history!.Years.Single(y => y.Year == year).Figures.Students);
    }

    [Fact]
    public async Task Allocations_for_unknown_or_closed_schools_or_negative_amounts_are_refused_and_nothing_is_written()
    {
        var year = await YearAsync();
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false), (SchoolType.Primary, Location.Rural, false));
        await factory.Events.PublishAsync(new SchoolRecorded(School(county, 2), county, "学校2", Location.Rural, SchoolType.Primary, false,
            SchoolStatus.Closed, 2, DateTimeOffset.UtcNow));
        await Poll.UntilAsync(() => factory.QueryAsync<FundingDbContext, bool>(db => db.Schools.AnyAsync(s => s.Code == School(county, 2) && s.Status == SchoolStatus.Closed)),
            TimeSpan.FromSeconds(30), "the closure never reached funding");

        var response = await AllocateCsvAsync(county, year, $"{School(county, 1)},-5,0,0", $"{School(county, 2)},1000,0,50", "9999999999,1000,0,50",
            $"{School(county, 1)},1000,0,-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Equal(["line 2.publicFunds", "line 3.schoolCode", "line 4.schoolCode", "line 5.schoolCode", "line 5.trainingBudget"],
            problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("is closed", problem.Errors["line 3.schoolCode"][0]);
        Assert.False(await factory.QueryAsync<FundingDbContext, bool>(db => db.Allocations.AnyAsync(a => a.Year == year, Ct)));
    }

    [Fact]
    public async Task A_county_norm_below_the_provinces_is_refused_and_a_higher_one_raises_what_schools_are_owed()
    {
        var year = await YearAsync();
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Urban, false));
        await factory.EnrolmentAsync(School(county, 1), county, year, Section.Primary, 1, students: 400);
        await WaitForEnrolmentAsync(School(county, 1), year, 1);
        (await _client.PutAsJsonAsync($"/api/schools/{School(county, 1)}/allocations/{year}", new { publicFunds = 260_000m }, Ct)).EnsureSuccessStatusCode();

        var lower = await _client.PutAsJsonAsync($"/api/counties/{county}/norms/{year}", new PutFundingNormRequest(600m, 900m, 200m, 6000m), Ct);
        var higher = await _client.PutAsJsonAsync($"/api/counties/{county}/norms/{year}", new PutFundingNormRequest(700m, 900m, 200m, 6000m), Ct);

        await ProblemAssert.FieldRefusedAsync(lower, "primaryPerStudent");
        Assert.Equal(HttpStatusCode.OK, higher.StatusCode);
        var effective = await _client.GetApiAsync<FundingNormDto>($"/api/counties/{county}/norms/{year}");
        Assert.Equal((700m, 900m), (effective!.PrimaryPerStudent, effective.JuniorPerStudent));
        // 400 × 700 = 280,000 owed now; 260,000 allocated; and 5 % training (13,000) not budgeted.
        var assessed = await factory.Events.WaitForAsync<SchoolFundingAssessed>(e => e.SchoolCode == School(county, 1) && e.PublicFundsRequired == 280_000m);
        Assert.Equal(20_000m + 13_000m, assessed[0].Shortfall);
        var norm = await factory.Events.WaitForAsync<FundingNormSet>(e => e.CountyCode == county && e.Year == year);
        Assert.Equal(700m, norm[0].PrimaryPerStudent);
    }

    [Fact]
    public async Task County_finance_shows_the_three_growths()
    {
        var county = await factory.CountyWithSchoolsAsync();
        var first = await _client.PutAsJsonAsync($"/api/counties/{county}/finance/2025",
            new { educationSpending = 1_000_000m, recurrentRevenue = 4_000_000m, primarySpendingPerStudent = 9_000m, juniorSpendingPerStudent = 12_000m }, Ct);
        var second = await _client.PutAsJsonAsync($"/api/counties/{county}/finance/2026",
            new { educationSpending = 1_030_000m, recurrentRevenue = 4_200_000m, primarySpendingPerStudent = 9_450m, juniorSpendingPerStudent = 12_600m }, Ct);
        var negative = await _client.PutAsJsonAsync($"/api/counties/{county}/finance/2027",
            new { educationSpending = -1m, recurrentRevenue = 4_200_000m, primarySpendingPerStudent = 9_450m, juniorSpendingPerStudent = 12_600m }, Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        await ProblemAssert.FieldRefusedAsync(negative, "educationSpending");
        var growth = (await _client.GetApiAsync<GrowthDto>($"/api/counties/{county}/finance"))!.Years;
        Assert.Equal([2025, 2026], growth.Select(g => g.Year));
        // Education +3 % against revenue +5 %: the first growth fails.
        Assert.Equal((3m, 5m, false), (growth[1].EducationGrowthPercent, growth[1].RevenueGrowthPercent, growth[1].EducationOutgrowsRevenue));
        await factory.Events.WaitForAsync<CountyFinanceReported>(e => e.CountyCode == county && e.Year == 2026 && e.Revision == 1);
    }

    [Fact]
    public async Task A_school_that_becomes_a_special_education_school_is_assessed_again()
    {
        var year = await YearAsync();
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Urban, false));
        var school = School(county, 1);
        await factory.EnrolmentAsync(school, county, year, Section.Primary, 1, students: 40);
        await factory.Events.WaitForAsync<SchoolFundingAssessed>(e => e.SchoolCode == school && e.PublicFundsRequired == 65_000m); // floor: 100 × 650

        await factory.Events.PublishAsync(new SchoolRecorded(school, county, "学校1", Location.Urban, SchoolType.SpecialEducation, false,
            SchoolStatus.Operating, 2, DateTimeOffset.UtcNow));

        var again = await factory.Events.WaitForAsync<SchoolFundingAssessed>(e => e.SchoolCode == school && e.SpecialEducationRequired == 240_000m);
        Assert.Equal((0m, 40), (again[0].PublicFundsRequired, again[0].FundedStudents));
    }
}
