using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// Two instances' caches on one Redis (two replicas): a copy an instance keeps is never served after any instance
/// refreshed its county, even when the message announcing the refresh was lost with a connection.
/// </summary>
public sealed class ScorecardCacheTests(Servers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ConnectionMultiplexer _first = null!, _second = null!;

    public async ValueTask InitializeAsync()
    {
        var redis = servers.AllocateRedis();
        _first = await ConnectionMultiplexer.ConnectAsync(redis);
        _second = await ConnectionMultiplexer.ConnectAsync(redis + ",allowAdmin=true");
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static ScorecardCache Cache(IConnectionMultiplexer redis) => new(redis, NullLogger<ScorecardCache>.Instance, Standards.Default);

    /// <summary>Stores a scorecard through <paramref name="cache"/> and reads it back, so that instance keeps a copy.</summary>
    private static async Task<byte[]> CopiedAsync(ScorecardCache cache, string scope, int year)
    {
        var (_, generation) = await cache.GetAsync(scope, year);
        var json = System.Text.Encoding.UTF8.GetBytes($"{{\"scope\":\"{scope}\",\"at\":{DateTime.UtcNow.Ticks}}}");
        await cache.TrySetAsync(scope, year, generation, json);
        Assert.Equal(json, (await cache.GetAsync(scope, year)).Json);
        return json;
    }

    [Fact]
    public async Task A_refresh_by_one_instance_drops_the_county_and_the_ranking_that_the_other_kept()
    {
        using var reader = Cache(_first);
        using var refresher = Cache(_second);
        const string county = "130681", other = "130682";
        await CopiedAsync(reader, county, 2025);
        await CopiedAsync(reader, ScorecardCache.City, 2025);
        var untouched = await CopiedAsync(reader, other, 2025);

        await refresher.InvalidateAsync(county);

        await Poll.UntilAsync(async () => (await reader.GetAsync(county, 2025)).Json is null && (await reader.GetAsync(ScorecardCache.City, 2025)).Json is null,
            Patience, "the other instance went on serving what the refresh dropped");
        Assert.Equal(untouched, (await reader.GetAsync(other, 2025)).Json);
    }

    [Fact]
    public async Task The_instance_that_refreshes_a_county_is_never_served_its_own_stale_copy_right_after()
    {
        // The refresher drops a county and recomputes it at once, before its own message on the channel comes back.
        using var refresher = Cache(_first);
        const string county = "130684";
        for (var i = 0; i < 20; i++)
        {
            await CopiedAsync(refresher, county, 2025);
            await refresher.InvalidateAsync(county);
            Assert.Null((await refresher.GetAsync(county, 2025)).Json);
        }
    }

    [Fact]
    public async Task A_copy_is_not_trusted_once_the_connection_that_would_announce_a_refresh_was_lost()
    {
        using var reader = Cache(_first);
        const string county = "130683";
        await CopiedAsync(reader, county, 2026);

        // The subscriptions' connections closed by the server, and the county refreshed as if the message had been lost:
        // the generation moves and the scorecards go, and nothing is published.
        await _second.GetServers()[0].ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        var db = _second.GetDatabase();
        var hash = reader.Hash(county);
        await db.StringIncrementAsync(hash.ToString().Replace("inspection:scorecards:", "inspection:generation:"));
        await db.KeyDeleteAsync(hash);

        await Poll.UntilAsync(async () => (await reader.GetAsync(county, 2026)).Json is null, Patience,
            "a copy was served after its subscription was lost and its county refreshed");
        // Subscribed again: what it stores and reads now is served, and a refresh announced again reaches it.
        var fresh = await CopiedAsync(reader, county, 2026);
        Assert.Equal(fresh, (await reader.GetAsync(county, 2026)).Json);
        using var refresher = Cache(_second);
        await refresher.InvalidateAsync(county);
        await Poll.UntilAsync(async () => (await reader.GetAsync(county, 2026)).Json is null, Patience, "a refresh after the reconnection was not heard");
    }
}
