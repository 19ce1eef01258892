using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using EduPlatform.DemoCity;
using EduPlatform.Kernel;
using Npgsql;
using Xunit.Sdk;
using Xunit.v3;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>
/// Two replicas of every department and of inspection (<c>Services:Replicas=2</c>) load the small demo city to the
/// same scorecards as one replica does, publish every outbox row, and serve one scorecard however the proxy balances
/// the reads, also right after a change. In the same class as the other AppHost test, so the two never run at once,
/// and after it (<see cref="ByName"/>): the single replica's scorecards are the ones that test loaded.
/// </summary>
[TestMethodOrderer(typeof(ByName))]
public sealed partial class AppHostTests
{
    /// <summary>
    /// The small city's county scorecards (address → JSON) as the first test's single-replica platform loaded them, or
    /// null if it did not get so far; the replica test then loads them with one replica itself. The first test's own
    /// county is not one of the small city's, so it leaves these scorecards as a plain load of the city makes them.
    /// </summary>
    private static Dictionary<string, string>? singleReplicaCity;

    [Fact]
    public async Task Two_replicas_of_every_service_load_the_city_to_the_same_scorecards_as_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var one = singleReplicaCity ?? await LoadSmallCityAsync(replicas: 1, change: false, ct);
        var two = await LoadSmallCityAsync(replicas: 2, change: true, ct);

        Assert.Equal(one.Keys.Order(), two.Keys.Order());
        Assert.All(one, card => Assert.True(card.Value == two[card.Key], $"{card.Key} differs with two replicas"));
    }

    /// <summary>Runs the test methods of a class in the order of their names.</summary>
    public sealed class ByName : ITestMethodOrderer
    {
        public IReadOnlyCollection<TTestMethod?> OrderTestMethods<TTestMethod>(IReadOnlyCollection<TTestMethod?> testMethods)
            where TTestMethod : notnull, ITestMethod =>
            [.. testMethods.OrderBy(m => m?.MethodName, StringComparer.Ordinal)];
    }

    /// <returns>Every county's scorecard for each year the city has, as JSON, by address.</returns>
    private static async Task<Dictionary<string, string>> LoadSmallCityAsync(int replicas, bool change, CancellationToken ct)
    {
        var state = Path.Combine(Path.GetTempPath(), "eduplatform-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var (postgresPort, rabbitPort, redisPort) = (LocalServer.FreePort(), LocalServer.FreePort(consecutive: 4), LocalServer.FreePort());
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--Infrastructure:Mode=local",
                $"--Infrastructure:StateDirectory={state}",
                $"--Infrastructure:Ports:Postgres={postgresPort}",
                $"--Infrastructure:Ports:RabbitMq={rabbitPort}",
                $"--Infrastructure:Ports:Redis={redisPort}",
                "--Services:FixedPorts=false",
                $"--Services:Replicas={replicas}",
                $"--Identity:StateDirectory={Path.Combine(state, "identity")}",
            ], ct);
            await using var app = await builder.BuildAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // A bound for a hang, not a speed target (see the other AppHost test); the fault suite's passes take a few minutes each.
            timeout.CancelAfter(TimeSpan.FromMinutes(20 + (change ? 8 * FaultSuite.Passes : 0)));
            var stages = new Trail();
            stages.Note($"{replicas} replica(s) of every service:");
            try
            {
                await app.StartAsync(timeout.Token);
                await Task.WhenAll(Services.Append(ResourceNames.Identity).Select(name =>
                    app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
                stages.Mark("healthy");

                // As many consumers on each service's queues as there are replicas: they really run side by side.
                using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{rabbitPort + 2}/") };
                management.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8));
                await Poll.UntilAsync(async () =>
                {
                    var queues = (await management.GetFromJsonAsync<System.Text.Json.JsonElement>("api/queues", timeout.Token)).EnumerateArray()
                        .Where(q => Services.Any(s => q.GetProperty("name").GetString()!.StartsWith($"{s}-", StringComparison.Ordinal))
                            && !q.GetProperty("name").GetString()!.EndsWith("_error", StringComparison.Ordinal)).ToList();
                    return queues.Count >= Services.Length && queues.All(q => q.TryGetProperty("consumers", out var n) && n.GetInt32() == replicas);
                }, TimeSpan.FromSeconds(60), $"the services' queues never had {replicas} consumers each");

                var credentials = Credentials.Load(Path.Combine(state, "identity", "dev-credentials.json"));
                Uri Address(string service) => app.GetEndpoint(service, "http");
                var loader = new Loader(new Endpoints(Address(ResourceNames.Identity), Address(ResourceNames.Funding), Address(ResourceNames.Facilities),
                        Address(ResourceNames.Staffing), Address(ResourceNames.StudentWelfare), Address(ResourceNames.Inspection)),
                    new LoadOptions(CitySize.Small, Seed: 2026, CatchUpTimeout: TimeSpan.FromMinutes(5)), credentials);
                await loader.RunAsync(timeout.Token);
                stages.Mark("the small demo city loaded");

                // Every row each service's outbox took was published, whichever replica's relay claimed it.
                foreach (var database in new[] { ResourceNames.FundingDb, ResourceNames.FacilitiesDb, ResourceNames.StaffingDb, ResourceNames.StudentWelfareDb,
                             ResourceNames.InspectionDb })
                {
                    await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync(database, timeout.Token));
                    await connection.OpenAsync(timeout.Token);
                    await Poll.UntilAsync(async () =>
                    {
                        await using var pending = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
                        return (long)(await pending.ExecuteScalarAsync(timeout.Token))! == 0;
                    }, TimeSpan.FromSeconds(30), $"{database}'s outbox kept unpublished rows");
                }

                stages.Mark("every outbox row published");
                using var inspection = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "inspector"));
                var county = Roster.CountiesOf(CitySize.Small)[2].Code;
                if (change)
                {
                    // A class of 70 at one school: each read, whichever replica serves it, shows the change and the same bytes.
                    using var facilities = Client(app, ResourceNames.Facilities, SystemOf(app, credentials, "facilities"));
                    var year = Roster.Years[^1];
                    var before = await inspection.GetStringAsync($"/api/counties/{county}/years/{year}/scorecard", timeout.Token);
                    var schools = await facilities.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/schools?county={county}", timeout.Token);
                    var school = schools.EnumerateArray().First(s => s.GetProperty("type").GetString() == "primary").GetProperty("code").GetString()!;
                    var classes = (await facilities.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/schools/{school}/years/{year}", timeout.Token))
                        .GetProperty("classes").EnumerateArray().Select(c => new
                        {
                            schoolCode = school, grade = c.GetProperty("grade").GetInt32(), number = c.GetProperty("number").GetInt32(),
                            students = c.GetProperty("students").GetInt32(),
                        }).ToArray();
                    Assert.NotEmpty(classes);
                    (await facilities.PutAsJsonAsync($"/api/schools/{school}/years/{year}/classes",
                        new { classes = classes.Select((c, i) => i == 0 ? c with { students = 70 } : c) }, timeout.Token)).EnsureSuccessStatusCode();
                    await Poll.UntilAsync(async () =>
                    {
                        var reads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
                            inspection.GetStringAsync($"/api/counties/{county}/years/{year}/scorecard", timeout.Token)));
                        return reads.All(r => r == reads[0] && r != before);
                    }, TimeSpan.FromSeconds(30), "the replicas served different or stale scorecards after a change");
                    // Put back as it was (every replica again agreeing), so the scorecards compare with the single replica's.
                    (await facilities.PutAsJsonAsync($"/api/schools/{school}/years/{year}/classes", new { classes }, timeout.Token)).EnsureSuccessStatusCode();
                    await Poll.UntilAsync(async () =>
                    {
                        var reads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
                            inspection.GetStringAsync($"/api/counties/{county}/years/{year}/scorecard", timeout.Token)));
                        return reads.All(r => r == before);
                    }, TimeSpan.FromSeconds(30), "the replicas did not all return to the scorecard before the change");
                    stages.Mark("changed");

                    // The fault suite (eng/faults.sh runs its long form): it leaves the city as it found it, so the comparison below
                    // with a single replica's load without faults holds for it too.
                    var suite = new FaultSuite(app, SystemOf(app, credentials, "facilities"), PersonWith(app, credentials, "inspector"),
                        (postgresPort, rabbitPort, redisPort), Roster.CountiesOf(CitySize.Small)[0].Code, year);
                    var outcomes = await suite.RunAsync(FaultSuite.Passes, timeout.Token);
                    var table = FaultSuite.Table(outcomes);
                    File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults")).FullName, "faults.md"), table);
                    stages.Mark($"fault suite ({FaultSuite.Passes} pass(es))");
                    Assert.All(outcomes, o => Assert.True(o is { Accepted: > 0, Lost: 0, Doubled: 0, ScorecardsEqual: true }, $"{o.Fault}:\n{table}"));
                }

                var cards = new Dictionary<string, string>();
                foreach (var year in Roster.Years)
                {
                    foreach (var c in Roster.CountiesOf(CitySize.Small))
                    {
                        var address = $"/api/counties/{c.Code}/years/{year}/scorecard";
                        cards[address] = await inspection.GetStringAsync(address, timeout.Token);
                    }
                }
                stages.Mark("read");
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
                stopping.CancelAfter(TimeSpan.FromMinutes(2));
                await app.StopAsync(stopping.Token);
                stages.Mark("stopped");
                return cards;
            }
            finally
            {
                stages.Save(Path.Combine(AppContext.BaseDirectory, "TestResults", $"e2e-stages-replicas-{replicas}.txt"));
            }
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
