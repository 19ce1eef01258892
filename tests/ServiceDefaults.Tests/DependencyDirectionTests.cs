using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EduPlatform.ServiceDefaults.Tests;

/// <summary>
/// Dependencies point one way (issue 22): the kernel takes nothing in, the hosting defaults know nothing of the web API
/// layer (access, audit, input: <c>services/WebApi</c>), a department's rules (<c>Domain/</c>) use
/// only the kernel, the contracts and the registry's rules, and the orchestrator does not pull the web stack in.
/// Read from the sources, so a stray <c>using</c> or reference fails here rather than in a review.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_kernel_references_no_package_and_no_project()
    {
        var project = XDocument.Load(Path.Combine(Root, "services", "Kernel", "Kernel.csproj"));
        var references = project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include")).ToList();
        Assert.Empty(references);
    }

    [Fact]
    public void The_AppHost_takes_resource_names_from_the_kernel_not_the_service_defaults()
    {
        var project = File.ReadAllText(Path.Combine(Root, "AppHost", "AppHost.csproj"));
        Assert.DoesNotContain("ServiceDefaults.csproj", project);
        Assert.Contains("Kernel.csproj", project);
    }

    [Fact]
    public void The_service_defaults_are_hosting_defaults_and_know_nothing_of_the_web_api_layer()
    {
        var project = File.ReadAllText(Path.Combine(Root, "ServiceDefaults", "ServiceDefaults.csproj"));
        foreach (var web in new[] { "WebApi.csproj", "JwtBearer", "CsvHelper", "OpenApi", "Scalar" })
        {
            Assert.DoesNotContain(web, project);
        }
        var strays = (from file in Directory.GetFiles(Path.Combine(Root, "ServiceDefaults"), "*.cs", SearchOption.AllDirectories)
                      where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                      from line in File.ReadLines(file)
                      let match = UsingLine().Match(line)
                      where match.Success && match.Groups["ns"].Value.StartsWith("EduPlatform.WebApi", StringComparison.Ordinal)
                      select $"{Path.GetRelativePath(Root, file)}: {line.Trim()}").ToList();
        Assert.Empty(strays);
    }

    [Fact]
    public void A_departments_rules_use_only_the_kernel_the_contracts_and_the_registry_rules()
    {
        var domainFiles = (from service in Directory.GetDirectories(Path.Combine(Root, "services"))
                           let domain = Path.Combine(service, "Domain")
                           where Directory.Exists(domain)
                           from file in Directory.GetFiles(domain, "*.cs", SearchOption.AllDirectories)
                           select (Service: Path.GetFileName(service), File: file)).ToList();
        Assert.NotEmpty(domainFiles);

        var strays = (from f in domainFiles
                      from line in File.ReadLines(f.File)
                      let match = UsingLine().Match(line)
                      where match.Success && !Allowed(match.Groups["ns"].Value, f.Service)
                      select $"{Path.GetRelativePath(Root, f.File)}: {line.Trim()}").ToList();
        Assert.Empty(strays);
    }

    private static bool Allowed(string ns, string service) =>
        ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)
        || ns == "EduPlatform.Kernel"
        || ns.StartsWith("EduPlatform.Contracts", StringComparison.Ordinal)
        || ns == "EduPlatform.Registry"
        || ns.StartsWith($"EduPlatform.{service}.Domain", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*using\s+(static\s+)?(?<ns>[A-Za-z0-9_.]+)\s*;")]
    private static partial Regex UsingLine();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EduPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EduPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
