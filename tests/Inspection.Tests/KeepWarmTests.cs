using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// Scorecards people have read stay computed: the refresher keeps them from expiring, and computes again what Redis
/// no longer holds (expired while no refresher ran, evicted), so the first inspector of the morning is not the one
/// who waits for every county of a ranking to be computed.
/// </summary>
public sealed class KeepWarmTests(KeepWarmTests.EverySecondFactory factory) : IClassFixture<KeepWarmTests.EverySecondFactory>, IAsyncLifetime
{
    public sealed class EverySecondFactory(Servers servers) : InspectionFactory(servers)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Inspection:KeepWarmInterval", "00:00:01");
        }
    }

    private EventCollector _bus = null!;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task What_was_read_is_kept_from_expiring_and_computed_again_when_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        const int year = 2025;
        var (county, _, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, year);
        using var client = factory.CreateClient();
        await Poll.UntilAsync(async () => TwoSchoolCounty.Complete((await client.GetApiAsync<Scorecard>($"/api/counties/{county}/years/{year}/scorecard"))!),
            TimeSpan.FromSeconds(30), "the events never reached the scorecard");
        (await client.GetAsync($"/api/years/{year}/scorecards", ct)).EnsureSuccessStatusCode();
        var redis = factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var cache = factory.Services.GetRequiredService<ScorecardCache>();
        RedisKey countyHash = cache.Hash(county), cityHash = cache.Hash(ScorecardCache.City);
        await Poll.UntilAsync(async () => await redis.HashExistsAsync(countyHash, year) && await redis.HashExistsAsync(cityHash, year),
            TimeSpan.FromSeconds(60), "the scorecard and the ranking were never cached");

        // About to expire: the refresher gives them their full lifetime again.
        await redis.KeyExpireAsync(countyHash, TimeSpan.FromMinutes(2));
        await redis.KeyExpireAsync(cityHash, TimeSpan.FromMinutes(2));
        await Poll.UntilAsync(async () => await redis.KeyTimeToLiveAsync(countyHash) > TimeSpan.FromMinutes(30)
                && await redis.KeyTimeToLiveAsync(cityHash) > TimeSpan.FromMinutes(30),
            TimeSpan.FromSeconds(60), "what was read was left to expire");

        // Gone (as if expired or evicted): computed again without anyone asking.
        await redis.KeyDeleteAsync([countyHash, cityHash]);
        await Poll.UntilAsync(async () => await redis.HashExistsAsync(countyHash, year) && await redis.HashExistsAsync(cityHash, year),
            TimeSpan.FromSeconds(60), "what was read and then lost from Redis was not computed again");
    }
}
