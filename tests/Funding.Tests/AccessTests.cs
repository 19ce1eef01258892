using System.Net;
using System.Net.Http.Json;

namespace EduPlatform.Funding.Tests;

/// <summary>Who may write to the funding service (README, "Access").</summary>
public sealed class AccessTests(FundingFactory factory) : IClassFixture<FundingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_county_finance_return_is_written_only_by_funding_clerks_of_the_city_or_that_county()
    {
        var county = await factory.CountyWithSchoolsAsync();
        HttpRequestMessage Put() => new(HttpMethod.Put, $"/api/counties/{county}/finance/2026")
        {
            Content = JsonContent.Create(new { educationSpending = 1_000_000m, recurrentRevenue = 4_000_000m, primarySpendingPerStudent = 9_000m, juniorSpendingPerStudent = 12_000m }),
        };
        Task<string> Finance() => _client.GetStringAsync($"/api/counties/{county}/finance", TestContext.Current.CancellationToken);

        await AccessAssert.WrongCallersRefusedAsync(factory, Put, county, Finance);
        await AccessAssert.OwnCountyAcceptedAsync(factory, Put, county);
        Assert.Contains("2026", await Finance());
    }

    [Fact]
    public async Task Only_the_city_level_sets_the_funding_norms()
    {
        var county = await factory.CountyWithSchoolsAsync();
        using var countyOffice = factory.CreateClient(TestTokens.Issue("funding", county: county));
        var refused = await countyOffice.PutAsJsonAsync("/api/norms/2090", new { primaryPerStudent = 650m, juniorPerStudent = 850m },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("2090", await _client.GetStringAsync("/api/norms", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_client_over_its_rate_is_told_to_wait_and_others_are_not()
    {
        await using var limited = factory.WithWebHostBuilder(web => web
            .UseSetting("Access:RequestsPerSecond", "1").UseSetting("Access:Burst", "2").UseSetting("Access:Queue", "0"));
        using var busy = limited.CreateClient().WithToken(TestTokens.Issue("funding", subject: "busy-system"));
        using var other = limited.CreateClient().WithToken(TestTokens.Issue("funding", subject: "other-system"));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await busy.GetAsync("/api/norms", TestContext.Current.CancellationToken));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            answers.Select(a => a.StatusCode));
        Assert.Equal("application/problem+json", answers[^1].Content.Headers.ContentType?.MediaType);
        Assert.NotNull(answers[^1].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/norms", TestContext.Current.CancellationToken)).StatusCode);
        using var anonymous = limited.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }
}
