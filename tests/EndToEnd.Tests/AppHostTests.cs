using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EduPlatform.DemoCity;
using EduPlatform.Kernel;
using Microsoft.Extensions.DependencyInjection;

namespace EduPlatform.EndToEnd.Tests;

/// <summary>
/// Starts the real AppHost in local mode (the machine's own servers, on free ports, with throwaway
/// data), checks that all eight resources become healthy, then follows one school through the
/// departments: registered in facilities, known to welfare and funding from its events, its enrolment
/// from welfare assessed by funding against the norm; then completes a small county through the
/// departments' APIs and checks the inspection scorecard by hand, and that a closed evaluation keeps it;
/// last, loads the small demo city as the run command does and checks that its stories show.
/// </summary>
public sealed partial class AppHostTests
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
            var ports = new Dictionary<string, int>
            {
                [ResourceNames.Postgres] = LocalServer.FreePort(),
                [ResourceNames.RabbitMq] = LocalServer.FreePort(consecutive: 4),
                [ResourceNames.Redis] = LocalServer.FreePort(),
            };
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--Infrastructure:Mode=local",
                $"--Infrastructure:StateDirectory={state}",
                $"--Infrastructure:Ports:Postgres={ports[ResourceNames.Postgres]}",
                $"--Infrastructure:Ports:RabbitMq={ports[ResourceNames.RabbitMq]}",
                $"--Infrastructure:Ports:Redis={ports[ResourceNames.Redis]}",
                "--Services:FixedPorts=false",
                $"--Identity:StateDirectory={Path.Combine(state, "identity")}",
            ], ct);
            await using var app = await builder.BuildAsync(ct);
            // A bound for a hang, not a speed target: CI machines are slower than this one and share two cores with the other assemblies.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(30));
            var stages = new Trail();
            try
            {
                await app.StartAsync(timeout.Token);
                string[] servers = [ResourceNames.Postgres, ResourceNames.RabbitMq, ResourceNames.Redis, ResourceNames.Identity];
                await Task.WhenAll(servers.Concat(Services).Append(ResourceNames.WebApp).Select(name =>
                    app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
                stages.Mark("every resource healthy");

                foreach (var service in Services)
                {
                    using var http = app.CreateHttpClient(service);
                    var response = await http.GetAsync(HealthPaths.Health, timeout.Token);
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} /health: {(int)response.StatusCode} {body}");
                    Assert.Contains("\"status\":\"Healthy\"", body);
                }

                var credentials = Credentials.Load(Path.Combine(state, "identity", "dev-credentials.json"));
                await RefuseWithoutTheRightTokenAsync(app, credentials, timeout.Token);
                stages.Mark("refusals");
                await FollowOneSchoolAsync(app, credentials, timeout.Token);
                stages.Mark("one school through the departments");
                await ScoreTheCountyAsync(app, credentials, timeout.Token);
                stages.Mark("a county scored by hand");
                await LoadTheDemoCityAsync(app, credentials, timeout.Token);
                stages.Mark("the small demo city loaded, reloaded and resumed");
                await NoErrorLoggedAsync(app, [.. servers, .. Services]);
                // Before the password-guessing check, which locks this address out of signing in for a while.
                await BrowseAsAnInspectorAsync(app, credentials, timeout.Token);
                stages.Mark("browsed as an inspector");
                await SurviveCrashedServersAsync(app, credentials, ports, timeout.Token);
                stages.Mark("servers killed and back");
                await ThrottlePasswordGuessingAsync(app, credentials, timeout.Token);
                stages.Mark("password guessing throttled");
                // Its own bound: a stop that hangs is a defect of its own, whatever the steps above took.
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
                stopping.CancelAfter(TimeSpan.FromMinutes(2));
                await app.StopAsync(stopping.Token);
                stages.Mark("stopped");
            }
            catch (Exception failure) when (failure is not Xunit.Sdk.IAssertionException)
            {
                // The failure first: eng/test.sh prints a failed test's first lines only.
                throw new InvalidOperationException($"Failed after stage '{stages.Last}': {failure.GetType().Name}: {failure.Message}\n{stages}", failure);
            }
            finally
            {
                stages.Save(Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e-stages.txt"));
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

    /// <summary>A client of <paramref name="service"/> sending a real token from the AppHost's identity service.</summary>
    private static HttpClient Client(DistributedApplication app, string service, TokenSource tokens) =>
        new(new BearerHandler(tokens) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = app.GetEndpoint(service, "http") };

    private static TokenSource SystemOf(DistributedApplication app, Credentials credentials, string department) =>
        TokenSource.For(app.GetEndpoint(ResourceNames.Identity, "http"), credentials.SystemOf(department));

    private static TokenSource PersonWith(DistributedApplication app, Credentials credentials, string role) =>
        TokenSource.For(app.GetEndpoint(ResourceNames.Identity, "http"), credentials.PersonWith(role));

    /// <summary>
    /// Through the real identity service: no token is 401 everywhere; a department system's token writes
    /// nothing in another department's service (403), nor may an inspector open an evaluation.
    /// </summary>
    private static async Task RefuseWithoutTheRightTokenAsync(DistributedApplication app, Credentials credentials, CancellationToken ct)
    {
        foreach (var service in Services)
        {
            using var anonymous = app.CreateHttpClient(service);
            var response = await anonymous.GetAsync("/api/counties", ct);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{service} without a token: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var identity = new HttpClient { BaseAddress = app.GetEndpoint(ResourceNames.Identity, "http") };
        var wrongSecret = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "facilities-system", ["client_secret"] = "not-the-secret",
        }), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode); // RFC 6749 §5.2: invalid_client may be a 401
        Assert.Contains("invalid_client", await wrongSecret.Content.ReadAsStringAsync(ct));

        using var fundingAtFacilities = Client(app, ResourceNames.Facilities, SystemOf(app, credentials, "funding"));
        var refused = await fundingAtFacilities.PutAsJsonAsync("/api/counties/130681", new { name = "涿州市" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("facilities", await refused.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, (await fundingAtFacilities.GetAsync("/api/counties", ct)).StatusCode);
        Assert.Equal("[]", await fundingAtFacilities.GetStringAsync("/api/counties", ct));

        using var inspector = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "inspector"));
        var opened = await inspector.PostAsJsonAsync("/api/evaluations", new { kind = "mid-term", schoolYear = 2026, asOf = "2026-11-01" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Equal("[]", await inspector.GetStringAsync("/api/evaluations", ct));
    }

    /// <summary>
    /// Password guessing is throttled: after repeated failures even the right password is refused until a
    /// lock-out passes; a county office's account (generated for the demo's first county) gets a county token;
    /// an oversized token request is a 413 ProblemDetails. Last, since the guesses lock this address out a while.
    /// </summary>
    private static async Task ThrottlePasswordGuessingAsync(DistributedApplication app, Credentials credentials, CancellationToken ct)
    {
        using var identity = new HttpClient { BaseAddress = app.GetEndpoint(ResourceNames.Identity, "http") };
        var admin = credentials.PersonWith("admin");
        Task<HttpResponseMessage> SignIn(string password) => identity.PostAsync("/connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = admin.Username, ["password"] = password }), ct);

        var office = Assert.Single(credentials.Clients, c => c.ClientId == "staffing-139901");
        var officeToken = await TokenSource.For(app.GetEndpoint(ResourceNames.Identity, "http"), office).GetAsync(renew: false, ct);
        var claims = JsonNode.Parse(Convert.FromBase64String(Base64(officeToken.Split('.')[1])))!;
        Assert.Equal(("staffing", "139901"), ((string?)claims["department"], (string?)claims["county"]));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SignIn($"guess-{i}")).StatusCode);
        }
        var locked = await SignIn(admin.Password);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await locked.Content.ReadAsStringAsync(ct));
        await Poll.UntilAsync(async () => (await SignIn(admin.Password)).IsSuccessStatusCode, TimeSpan.FromSeconds(30),
            "the right password was still refused after the lock-out");

        // Expect: 100-continue, as a careful client sends a large body: the refusal comes before the body is sent. Without
        // it, the server's early 413 and close can race the client still writing (a broken pipe, not a status).
        using var oversized = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new StringContent(new string('x', 5 << 20), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        oversized.Headers.ExpectContinue = true;
        var huge = await identity.SendAsync(oversized, ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
    }

    private static string Base64(string base64Url) =>
        base64Url.Replace('-', '+').Replace('_', '/').PadRight(base64Url.Length + (4 - base64Url.Length % 4) % 4, '=');

    private static async Task FollowOneSchoolAsync(DistributedApplication app, Credentials credentials, CancellationToken ct)
    {
        using var facilities = Client(app, ResourceNames.Facilities, SystemOf(app, credentials, "facilities"));
        using var welfare = Client(app, ResourceNames.StudentWelfare, SystemOf(app, credentials, "welfare"));
        using var funding = Client(app, ResourceNames.Funding, SystemOf(app, credentials, "funding"));
        using var staffing = Client(app, ResourceNames.Staffing, SystemOf(app, credentials, "staffing"));
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

    private const string County = "130681", TownSchool = "1306810001", RuralSchool = "1306810002";

    /// <summary>
    /// The county gets a second, rural school of 40 students; both file facility returns and classes,
    /// and are allocated funds. The town school (60 students, one teacher) has 300 m² of teaching rooms
    /// and 150,000 元 of equipment, the rural one 160 m² and 80,000 元 and is allocated 60,000 of the
    /// 65,000 元 it is owed (funded as 100 students × 650).
    /// </summary>
    private static async Task ScoreTheCountyAsync(DistributedApplication app, Credentials credentials, CancellationToken ct)
    {
        using var facilities = Client(app, ResourceNames.Facilities, SystemOf(app, credentials, "facilities"));
        using var welfare = Client(app, ResourceNames.StudentWelfare, SystemOf(app, credentials, "welfare"));
        using var funding = Client(app, ResourceNames.Funding, SystemOf(app, credentials, "funding"));
        using var inspection = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "inspector"));
        using var admin = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "admin"));

        (await facilities.PutAsJsonAsync($"/api/schools/{RuralSchool}",
            new { countyCode = County, name = "南村小学", location = "rural", type = "primary", boarding = false }, ct)).EnsureSuccessStatusCode();
        int[] rural = [7, 7, 7, 7, 6, 6];
        await Poll.UntilAsync(async () => (await welfare.PutAsJsonAsync($"/api/schools/{RuralSchool}/years/2026/enrolment",
                new { grades = rural.Select((n, i) => new { grade = i + 1, students = n }) }, ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "welfare never learnt the rural school");
        object Return(string school, decimal area, decimal sports, decimal equipment, int multimedia, decimal[] music, decimal broadband) => new
        {
            schoolCode = school, section = "primary", teachingAuxiliaryArea = area, sportsGroundArea = sports,
            sportsHallArea = 0m, equipmentValue = equipment, multimediaClassrooms = multimedia, computers = 10, books = 2000, musicRoomAreas = music,
            artRoomAreas = music.Select(_ => 90m), broadbandMbps = broadband, ordinaryClassrooms = 6, classroomsWithMultimedia = 6,
            classesWithBanbantong = school == TownSchool ? 6 : 2, activeRenrentongAccounts = 50,
        };
        var submission = await facilities.PutAsJsonAsync($"/api/counties/{County}/years/2026/submission", new
        {
            facilityReturns = new[] { Return(TownSchool, 300m, 600m, 150_000m, 2, [96m], 100m), Return(RuralSchool, 160m, 400m, 80_000m, 1, [], 8m) },
            classes = Enumerable.Range(1, 6).Select(g => new { schoolCode = TownSchool, grade = g, number = 1, students = 10 })
                .Concat([new { schoolCode = RuralSchool, grade = 1, number = 1, students = 20 }, new { schoolCode = RuralSchool, grade = 2, number = 1, students = 20 }]),
        }, ct);
        await submission.SucceedsAsync();
        await Poll.UntilAsync(async () => (await funding.PutAsJsonAsync($"/api/counties/{County}/years/2026/allocations", new[]
        {
            new { schoolCode = TownSchool, publicFunds = 65_000m, trainingBudget = 3_250m },
            new { schoolCode = RuralSchool, publicFunds = 60_000m, trainingBudget = 3_000m },
        }, ct)).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "funding never learnt the rural school");

        JsonNode card = null!;
        await Poll.UntilAsync(async () =>
        {
            card = JsonNode.Parse(await inspection.GetStringAsync($"/api/counties/{County}/years/2026/scorecard", ct))!;
            return Line(card, "RA", "primary")["inputs"]!["schools in scope"]!.GetValue<decimal>() == 2
                && card["dataQuality"]!.AsArray().All(i => (string)i!["kind"]! == "no-teachers")
                && Line(card, "RA1", "primary")["value"] is not null && (string)Line(card, "GG6")["status"]! != "no-data"
                && (string)Line(card, "EQ4")["status"]! != "no-data" && Line(card, "EQ4")["value"]!.GetValue<decimal>() == 2;
        }, TimeSpan.FromSeconds(60), "the departments' data never reached the inspection scorecard");

        // RA4: X̄ = (300 + 160) ÷ 100 = 4.6; S² = 0.6 × 0.4² + 0.4 × 0.6² = 0.24; CV = √0.24 ÷ 4.6 = 0.1065.
        Assert.Equal(0.1065m, Math.Round(Line(card, "RA4", "primary")["value"]!.GetValue<decimal>(), 4)); // served at full precision
        // RA1: one qualified teacher at the town school (1.667 per 100), none at the rural one; X̄ = 1:
        // S² = 0.6 × 0.667² + 0.4 × 1² = 0.667; CV = 0.8165 > 0.50.
        Assert.Equal((0.8165m, "not-met"), (Math.Round(Line(card, "RA1", "primary")["value"]!.GetValue<decimal>(), 4), (string)Line(card, "RA1", "primary")["status"]!));
        // GG6: both schools are under 100 students; the rural one got 60,000 of the 65,000 it is owed.
        Assert.Equal(("not-met", RuralSchool), ((string)Line(card, "GG6")["status"]!, (string)Line(card, "GG6")["schoolsAtFault"]![0]!));
        // GG3: the rural school has 2 classes and no music or art room.
        Assert.Equal(RuralSchool, (string)Line(card, "GG3")["schoolsAtFault"]!.AsArray().Single()!);
        Assert.Equal(("met", 100m), ((string)Line(card, "GG12")["status"]!, Line(card, "GG12")["value"]!.GetValue<decimal>()));
        Assert.Equal("met", (string)Line(card, "GG5")["status"]!);
        Assert.Equal("not-met", (string)card["verdict"]!);

        // A mid-term evaluation freezes the scorecard; a later class list changes the live one only.
        var opened = await admin.PostAsJsonAsync("/api/evaluations", new { kind = "mid-term", schoolYear = 2026, asOf = "2026-11-01" }, ct);
        var id = (string)JsonNode.Parse(await opened.Content.ReadAsStringAsync(ct))!["id"]!;
        (await admin.PostAsync($"/api/evaluations/{id}/close", null, ct)).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => (string)JsonNode.Parse(await inspection.GetStringAsync($"/api/evaluations/{id}", ct))!["evaluation"]!["status"]! == "closed",
            TimeSpan.FromSeconds(60), "the mid-term evaluation never closed");
        var frozen = await inspection.GetStringAsync($"/api/evaluations/{id}/counties/{County}", ct);
        (await facilities.PutAsJsonAsync($"/api/schools/{TownSchool}/years/2026/classes", new
        {
            classes = Enumerable.Range(1, 6).Select(g => new { schoolCode = TownSchool, grade = g, number = 1, students = g == 6 ? 58 : 10 }),
        }, ct)).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => (string)Line(JsonNode.Parse(await inspection.GetStringAsync($"/api/counties/{County}/years/2026/scorecard", ct))!,
            "GG5")["status"]! == "not-met", TimeSpan.FromSeconds(30), "the new class of 58 never reached the scorecard");
        Assert.Equal(frozen, await inspection.GetStringAsync($"/api/evaluations/{id}/counties/{County}", ct));
        Assert.Equal("met", (string)Line(JsonNode.Parse(frozen)!["scorecard"]!, "GG5")["status"]!);

        // Who submitted the county's figures: stamped by each department's outbox, carried to inspection.
        var submissions = JsonNode.Parse(await inspection.GetStringAsync($"/api/counties/{County}/submissions?limit=1000", ct))!.AsArray();
        var submitters = submissions.Select(e => (string?)e!["submittedBy"]?["subject"]).Distinct().ToList();
        Assert.Contains("facilities-system", submitters);
        Assert.Contains("funding-system", submitters);
        using var facilitiesAudit = Client(app, ResourceNames.Facilities, PersonWith(app, credentials, "admin"));
        var audit = JsonNode.Parse(await facilitiesAudit.GetStringAsync("/api/audit?subject=facilities-system", ct))!.AsArray();
        Assert.Contains(audit, e => (string)e!["route"]! == "/api/counties/{county}/years/{year:int}/submission");
    }

    /// <summary>
    /// The small demo city, loaded through the departments' APIs by the loader the run command uses: the
    /// exemplary county passes, the one with lavish township equipment fails on balance alone (only
    /// coefficients of variation), the crowded one fails on class sizes; the mid-term is frozen; a second
    /// run finds the city loaded and submits nothing.
    /// </summary>
    private static async Task LoadTheDemoCityAsync(DistributedApplication app, Credentials credentials, CancellationToken ct)
    {
        Uri Address(string service) => app.GetEndpoint(service, "http");
        var endpoints = new Endpoints(Address(ResourceNames.Identity), Address(ResourceNames.Funding), Address(ResourceNames.Facilities), Address(ResourceNames.Staffing),
            Address(ResourceNames.StudentWelfare), Address(ResourceNames.Inspection));
        var loader = new Loader(endpoints, new LoadOptions(CitySize.Small, Seed: 2026, CatchUpTimeout: TimeSpan.FromMinutes(5)), credentials);

        var report = await loader.RunAsync(ct);

        Assert.False(report.AlreadyLoaded);
        Assert.True(report.EventsConsumed > 1000, $"{report.EventsConsumed} events consumed");
        var ranking = (await loader.RankingAsync(Roster.Years[^1], ct)).GetProperty("counties").EnumerateArray()
            .ToDictionary(c => c.GetProperty("countyCode").GetString()!);
        string[] Failing(string county) => [.. ranking[county].GetProperty("failing").EnumerateArray().Select(f => f.GetString()!)];
        var (exemplary, balance, crowded) = (Roster.CountiesOf(CitySize.Small)[0].Code, Roster.CountiesOf(CitySize.Small)[1].Code,
            Roster.CountiesOf(CitySize.Small)[2].Code);
        Assert.True(ranking[exemplary].GetProperty("verdict").GetString() == "met", string.Join(" ", Failing(exemplary)));
        Assert.Equal(1, ranking[exemplary].GetProperty("rank").GetInt32());
        Assert.Contains("RA6 (primary)", Failing(balance));
        Assert.All(Failing(balance), f => Assert.Matches(@"^RA[1-7] \(", f));
        Assert.Contains("GG5", Failing(crowded));
        var midTerm = await loader.EvaluationAsync(report.MidTerm, ct);
        Assert.NotEqual(JsonValueKind.Null, midTerm.GetProperty("evaluation").GetProperty("closedAt").ValueKind);
        Assert.Equal("met", midTerm.GetProperty("counties").EnumerateArray().Single(c => c.GetProperty("countyCode").GetString() == exemplary)
            .GetProperty("verdict").GetString());

        var again = await loader.RunAsync(ct);
        Assert.Equal((true, report.MidTerm, report.Final), (again.AlreadyLoaded, again.MidTerm, again.Final));

        await ResumeAnInterruptedLoadAsync(app, loader, credentials, ct);
    }

    /// <summary>
    /// A load interrupted after the departments' data but before one county's verdicts and before the imports
    /// (simulated by removing them from inspection) is not "already loaded": a rerun submits what is missing, and
    /// every scorecard is again the one the uninterrupted load produced.
    /// </summary>
    private static async Task ResumeAnInterruptedLoadAsync(DistributedApplication app, Loader loader, Credentials credentials, CancellationToken ct)
    {
        using var inspection = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "inspector"));
        var counties = Roster.CountiesOf(CitySize.Small).Select(c => c.Code).ToArray();
        async Task<string[]> ScorecardsAsync() => await Task.WhenAll(counties.SelectMany(c => Roster.Years.Select(y =>
            inspection.GetStringAsync($"/api/counties/{c}/years/{y}/scorecard", ct))));
        var uninterrupted = await ScorecardsAsync();
        singleReplicaCity = counties.SelectMany(c => Roster.Years.Select(y => $"/api/counties/{c}/years/{y}/scorecard"))
            .Zip(uninterrupted).ToDictionary(p => p.First, p => p.Second);

        await using (var db = new Npgsql.NpgsqlConnection(await app.GetConnectionStringAsync(ResourceNames.InspectionDb, ct)))
        {
            await db.OpenAsync(ct);
            await using var command = new Npgsql.NpgsqlCommand(
                "DELETE FROM verdicts WHERE county_code = @county; DELETE FROM imported_results; " +
                "INSERT INTO county_changes (county_code) SELECT unnest(@all)", db);
            command.Parameters.AddWithValue("county", counties[1]);
            command.Parameters.AddWithValue("all", counties);
            await command.ExecuteNonQueryAsync(ct);
        }

        var resumed = await loader.RunAsync(ct);
        Assert.False(resumed.AlreadyLoaded);
        await Poll.UntilAsync(async () => (await ScorecardsAsync()).SequenceEqual(uninterrupted), TimeSpan.FromSeconds(60),
            "after the resumed load, the scorecards differ from those of the uninterrupted load");
    }

    /// <summary>
    /// Issue 23: a normal start and a normal run (the demo city's load, the refusals above included) log no
    /// error in any resource — the services' "fail:" lines, RabbitMQ's "[error]", PostgreSQL's ERROR and
    /// FATAL — so a red line always means something.
    /// </summary>
    private static async Task NoErrorLoggedAsync(DistributedApplication app, string[] resources)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var errors = new List<string>();
        foreach (var resource in resources)
        {
            await foreach (var batch in logs.GetAllAsync(app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource)))
            {
                errors.AddRange(batch.Where(line => ErrorLine().IsMatch(line.Content)).Select(line => $"{resource}: {line.Content}"));
            }
        }
        Assert.True(errors.Count == 0, $"{errors.Count} error line(s) logged:\n{string.Join("\n", errors.Take(20))}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bfail: |\bcrit: |\[error\]|\bERROR: |\bFATAL: |\bPANIC: ")]
    private static partial System.Text.RegularExpressions.Regex ErrorLine();

    /// <summary>
    /// Issue 24, item 3: PostgreSQL, RabbitMQ and Redis killed with SIGKILL come back by themselves; the
    /// dashboard shows each "Restarting", then "Running"; the services recover; a service restarted from
    /// the dashboard afterwards starts (it used to hang in "Waiting" on a server the AppHost thought
    /// stopped); and a write made after it all reaches the inspection scorecard.
    /// </summary>
    private static async Task SurviveCrashedServersAsync(DistributedApplication app, Credentials credentials,
        IReadOnlyDictionary<string, int> ports, CancellationToken ct)
    {
        var restarting = ports.Keys.Select(server => app.ResourceNotifications.WaitForResourceAsync(server,
            e => e.Snapshot.State?.Text == "Restarting", ct)).ToList();
        foreach (var port in ports.Values)
        {
            Process.GetProcessById(LocalProcesses.Listening(port)).Kill(); // SIGKILL: no clean shutdown
        }
        var comeback = Task.WhenAll(restarting).ContinueWith(_ => Task.WhenAll(ports.Keys.Select(server =>
            app.ResourceNotifications.WaitForResourceAsync(server, e => e.Snapshot.State?.Text == KnownResourceStates.Running, ct))), ct).Unwrap();
        Assert.True(await Task.WhenAny(comeback, Task.Delay(TimeSpan.FromMinutes(2), ct)) == comeback,
            "the killed servers were not shown restarting and then running again within 2 minutes");
        await comeback;
        Assert.All(ports.Values, port => Assert.True(LocalProcesses.Listening(port) > 0));

        foreach (var service in Services)
        {
            using var http = app.CreateHttpClient(service);
            await Poll.UntilAsync(async () => await AnswersHealthyAsync(http, ct), TimeSpan.FromSeconds(90),
                $"{service} did not become healthy again after its servers were killed and came back");
        }

        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var restarted = await commands.ExecuteCommandAsync(ResourceNames.Staffing, KnownResourceCommands.RestartCommand, ct);
        Assert.True(restarted.Success, restarted.Message);
        using (var staffingHealth = app.CreateHttpClient(ResourceNames.Staffing))
        {
            await Poll.UntilAsync(async () => await AnswersHealthyAsync(staffingHealth, ct), TimeSpan.FromSeconds(90),
                "staffing, restarted from the dashboard after the servers came back, never became healthy");
        }
        using var staffing = Client(app, ResourceNames.Staffing, SystemOf(app, credentials, "staffing"));
        Assert.Equal(HttpStatusCode.OK, (await staffing.GetAsync($"/api/schools/{TownSchool}/staff-profile", ct)).StatusCode);

        using var facilities = Client(app, ResourceNames.Facilities, SystemOf(app, credentials, "facilities"));
        using var inspection = Client(app, ResourceNames.Inspection, PersonWith(app, credentials, "inspector"));
        var sent = await facilities.PutAsJsonAsync($"/api/schools/{TownSchool}/years/2026/classes", new
        {
            classes = Enumerable.Range(1, 6).Select(g => new { schoolCode = TownSchool, grade = g, number = 1, students = 10 }),
        }, ct);
        await sent.SucceedsAsync();
        await Poll.UntilAsync(async () =>
        {
            var card = await inspection.GetAsync($"/api/counties/{County}/years/2026/scorecard", ct);
            await card.SucceedsAsync();
            return (string)Line(JsonNode.Parse(await card.Content.ReadAsStringAsync(ct))!, "GG5")["status"]! == "met";
        }, TimeSpan.FromSeconds(60), "a class list sent after the crashes never reached the scorecard");
    }

    private static async Task<bool> AnswersHealthyAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            var response = await http.GetAsync(HealthPaths.Health, ct);
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(ct)).Contains("\"status\":\"Healthy\"");
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static JsonNode Line(JsonNode card, string code, string? level = null) =>
        card["groups"]!.AsArray().SelectMany(g => g!["lines"]!.AsArray())
            .Single(l => (string)l!["code"]! == code && (string?)l["level"] == level)!;
}
