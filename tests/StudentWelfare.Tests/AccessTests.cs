using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;

namespace EduPlatform.StudentWelfare.Tests;

/// <summary>Who may write to the student welfare service and read its students' records (README, "Access").</summary>
public sealed class AccessTests(WelfareFactory factory) : IClassFixture<WelfareFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_schools_enrolment_is_returned_only_by_welfare_clerks_of_the_city_or_the_schools_county()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var school = RegistryAnnouncer.School(county, 1);
        HttpRequestMessage Put() => new(HttpMethod.Put, $"/api/schools/{school}/years/2026/enrolment")
        {
            Content = JsonContent.Create(new { grades = Enumerable.Range(1, 6).Select(g => new { grade = g, students = 20 }) }),
        };
        async Task<string> Enrolment()
        {
            using var response = await _client.GetAsync($"/api/schools/{school}/years/2026/enrolment", Ct);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}";
        }

        await AccessAssert.WrongCallersRefusedAsync(factory, Put, county, Enrolment);
        await AccessAssert.OwnCountyAcceptedAsync(factory, Put, county);
        Assert.StartsWith("200", await Enrolment());

        using var staffing = factory.CreateClient(TestTokens.Issue("staffing"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staffing.GetAsync($"/api/counties/{county}/years/2026/unpaid-students?term=1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/counties/{county}/years/2026/unpaid-students?term=1", Ct)).StatusCode);
    }
}
