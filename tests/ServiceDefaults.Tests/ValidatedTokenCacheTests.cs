using System.Security.Claims;
using System.Security.Cryptography;
using EduPlatform.Kernel;
using EduPlatform.WebApi.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EduPlatform.ServiceDefaults.Tests;

public sealed class ValidatedTokenCacheTests
{
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "k" };
    private static readonly RsaSecurityKey Forger = new(RSA.Create(2048)) { KeyId = "k" };

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = "https://issuer.test/", ValidAudience = PlatformClaims.Audience, IssuerSigningKey = Key, ClockSkew = TimeSpan.Zero,
    };

    private static string Token(SecurityKey key, TimeSpan lifetime) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://issuer.test/", Audience = PlatformClaims.Audience,
        Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, "funding-system")]),
        NotBefore = DateTime.UtcNow.AddMinutes(-1), Expires = DateTime.UtcNow + lifetime,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    [Fact]
    public async Task A_valid_token_is_reused_with_an_identity_of_its_own_and_a_forged_one_never_matches()
    {
        var cache = new ValidatedTokenCache();
        var token = Token(Key, TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters);
        var again = await cache.ValidateTokenAsync(token, Parameters);
        var forged = await cache.ValidateTokenAsync(Token(Forger, TimeSpan.FromHours(1)), Parameters);

        Assert.True(first.IsValid && again.IsValid);
        Assert.NotSame(first.ClaimsIdentity, again.ClaimsIdentity);
        Assert.Equal("funding-system", again.ClaimsIdentity.FindFirst(PlatformClaims.Subject)?.Value);
        Assert.False(forged.IsValid);
    }

    [Fact]
    public async Task A_cached_token_is_refused_once_it_expires()
    {
        var cache = new ValidatedTokenCache();
        // The first validation in a process parses, compiles and checks a signature: on a CI machine running every test
        // assembly at once it took longer than a 2-second token lived. Warm up first, and give the token a few seconds.
        await cache.ValidateTokenAsync(Token(Key, TimeSpan.FromHours(1)), Parameters);
        var token = Token(Key, TimeSpan.FromSeconds(5));
        var first = await cache.ValidateTokenAsync(token, Parameters);
        Assert.True(first.IsValid);

        // Until just past its expiry (a JWT's exp is in whole seconds), then the cached outcome must not be reused.
        var left = first.SecurityToken.ValidTo - DateTime.UtcNow + TimeSpan.FromSeconds(0.5);
        await Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.False((await cache.ValidateTokenAsync(token, Parameters)).IsValid);
    }
}
