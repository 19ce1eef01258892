using System.Collections.Concurrent;
using EduPlatform.Inspection.Domain.Indicators;
using StackExchange.Redis;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// Scorecards in Redis: one hash per county (field = school year) and one for the city ranking, each with
/// a generation counter. A reader stores what it computed only if the generation is unchanged, so a
/// scorecard computed from data that changed meanwhile is never cached over the refresh. Redis being down
/// costs speed, never correctness: reads fall back to the database.
/// </summary>
/// <remarks>
/// Each instance keeps a copy of what it read. Every refresh is also published on a Redis channel; while this
/// instance is subscribed, its copies are current without asking Redis, so a cached read makes no round trip.
/// Whenever it may have missed a message (a connection lost, or not yet subscribed) it drops its copies and checks
/// the generation on every read, as it did before it subscribed.
/// </remarks>
public sealed class ScorecardCache : IDisposable
{
    private readonly IConnectionMultiplexer redis;
    private readonly ILogger<ScorecardCache> logger;

    public const string City = "city";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// Bumped whenever the engine's rules or the scorecard's shape change: with the standards applied, it names the
    /// edition cached scorecards belong to, so a new release or a province's new standard never serves old ones.
    /// </summary>
    public const int RulesVersion = 2;

    private readonly string _edition;

    public ScorecardCache(IConnectionMultiplexer redis, ILogger<ScorecardCache> logger, Standards standards)
    {
        (this.redis, this.logger) = (redis, logger);
        _edition = $"{RulesVersion}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(standards, new System.Text.Json.JsonSerializerOptions { IncludeFields = true }))))[..12]}";
        _refreshes = RedisChannel.Literal($"inspection:refreshed:{_edition}");
        redis.ConnectionFailed += OnConnectionEvent;
        redis.ConnectionRestored += OnConnectionEvent;
    }

    /// <summary>The Redis hash holding a county's (or the city's) cached scorecards, per school year.</summary>
    public RedisKey Hash(string scope) => $"inspection:scorecards:{_edition}:{scope}";
    private RedisKey Generation(string scope) => $"inspection:generation:{_edition}:{scope}";
    private static RedisKey Requested(string scope) => $"inspection:requested-years:{scope}";

    // This instance's copies of what Redis holds, each under the generation it was read at: unsubscribed, a read
    // costs one small Redis round trip (the generation) instead of moving the whole scorecard; subscribed, none.
    private readonly ConcurrentDictionary<(string Scope, int Year), (long Generation, byte[] Json)> _local = new();

    // The channel every refresh is published on (its message: the county), and this instance's subscription to it.
    private readonly RedisChannel _refreshes;
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private volatile bool _subscribed;
    private long _forgotten; // bumped whenever copies are dropped: a copy read before the bump is not kept after it
    private long _connectionEvents; // a subscription begun before a connection event is not trusted

    /// <summary>
    /// The cached UTF-8 JSON (or null: not cached, or Redis unreachable, and the caller computes it), and
    /// the generation to store a computed one under — read before the database, so a refresh in between
    /// makes the store fail; null when Redis is unreachable (nothing is stored).
    /// </summary>
    public async Task<(byte[]? Json, long? Generation)> GetAsync(string scope, int year)
    {
        if (_subscribed && _local.TryGetValue((scope, year), out var current))
        {
            return (current.Json, current.Generation);
        }
        try
        {
            await SubscribeAsync();
            var forgotten = Interlocked.Read(ref _forgotten);
            var db = redis.GetDatabase();
            var generation = (long?)await db.StringGetAsync(Generation(scope)) ?? 0;
            if (_local.TryGetValue((scope, year), out var local) && local.Generation == generation)
            {
                return (local.Json, generation);
            }
            // A refresh replaces the generation and drops the hash in one transaction, so what is read
            // here is at least as new as the generation read above.
            byte[]? json = await db.HashGetAsync(Hash(scope), year);
            if (json is not null)
            {
                var copy = (generation, json);
                _local[(scope, year)] = copy;
                // A refresh heard while this was read may be newer than what was read: the copy is not kept.
                if (Interlocked.Read(ref _forgotten) != forgotten)
                {
                    ((ICollection<KeyValuePair<(string, int), (long, byte[])>>)_local).Remove(new((scope, year), copy));
                }
            }
            return (json, generation);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis read of {Scope} scorecards failed, computing from the database: {Reason}", scope, ex.Message);
            return (null, null);
        }
    }

    /// <summary>Stores a computed scorecard unless the scope was refreshed since <paramref name="generation"/> was read.</summary>
    public async Task TrySetAsync(string scope, int year, long? generation, byte[] json)
    {
        if (generation is not { } expected)
        {
            return;
        }
        try
        {
            // Remembered even when the store below loses the race: the refresher recomputes the years people read.
            await redis.GetDatabase().SetAddAsync(Requested(scope), year);
            var transaction = redis.GetDatabase().CreateTransaction();
            transaction.AddCondition(expected == 0 ? Condition.KeyNotExists(Generation(scope)) : Condition.StringEqual(Generation(scope), expected));
            _ = transaction.HashSetAsync(Hash(scope), year, json);
            _ = transaction.KeyExpireAsync(Hash(scope), Lifetime);
            // Not stored when the county changed meanwhile: the next read (or the refresher) computes it again.
            await transaction.ExecuteAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis write of {Scope} scorecards failed: {Reason}", scope, ex.Message);
        }
    }

    /// <summary>The school years whose scorecards of <paramref name="scope"/> have been read (the refresher keeps them computed).</summary>
    public async Task<int[]> RequestedYearsAsync(string scope) =>
        [.. (await redis.GetDatabase().SetMembersAsync(Requested(scope))).Select(y => (int)y).Order()];

    /// <summary>
    /// Keeps what people read from expiring: extends the scope's lifetime, and returns the years read that it no longer
    /// holds (expired while the refresher was down, evicted, or never stored because a change raced the store), which
    /// the caller computes again. Throws when Redis cannot be reached.
    /// </summary>
    public async Task<int[]> MissingYearsAsync(string scope)
    {
        var years = await RequestedYearsAsync(scope);
        if (years.Length == 0)
        {
            return [];
        }
        var db = redis.GetDatabase();
        await db.KeyExpireAsync(Hash(scope), Lifetime);
        var held = (await db.HashKeysAsync(Hash(scope))).Select(k => (int)k).ToHashSet();
        var missing = years.Where(y => !held.Contains(y)).ToArray();
        foreach (var year in missing)
        {
            _local.TryRemove((scope, year), out _); // else this instance would go on serving its own copy and never store it again
        }
        return missing;
    }

    /// <summary>
    /// Drops a county's cached scorecards and the city ranking, and returns the years that have been read
    /// (to recompute). Throws when Redis cannot be reached: the caller keeps the change and tries again.
    /// </summary>
    public async Task<int[]> InvalidateAsync(string county)
    {
        var db = redis.GetDatabase();
        var years = await RequestedYearsAsync(county);
        var transaction = db.CreateTransaction();
        _ = transaction.StringIncrementAsync(Generation(county));
        _ = transaction.KeyDeleteAsync(Hash(county));
        _ = transaction.StringIncrementAsync(Generation(City));
        _ = transaction.KeyDeleteAsync(Hash(City));
        _ = transaction.PublishAsync(_refreshes, county);
        await transaction.ExecuteAsync();
        // This instance's own copies go now, not when its message comes back: the caller (the refresher) recomputes
        // at once, and would otherwise be served the copy it just made stale.
        Forget(county);
        return years;
    }

    /// <summary>Subscribes to the refreshes once; until the subscription is confirmed, reads check the generation.</summary>
    private async Task SubscribeAsync()
    {
        if (_subscribed)
        {
            return;
        }
        await _subscribing.WaitAsync();
        try
        {
            if (_subscribed || !redis.IsConnected)
            {
                return;
            }
            var events = Interlocked.Read(ref _connectionEvents);
            var subscriber = redis.GetSubscriber();
            await subscriber.UnsubscribeAsync(_refreshes); // a handler left by a subscription lost with its connection
            await subscriber.SubscribeAsync(_refreshes, (_, county) => Forget((string?)county));
            Forget(null); // what was copied before the subscription may have missed a refresh
            _subscribed = Interlocked.Read(ref _connectionEvents) == events;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    /// <summary>A refresh heard: the county's copies and the ranking's are dropped (null: every copy).</summary>
    private void Forget(string? county)
    {
        Interlocked.Increment(ref _forgotten);
        foreach (var key in _local.Keys.Where(k => county is null || k.Scope == county || k.Scope == City))
        {
            _local.TryRemove(key, out _);
        }
    }

    /// <summary>A connection lost or restored: messages may have been missed, so nothing copied is trusted until subscribed again.</summary>
    private void OnConnectionEvent(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Increment(ref _connectionEvents);
        _subscribed = false;
        Forget(null);
    }

    public void Dispose()
    {
        redis.ConnectionFailed -= OnConnectionEvent;
        redis.ConnectionRestored -= OnConnectionEvent;
    }

    /// <summary>
    /// For what people read back at once — an inspector's verdict or import: the counties' cached scorecards (and the
    /// ranking) are dropped as the write commits, not at the refresher's next pass, so the next read computes them
    /// from what was just written. Best effort: with Redis unreachable nothing is cached either way, and the
    /// change the write recorded in <c>county_changes</c> still refreshes them.
    /// </summary>
    public async Task DropAsync(IEnumerable<string> counties)
    {
        try
        {
            foreach (var county in counties.Distinct())
            {
                await InvalidateAsync(county);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unreachable while dropping changed scorecards; the refresher will: {Reason}", ex.Message);
        }
    }
}
