using System.Security.Claims;
using EduPlatform.Kernel;

namespace EduPlatform.WebApi.Access;

/// <summary>Who is calling, as the token says.</summary>
public sealed record Caller(string Subject, string? Department, string? County, IReadOnlyList<string> Roles)
{
    public static Caller From(ClaimsPrincipal user) => new(
        SubjectOf(user),
        user.FindFirstValue(PlatformClaims.Department),
        user.FindFirstValue(PlatformClaims.County),
        user.FindAll(PlatformClaims.Role).Select(c => c.Value).ToList());

    public static string SubjectOf(ClaimsPrincipal user) =>
        user.FindFirstValue(PlatformClaims.Subject) ?? user.FindFirstValue(PlatformClaims.ClientId) ?? "anonymous";

    public bool IsCityLevel => County is null;

    public bool Has(string role) => Roles.Contains(role);

    public string Describe() =>
        $"{Subject} ({Department ?? "no department"}, {(IsCityLevel ? "city level" : "county " + County)})";
}
