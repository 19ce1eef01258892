using System.Net.Http.Json;

namespace EduPlatform.Facilities.Tests;

/// <summary>Every write endpoint of the service, walked with the hostile-input corpus: each answer a 4xx ProblemDetails, no row changed.</summary>
public sealed class HostileInputTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    [Fact]
    public async Task Every_write_endpoint_refuses_hostile_and_clumsy_input_and_changes_nothing()
    {
        using var client = factory.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        const string county = "139977";
        const string school = "1399770001";
        (await client.PutAsJsonAsync($"/api/counties/{county}", new { name = "敌意输入县" }, ct)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/schools/{school}", new { countyCode = county, name = "敌意输入小学", location = "rural", type = "primary", boarding = true }, ct))
            .EnsureSuccessStatusCode();
        await HostileInput.WalkAsync(factory, HostileInput.RouteValues(county, school));
    }
}
