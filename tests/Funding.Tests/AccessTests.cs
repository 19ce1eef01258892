using System.Diagnostics;
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

        // Ten at once: the bucket holds two and gains one a second, so however slowly the machine serves them, no more
        // than two plus one per second elapsed may pass, and the rest are refused.
        var elapsed = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => busy.GetAsync("/api/norms", TestContext.Current.CancellationToken)));
        elapsed.Stop();

        var passed = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(answers.Length, passed + refused.Count);
        Assert.InRange(passed, 2, 2 + (int)Math.Ceiling(elapsed.Elapsed.TotalSeconds));
        Assert.NotEmpty(refused);
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused[0].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/norms", TestContext.Current.CancellationToken)).StatusCode);
        using var anonymous = limited.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }
}
