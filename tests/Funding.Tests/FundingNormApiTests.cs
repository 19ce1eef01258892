using System.Net;
using System.Net.Http.Json;
using EduPlatform.Funding.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Funding.Apis.FundingNormApi;

namespace EduPlatform.Funding.Tests;

public sealed class FundingNormApiTests(FundingFactory factory) : IClassFixture<FundingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Health_reports_database_and_broker_ready() =>
        factory.AssertHealthyAsync("funding-db", "masstransit-bus");

    [Fact]
    public async Task Put_stores_the_norm_exactly_and_a_second_put_replaces_it()
    {
        await _client.PutAsJsonAsync("/api/norms/2026", new PutFundingNormRequest(650m, 850m), Ct);
        var response = await _client.PutAsJsonAsync("/api/norms/2026", new PutFundingNormRequest(700.50m, 900m), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var norms = await _client.GetFromJsonAsync<FundingNormDto[]>("/api/norms", Ct);
        var norm = Assert.Single(norms!, n => n.Year == 2026);
        Assert.Equal(700.50m, norm.PrimaryPerStudent);
        Assert.Equal(900m, norm.JuniorPerStudent);
    }

    [Fact]
    public async Task Negative_amount_is_refused_naming_the_field_and_stores_nothing()
    {
        var response = await _client.PutAsJsonAsync("/api/norms/2027", new PutFundingNormRequest(-1m, 850m), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "primaryPerStudent");
        Assert.False(await factory.QueryAsync<FundingDbContext, bool>(db => db.FundingNorms.AnyAsync(n => n.Year == 2027, Ct)));
    }

    [Fact]
    public async Task Implausible_year_is_refused()
    {
        var response = await _client.PutAsJsonAsync("/api/norms/1999", new PutFundingNormRequest(650m, 850m), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "year");
    }
}
