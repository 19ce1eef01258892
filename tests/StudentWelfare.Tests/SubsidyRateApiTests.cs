using System.Net;
using System.Net.Http.Json;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.StudentWelfare.Apis.SubsidyRateApi;

namespace EduPlatform.StudentWelfare.Tests;

public sealed class SubsidyRateApiTests(WelfareFactory factory) : IClassFixture<WelfareFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Health_reports_database_and_broker_ready() =>
        factory.AssertHealthyAsync("welfare-db", "masstransit-bus");

    [Fact]
    public async Task Put_stores_the_rates_exactly()
    {
        var response = await _client.PutAsJsonAsync("/api/subsidy-rates/2026", new PutSubsidyRateRequest(1000m, 1250m), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rates = await _client.GetFromJsonAsync<SubsidyRateDto[]>("/api/subsidy-rates", Ct);
        var rate = Assert.Single(rates!, r => r.Year == 2026);
        Assert.Equal(1000m, rate.PrimaryBoarder);
        Assert.Equal(1250m, rate.JuniorBoarder);
    }

    [Fact]
    public async Task Negative_rate_is_refused_and_stores_nothing()
    {
        var response = await _client.PutAsJsonAsync("/api/subsidy-rates/2028", new PutSubsidyRateRequest(1000m, -1m), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "juniorBoarder");
        Assert.False(await factory.QueryAsync<WelfareDbContext, bool>(db => db.SubsidyRates.AnyAsync(r => r.Year == 2028, Ct)));
    }

    [Fact]
    public async Task First_rates_sent_at_once_all_succeed_and_one_is_kept()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            _client.PutAsJsonAsync("/api/subsidy-rates/2031", new PutSubsidyRateRequest(1000m + i, 1250m), Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await factory.QueryAsync<WelfareDbContext, int>(db => db.SubsidyRates.CountAsync(r => r.Year == 2031, Ct)));
    }
}
