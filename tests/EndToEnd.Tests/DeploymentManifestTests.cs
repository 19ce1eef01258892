using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EduPlatform.Kernel;
using YamlDotNet.RepresentationModel;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>
/// The Kubernetes manifests (deploy/) carry what the AppHost runs: every service it starts is a Deployment with
/// readiness (/health) and liveness (/alive) probes, resource requests, a Service, an autoscaler and a disruption
/// budget, and every setting the AppHost gives a service is given to it there too. Rendered with kustomize as an
/// operator would (`kubectl kustomize deploy/overlays/province`).
/// </summary>
public sealed class DeploymentManifestTests
{
    // What only the local orchestrator sets: the dashboard's OTLP key and export tuning, its service discovery,
    // the ports it assigns, and .NET development switches.
    private static readonly string[] LocalOnly =
        ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_DOTNET_", "OTEL_BLRP_", "OTEL_BSP_", "OTEL_METRIC", "OTEL_TRACES_SAMPLER", "OTEL_INSTRUMENTATION_",
         "OTEL_METRICS_", "services__", "ASPNETCORE_URLS", "HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "DOTNET_", "LOGGING__CONSOLE__",
         "ASPIRE_", "OTEL_EXPORTER_OTLP_PROTOCOL"];

    [Fact]
    public async Task Every_service_and_setting_the_AppHost_configures_is_in_the_province_manifests()
    {
        var ct = TestContext.Current.CancellationToken;
        var manifests = Render("deploy/overlays/province");
        var deployments = manifests.Where(m => Kind(m) == "Deployment").ToDictionary(Name);
        var settings = manifests.Where(m => Kind(m) == "ConfigMap" && Name(m).StartsWith("eduplatform-settings", StringComparison.Ordinal))
            .SelectMany(m => ((YamlMappingNode)m["data"]).Children.Keys.Select(k => k.ToString())).ToHashSet();

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--Infrastructure:Mode=external",
            .. new[] { ResourceNames.FundingDb, ResourceNames.FacilitiesDb, ResourceNames.StaffingDb, ResourceNames.StudentWelfareDb, ResourceNames.InspectionDb }
                .Select(db => $"--ConnectionStrings:{db}=Host=localhost;Database=x"),
            "--ConnectionStrings:rabbitmq=amqp://localhost/",
            "--ConnectionStrings:redis=localhost",
            $"--Identity:StateDirectory={Path.Combine(Path.GetTempPath(), "eduplatform-manifests-" + Guid.NewGuid().ToString("N")[..8])}",
        ], ct);
        var projects = builder.Resources.OfType<ProjectResource>().ToList();
        Assert.Equal(7, projects.Count);
        foreach (var project in projects)
        {
            Assert.True(deployments.TryGetValue(project.Name, out var deployment), $"no Deployment named {project.Name}");
            var container = (YamlMappingNode)((YamlSequenceNode)deployment!["spec"]["template"]["spec"]["containers"])[0];
            Assert.Equal("/health", container["readinessProbe"]["httpGet"]["path"].ToString());
            Assert.Equal("/alive", container["livenessProbe"]["httpGet"]["path"].ToString());
            Assert.NotNull(container["resources"]["requests"]["cpu"]);
            foreach (var kind in new[] { "Service", "PodDisruptionBudget" })
            {
                Assert.Contains(manifests, m => Kind(m) == kind && Name(m) == project.Name);
            }
            if (project.Name != ResourceNames.Identity)
            {
                Assert.Contains(manifests, m => Kind(m) == "HorizontalPodAutoscaler" && Name(m) == project.Name);
            }

            var given = ((YamlSequenceNode)container["env"]).Select(e => e["name"].ToString()).ToHashSet();
            // Obsolete in favour of ExecutionConfigurationBuilder, which needs a built application; the names are all this reads.
#pragma warning disable CS0618
            var environment = await project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
            var configured = environment.Keys
                .Where(name => !LocalOnly.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)) && !IsAlias(name, environment)).ToList();
            Assert.NotEmpty(configured);
            Assert.All(configured, name => Assert.True(given.Contains(name) || settings.Contains(name),
                $"{project.Name}: the AppHost sets {name}, the manifests do not"));
        }
    }

    /// <summary>Aspire also writes each hyphenated connection string under an underscored name; the services read the first.</summary>
    private static bool IsAlias(string name, Dictionary<string, string> environment) =>
        name.StartsWith(ConnectionStrings, StringComparison.Ordinal) && name[ConnectionStrings.Length..].Contains('_', StringComparison.Ordinal)
        && environment.ContainsKey(ConnectionStrings + name[ConnectionStrings.Length..].Replace('_', '-'));

    private const string ConnectionStrings = "ConnectionStrings__";

    private static string Kind(YamlMappingNode manifest) => manifest["kind"].ToString();
    private static string Name(YamlMappingNode manifest) => manifest["metadata"]["name"].ToString();

    private static List<YamlMappingNode> Render(string overlay)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "EduPlatform.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("the repository root was not found");
        }
        using var kubectl = Process.Start(new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(root, overlay)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("kubectl could not be started");
        var yaml = kubectl.StandardOutput.ReadToEnd();
        var errors = kubectl.StandardError.ReadToEnd();
        kubectl.WaitForExit();
        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize {overlay} failed: {errors}");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }
}
