using System.Net;
using System.Net.Http.Json;

namespace EduPlatform.Facilities.Tests;

/// <summary>Who may write to the facilities service (README, "Access").</summary>
public sealed class AccessTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly Clerk _clerk = new(factory.CreateClient());
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_schools_registry_entry_is_changed_only_by_facilities_clerks_of_the_city_or_its_county()
    {
        var county = await _clerk.CountyWithSchoolsAsync((Contracts.Facilities.SchoolType.Primary, Contracts.Facilities.Location.Rural, false));
        var school = Rows.School(county, 1);
        HttpRequestMessage Put() => new(HttpMethod.Put, $"/api/schools/{school}")
        {
            Content = JsonContent.Create(new { countyCode = county, name = "改名小学", location = "rural", type = "primary", boarding = false }),
        };
        Task<string> Entry() => _client.GetStringAsync($"/api/schools/{school}", Ct);

        await AccessAssert.WrongCallersRefusedAsync(factory, Put, county, Entry);
        await AccessAssert.OwnCountyAcceptedAsync(factory, Put, county);
        Assert.Contains("改名小学", await Entry());

        // One audit entry: the accepted change, not the refused attempts (whose subjects are the tests' default).
        var audit = await _client.GetStringAsync($"/api/audit?subject=clerk-{county}", Ct);
        Assert.Contains($"\"path\":\"/api/schools/{school}\"", audit);
        Assert.Contains("School changed", audit);
        Assert.Contains("SchoolRecorded event", audit);
        Assert.Single(System.Text.Json.JsonDocument.Parse(audit).RootElement.EnumerateArray());
        await ProblemAssert.FieldRefusedAsync(await _client.GetAsync("/api/audit?limit=0", Ct), "limit");
    }

    [Fact]
    public async Task A_county_office_neither_registers_a_school_elsewhere_nor_moves_one_out_of_its_county()
    {
        var home = await _clerk.CountyWithSchoolsAsync((Contracts.Facilities.SchoolType.Primary, Contracts.Facilities.Location.Rural, false));
        var other = await _clerk.CountyWithSchoolsAsync();
        using var office = factory.CreateClient(TestTokens.Issue("facilities", county: home));
        var elsewhere = Rows.School(other, 9);
        var registered = await office.PutAsJsonAsync($"/api/schools/{elsewhere}",
            new { countyCode = other, name = "越界小学", location = "rural", type = "primary", boarding = false }, Ct);
        var moved = await office.PutAsJsonAsync($"/api/schools/{Rows.School(home, 1)}",
            new { countyCode = other, name = "迁走小学", location = "rural", type = "primary", boarding = false }, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (registered.StatusCode, moved.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/schools/{elsewhere}", Ct)).StatusCode);
        Assert.Contains(home, await _client.GetStringAsync($"/api/schools/{Rows.School(home, 1)}", Ct));
    }

    [Fact]
    public async Task Health_is_open_and_a_body_over_the_limit_is_refused_with_a_problem()
    {
        using var anonymous = factory.CreateClient(token: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive", Ct)).StatusCode);

        var county = await _clerk.CountyWithSchoolsAsync();
        var huge = new string('x', 2 << 20);
        var response = await _client.PutAsJsonAsync($"/api/counties/{county}", new { name = huge }, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
