using System.Net.Http.Json;
using static EduPlatform.Facilities.Apis.CountyApi;

namespace EduPlatform.Facilities.Tests;

/// <summary>
/// The service after its database server restarted. Its pool then holds connections to the old server; Npgsql hands
/// an idle one out without looking, so without ServiceDefaults' DatabaseWatch the first write failed with a 500.
/// </summary>
public sealed class DatabaseRestartTests(Servers servers, FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_requests_after_the_database_restarted_succeed()
    {
        var client = factory.CreateClient();
        // Requests at once, so the pool holds several connections, as a busy service's does.
        await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
            await (await client.PutAsJsonAsync($"/api/counties/13069{i}", new PutCountyRequest($"县{i}"), Ct)).SucceedsAsync()));

        var ended = await servers.RestartDatabaseAsync(factory.DatabaseConnectionString, outage: TimeSpan.FromSeconds(1));
        Assert.True(ended >= 2, $"only {ended} session(s) of the service were open to end");

        // One at a time first: each would be handed an idle pooled connection.
        for (var i = 1; i <= 3; i++)
        {
            await (await client.PutAsJsonAsync($"/api/counties/13069{i}", new PutCountyRequest($"县{i}改"), Ct)).SucceedsAsync();
            await (await client.GetAsync($"/api/counties/13069{i}", Ct)).SucceedsAsync();
        }
        await Task.WhenAll(Enumerable.Range(4, 5).Select(async i =>
            await (await client.PutAsJsonAsync($"/api/counties/13069{i}", new PutCountyRequest($"县{i}改"), Ct)).SucceedsAsync()));
        Assert.Equal("县8改", (await client.GetApiAsync<CountyDto>("/api/counties/130698"))!.Name);
    }
}
