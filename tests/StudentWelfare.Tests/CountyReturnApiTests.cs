using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.StudentWelfare;
using Microsoft.AspNetCore.Mvc;
using static EduPlatform.StudentWelfare.Apis.CountyReturnApi;

namespace EduPlatform.StudentWelfare.Tests;

public sealed class CountyReturnApiTests(WelfareFactory factory) : IClassFixture<WelfareFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Figures(int migrantPublic = 800, int quota = 600) => new
    {
        migrantEligible = 1000, migrantInPublicSchools = migrantPublic, migrantInFundedPrivatePlaces = 90,
        disabledSchoolAge = 120, disabledInRegularClasses = 70, disabledInSpecialSchools = 30, disabledHomeTuition = 15, disabledCharged = 0,
        leftBehind = 3000, leftBehindWithCare = 2950, quotaPlan = 1000, quotaAllocated = quota,
    };

    [Fact]
    public async Task A_county_return_is_stored_with_its_rates_and_announced()
    {
        var county = await factory.CountyWithSchoolsAsync();

        var response = await _client.PutAsJsonAsync($"/api/counties/{county}/years/2026/county-return", Figures(), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await response.Content.ReadApiAsync<CountyReturnDto>();
        Assert.Equal((89m, 95.83m, 98.33m, 60m), (stored!.MigrantPlacedPercent, stored.DisabledEnrolledPercent, stored.LeftBehindCaredPercent, stored.QuotaPercent));
        var reported = Assert.Single(await factory.Events.WaitForAsync<CountyWelfareReported>(e => e.CountyCode == county));
        Assert.Equal((1, 890, 115, 600), (reported.Revision, reported.MigrantInPublicSchools + reported.MigrantInFundedPrivatePlaces,
            reported.DisabledInRegularClasses + reported.DisabledInSpecialSchools + reported.DisabledHomeTuition, reported.QuotaAllocated));
    }

    [Fact]
    public async Task More_migrant_children_placed_than_eligible_or_quota_beyond_the_plan_is_refused()
    {
        var county = await factory.CountyWithSchoolsAsync();

        var response = await _client.PutAsJsonAsync($"/api/counties/{county}/years/2026/county-return", Figures(migrantPublic: 950, quota: 1001), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Equal(["migrantInPublicSchools", "quotaAllocated"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("1040 migrant children placed", problem.Errors["migrantInPublicSchools"][0]);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/counties/{county}/years/2026/county-return", Ct)).StatusCode);
    }
}
