using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EduPlatform.ServiceDefaults;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>
/// Starts the real AppHost in local mode (the machine's own servers, on free ports, with throwaway
/// data), checks that all eight resources become healthy, then follows one school through the
/// departments: registered in facilities, known to welfare and funding from its events, its enrolment
/// from welfare assessed by funding against the norm.
/// </summary>
public sealed class AppHostTests
{
    private static readonly string[] Services =
    [
        ResourceNames.Funding, ResourceNames.Facilities, ResourceNames.Staffing,
        ResourceNames.StudentWelfare, ResourceNames.Inspection,
    ];

    [Fact]
    public async Task Every_resource_becomes_healthy_and_a_school_flows_through_the_departments()
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

            await FollowOneSchoolAsync(app, timeout.Token);
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

    private static async Task FollowOneSchoolAsync(DistributedApplication app, CancellationToken ct)
    {
        using var facilities = app.CreateHttpClient(ResourceNames.Facilities);
        using var welfare = app.CreateHttpClient(ResourceNames.StudentWelfare);
        using var funding = app.CreateHttpClient(ResourceNames.Funding);
        using var staffing = app.CreateHttpClient(ResourceNames.Staffing);
        const string county = "130681", school = "1306810001";

        (await facilities.PutAsJsonAsync($"/api/counties/{county}", new { name = "涿州市" }, ct)).EnsureSuccessStatusCode();
        (await facilities.PutAsJsonAsync($"/api/schools/{school}",
            new { countyCode = county, name = "东城坊镇中心小学", location = "town", type = "primary", boarding = false }, ct)).EnsureSuccessStatusCode();
        (await funding.PutAsJsonAsync("/api/norms/2026", new { primaryPerStudent = 650m, juniorPerStudent = 850m }, ct)).EnsureSuccessStatusCode();

        // Welfare learns the school from facilities' events; then its enrolment return is accepted.
        await Poll.UntilAsync(async () => (await welfare.PutAsJsonAsync($"/api/schools/{school}/years/2026/enrolment",
                new { grades = Enumerable.Range(1, 6).Select(g => new { grade = g, students = 10 }) }, ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "welfare never learnt the school from facilities");

        // Funding learns the school from facilities and its enrolment from welfare: 60 students, funded as 100 × 650.
        await Poll.UntilAsync(async () =>
        {
            var response = await funding.GetAsync($"/api/counties/{county}/years/2026/under-funded", ct);
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(ct)).Contains("\"totalShortfall\":65000", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), "funding never assessed the school from welfare's enrolment");

        // Staffing follows the same registry: a teacher can be hired at the school.
        await Poll.UntilAsync(async () => (await staffing.PostAsJsonAsync("/api/teachers", new
        {
            idNumber = "11010519491231002X", name = "测试教师", schoolCode = school, section = "primary", fullTime = true,
            qualification = "bachelor", certified = true, hireDate = "2015-09-01", annualPay = 90000m,
        }, ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "staffing never learnt the school from facilities");
    }
}
