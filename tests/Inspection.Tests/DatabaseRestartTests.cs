namespace EduPlatform.Inspection.Tests;

/// <summary>
/// Inspection's reads after its database server restarted: EF's pool and the hand-written reads' (a pool of their own,
/// with a planner setting) both held connections to the old server, which Npgsql would hand out without looking.
/// </summary>
public sealed class DatabaseRestartTests(Servers servers, InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task The_first_reads_after_the_database_restarted_succeed()
    {
        var (county, a, b) = await ResourceAllocationApiTests.PublishTwoSchoolsAsync(factory, _bus);
        string[] reads =
        [
            $"/api/counties/{county}/years/2026/resource-allocation", $"/api/counties/{county}/years/2026/schools/{a}",
            $"/api/counties/{county}/years/2026/schools/{b}", $"/api/counties/{county}/years/2026/government-guarantee",
        ];
        using var client = factory.CreateClient();
        // Reads at once, so both pools hold several connections.
        await Task.WhenAll(reads.Concat(reads).Select(async path => await (await client.GetAsync(path, Ct)).SucceedsAsync()));

        var ended = await servers.RestartDatabaseAsync(factory.DatabaseConnectionString, outage: TimeSpan.FromSeconds(1));
        Assert.True(ended >= 2, $"only {ended} session(s) of the service were open to end");

        foreach (var path in reads)
        {
            await (await client.GetAsync(path, Ct)).SucceedsAsync();
        }
        await Task.WhenAll(reads.Concat(reads).Select(async path => await (await client.GetAsync(path, Ct)).SucceedsAsync()));
    }
}
