namespace EduPlatform.Kernel;

/// <summary>
/// Names of the Aspire resources. The AppHost creates them under these names and the services read
/// their connection strings (<c>ConnectionStrings:{name}</c>) under the same names.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string Redis = "redis";

    public const string FundingDb = "funding-db";
    public const string FacilitiesDb = "facilities-db";
    public const string StaffingDb = "staffing-db";
    public const string StudentWelfareDb = "welfare-db";
    public const string InspectionDb = "inspection-db";

    public const string Identity = "identity";
    public const string Funding = "funding-api";
    public const string Facilities = "facilities-api";
    public const string Staffing = "staffing-api";
    public const string StudentWelfare = "welfare-api";
    public const string Inspection = "inspection-api";
    /// <summary>The inspectors' web application.</summary>
    public const string WebApp = "inspectors-web";
}

/// <summary>Where every service answers its health checks (the AppHost and Kubernetes probe them).</summary>
public static class HealthPaths
{
    /// <summary>Ready: the service and what it depends on answer.</summary>
    public const string Health = "/health";

    /// <summary>Alive: the process answers (liveness).</summary>
    public const string Alive = "/alive";
}
