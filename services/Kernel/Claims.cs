namespace EduPlatform.Kernel;

/// <summary>The claims the platform's tokens carry, whoever issues them (README, "Access").</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string Department = "department";
    /// <summary>A county office's 6-digit code; absent for the city level.</summary>
    public const string County = "county";
    public const string Role = "role";

    /// <summary>The audience every service expects its tokens to name.</summary>
    public const string Audience = "eduplatform";
}

public static class Roles
{
    /// <summary>Submits and corrects a department's data.</summary>
    public const string Clerk = "clerk";
    /// <summary>Reads scorecards and evaluations, records verdicts and imports evidence.</summary>
    public const string Inspector = "inspector";
    /// <summary>A city administrator: opens and closes evaluations, reads the audit, runs operations.</summary>
    public const string Admin = "admin";
}

public static class Departments
{
    public const string Funding = "funding";
    public const string Facilities = "facilities";
    public const string Staffing = "staffing";
    public const string Welfare = "welfare";
    public const string Inspection = "inspection";
    public const string City = "city";
}
