using System.Security.Cryptography;
using System.Text.Json;
using EduPlatform.Kernel;

namespace EduPlatform.AppHost;

/// <summary>
/// The local identity service's register, generated at first run with fresh secrets and kept (so a
/// restart keeps tokens and the demo loader's credentials valid); never in the repository. It holds a
/// client per department system, one per department's office in the demo's first county, and the demo's
/// people: an inspector and a city administrator.
/// </summary>
public static class DevCredentials
{
    public const string FileName = "dev-credentials.json";

    /// <summary>The demo city's first county (tools/DemoCity: prefecture 99, county 01), whose offices get accounts.</summary>
    public const string FirstDemoCounty = "139901";

    public static string Ensure(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            return path;
        }
        string[] systems = [Departments.Funding, Departments.Facilities, Departments.Staffing, Departments.Welfare];
        var register = new
        {
            clients = systems.Select(d => new { clientId = $"{d}-system", secret = Secret(), department = d, county = (string?)null, roles = new[] { Roles.Clerk } })
                // A county office per department for the demo city's first county, so county scoping can be tried as shipped.
                .Concat(systems.Select(d => new { clientId = $"{d}-{FirstDemoCounty}", secret = Secret(), department = d, county = (string?)FirstDemoCounty, roles = new[] { Roles.Clerk } })),
            people = new[]
            {
                new { username = "inspector", password = Secret(), department = Departments.Inspection, county = (string?)null, roles = new[] { Roles.Inspector } },
                new { username = "admin", password = Secret(), department = Departments.City, county = (string?)null, roles = new[] { Roles.Admin } },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(register, new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Console.WriteLine($"EduPlatform: generated local credentials in {path}");
        return path;
    }

    /// <summary>A web application's client secret, generated at first run beside the register and kept.</summary>
    public static string WebClientSecret(string directory, string clientId)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{clientId}.secret");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Secret());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return File.ReadAllText(path).Trim();
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
}
