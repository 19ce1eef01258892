using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace EduPlatform.WebApp.Auth;

/// <summary>
/// Signed-in sessions kept in Redis under a random key; the browser's cookie carries only that key. The ticket
/// (with the person's tokens) is encrypted with the application's data-protection keys before it is stored.
/// </summary>
public sealed class RedisSessionStore(IConnectionMultiplexer redis, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    private const string Prefix = "eduplatform:inspectors-web:session:";
    private readonly IDataProtector _protector = protection.CreateProtector("EduPlatform.WebApp.Sessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc is { } at ? at - clock.GetUtcNow() : TimeSpan.FromHours(8);
        var bytes = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        return redis.GetDatabase().StringSetAsync(Prefix + key, bytes, expires > TimeSpan.Zero ? expires : TimeSpan.FromMinutes(1));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var value = await redis.GetDatabase().StringGetAsync(Prefix + key);
        if (value.IsNullOrEmpty)
        {
            return null;
        }
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect((byte[])value!));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // keys rotated away: the person signs in again
        }
    }

    public Task RemoveAsync(string key) => redis.GetDatabase().KeyDeleteAsync(Prefix + key);
}
