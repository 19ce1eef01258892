using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EduPlatform.ServiceDefaults;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>
/// Starts the real AppHost in local mode (the machine's own servers, on free ports, with throwaway
/// data) and checks that all eight resources become healthy.
/// </summary>
public sealed class AppHostTests
{
    private static readonly string[] Services =
    [
        ResourceNames.Funding, ResourceNames.Facilities, ResourceNames.Staffing,
        ResourceNames.StudentWelfare, ResourceNames.Inspection,
    ];

    [Fact]
    public async Task Every_resource_becomes_healthy_and_every_service_answers_health()
    {
        var ct = TestContext.Current.CancellationToken;
        var state = Path.Combine(Path.GetTempPath(), "eduplatform-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--Infrastructure:Mode=local",
                $"--Infrastructure:StateDirectory={state}",
                $"--Infrastructure:Ports:Postgres={LocalServer.FreePort()}",
                $"--Infrastructure:Ports:RabbitMq={LocalServer.FreePort(consecutive: 4)}",
                $"--Infrastructure:Ports:Redis={LocalServer.FreePort()}",
                "--Services:FixedPorts=false",
            ], ct);
            await using var app = await builder.BuildAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(4));

            await app.StartAsync(timeout.Token);
            string[] servers = [ResourceNames.Postgres, ResourceNames.RabbitMq, ResourceNames.Redis];
            await Task.WhenAll(servers.Concat(Services).Select(name =>
                app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));

            foreach (var service in Services)
            {
                using var http = app.CreateHttpClient(service);
                var response = await http.GetAsync(Extensions.HealthPath, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} /health: {(int)response.StatusCode} {body}");
                Assert.Contains("\"status\":\"Healthy\"", body);
            }

            await app.StopAsync(timeout.Token);
        }
        finally
        {
            try
            {
                Directory.Delete(state, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
