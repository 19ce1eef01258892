using System.Net;
using System.Net.Http.Json;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Staffing.Apis.PayReferenceApi;

namespace EduPlatform.Staffing.Tests;

public sealed class PayReferenceApiTests(StaffingFactory factory) : IClassFixture<StaffingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Health_reports_database_and_broker_ready() =>
        factory.AssertHealthyAsync("staffing-db", "masstransit-bus");

    [Fact]
    public async Task Put_stores_the_county_year_pay_and_is_idempotent()
    {
        var county = await factory.CountyWithSchoolsAsync();
        await _client.PutAsJsonAsync($"/api/pay-references/{county}/2026", new PutPayReferenceRequest(98_765.43m), Ct);
        var response = await _client.PutAsJsonAsync($"/api/pay-references/{county}/2026", new PutPayReferenceRequest(98_765.43m), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pay = await _client.GetFromJsonAsync<PayReferenceDto[]>($"/api/pay-references/{county}", Ct);
        var only = Assert.Single(pay!);
        Assert.Equal(98_765.43m, only.CivilServantAveragePay);
        Assert.Equal(2026, only.Year);
    }

    [Fact]
    public async Task Negative_pay_is_refused_and_stores_nothing()
    {
        var county = await factory.CountyWithSchoolsAsync();
        var response = await _client.PutAsJsonAsync($"/api/pay-references/{county}/2026", new PutPayReferenceRequest(-5m), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "civilServantAveragePay");
        Assert.False(await factory.QueryAsync<StaffingDbContext, bool>(db => db.PayReferences.AnyAsync(p => p.CountyCode == county, Ct)));
    }

    [Fact]
    public async Task Malformed_county_code_is_refused()
    {
        var response = await _client.PutAsJsonAsync("/api/pay-references/1306/2026", new PutPayReferenceRequest(1m), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "countyCode");
    }

    [Fact]
    public async Task A_pay_reference_for_a_county_not_in_the_registry_is_refused_and_stores_nothing()
    {
        var response = await _client.PutAsJsonAsync("/api/pay-references/139988/2026", new PutPayReferenceRequest(90_000m), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "countyCode");
        Assert.False(await factory.QueryAsync<StaffingDbContext, bool>(db => db.PayReferences.AnyAsync(p => p.CountyCode == "139988", Ct)));
    }

    [Fact]
    public async Task First_records_sent_at_once_all_succeed_and_one_is_kept()
    {
        var county = await factory.CountyWithSchoolsAsync();
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            _client.PutAsJsonAsync($"/api/pay-references/{county}/2026", new PutPayReferenceRequest(90_000m + i), Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await _client.GetFromJsonAsync<PayReferenceDto[]>($"/api/pay-references/{county}", Ct))!);
    }
}
