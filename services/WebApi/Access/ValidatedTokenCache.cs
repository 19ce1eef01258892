using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EduPlatform.WebApi.Access;

/// <summary>
/// Validates a bearer token once and reuses the outcome until the token expires: a department system
/// sends the same token with thousands of requests, and full validation (parsing, signature, claims)
/// was half the cost of a cached scorecard read. Only valid tokens are kept, keyed by the whole token,
/// so a forged or altered token never matches; the cache is bounded and emptied when full.
/// </summary>
public sealed class ValidatedTokenCache : JsonWebTokenHandler
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, TokenValidationResult> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out var known))
        {
            if (known.SecurityToken.ValidTo > DateTime.UtcNow)
            {
                // Each request gets its own identity, so nothing one request does to it reaches another.
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = known.SecurityToken,
                    ClaimsIdentity = known.ClaimsIdentity.Clone(),
                    Issuer = known.Issuer,
                    TokenType = known.TokenType,
                };
            }
            _valid.TryRemove(token, out _);
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            if (_valid.Count >= Capacity)
            {
                _valid.Clear();
            }
            _valid[token] = result;
        }
        return result;
    }
}
