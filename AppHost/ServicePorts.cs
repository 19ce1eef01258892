using EduPlatform.Kernel;
using Microsoft.Extensions.Configuration;

namespace EduPlatform.AppHost;

/// <summary>
/// Fixed, documented HTTP ports for the services (README, "Ports"), so a person can curl them.
/// <c>Services:FixedPorts=false</c> lets Aspire choose free ports (used by the tests).
/// </summary>
public sealed class ServicePorts(bool fixedPorts)
{
    private static readonly Dictionary<string, int> Defaults = new()
    {
        [ResourceNames.Identity] = 5100,
        [ResourceNames.Funding] = 5101,
        [ResourceNames.Facilities] = 5102,
        [ResourceNames.Staffing] = 5103,
        [ResourceNames.StudentWelfare] = 5104,
        [ResourceNames.Inspection] = 5105,
        [ResourceNames.WebApp] = 5106,
    };

    public static ServicePorts From(IConfiguration configuration) =>
        new(configuration.GetValue("Services:FixedPorts", true));

    public int? PortOf(string service) => fixedPorts ? Defaults[service] : null;
}
