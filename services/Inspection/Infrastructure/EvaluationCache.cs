using System.Text.Json;
using StackExchange.Redis;

namespace EduPlatform.Inspection.Infrastructure;

/// <summary>
/// Cache-aside in Redis for data inspectors read often. Redis being down costs speed, never
/// correctness: every failure falls back to the database.
/// </summary>
public sealed class EvaluationCache(IConnectionMultiplexer redis, ILogger<EvaluationCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key);
            if (cached.HasValue)
            {
                return JsonSerializer.Deserialize<T>((string)cached!)!;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis read of {Key} failed, reading the database: {Reason}", key, ex.Message);
        }

        var value = await load(ct);
        try
        {
            await redis.GetDatabase().StringSetAsync(key, JsonSerializer.Serialize(value), Lifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis write of {Key} failed: {Reason}", key, ex.Message);
        }
        return value;
    }

    public async Task InvalidateAsync(string key)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A stale entry would outlive this write, so the outage is logged as an error; it expires by itself.
            logger.LogError("Redis invalidation of {Key} failed: {Reason}", key, ex.Message);
        }
    }
}
