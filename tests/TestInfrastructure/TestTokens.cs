using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using EduPlatform.Kernel;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EduPlatform.Testing;

/// <summary>
/// Signed tokens for the in-process service tests, from a test issuer whose key the service under test
/// is told to trust (the end-to-end tests use the real identity service instead).
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://identity.test/";

    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-issuer" };
    // Same key id, another key: what a forger without the issuer's private key can make.
    private static readonly RsaSecurityKey ForgerKey = new(RSA.Create(2048)) { KeyId = "test-issuer" };

    /// <summary>A token for a person or system of <paramref name="department"/>; county null = city level.</summary>
    public static string Issue(string department, string? county = null, string[]? roles = null, string subject = "test-user",
        bool expired = false, bool forged = false, string audience = PlatformClaims.Audience)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new(PlatformClaims.Subject, subject), new(PlatformClaims.Department, department) };
        if (county is not null)
        {
            claims.Add(new Claim(PlatformClaims.County, county));
        }
        claims.AddRange((roles ?? [Roles.Clerk]).Select(r => new Claim(PlatformClaims.Role, r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expired ? now.AddHours(-2) : now,
            NotBefore = expired ? now.AddHours(-2) : now,
            Expires = expired ? now.AddHours(-1) : now.AddHours(1),
            SigningCredentials = new SigningCredentials(forged ? ForgerKey : Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Makes a service's bearer validation trust the test issuer instead of fetching an authority's keys.</summary>
    public static void Trust(JwtBearerOptions options)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(Key);
        options.Configuration = configuration;
        options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
    }

    public static HttpClient WithToken(this HttpClient client, string? token)
    {
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
