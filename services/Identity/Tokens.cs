using System.Security.Claims;
using EduPlatform.Kernel;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EduPlatform.Identity;

public static class Tokens
{
    /// <summary>What a token says of an account: subject, department, county office, roles, for the platform's audience.</summary>
    public static ClaimsPrincipal Principal(IAccount account, params string[] destinations)
    {
        var identity = new ClaimsIdentity("EduPlatform.Identity", PlatformClaims.Subject, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, account.Subject).SetClaim(PlatformClaims.Department, account.Department);
        if (account.County is not null)
        {
            identity.SetClaim(PlatformClaims.County, account.County);
        }
        identity.SetClaims(PlatformClaims.Role, [.. account.Roles]);
        identity.SetDestinations(_ => destinations);
        var principal = new ClaimsPrincipal(identity);
        principal.SetResources(PlatformClaims.Audience);
        return principal;
    }
}
