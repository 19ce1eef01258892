using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Kernel;
using EduPlatform.Inspection.Apis;
using static EduPlatform.Inspection.Apis.ScenarioApi;

namespace EduPlatform.Inspection.Tests;

/// <summary>What-if scenarios on the two-school county of <see cref="ResourceAllocationApiTests"/>, checked against figures worked by hand.</summary>
public sealed class ScenarioApiTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    private static string Url(string county) => $"/api/counties/{county}/years/2026/scenarios";

    [Fact]
    public async Task No_changes_give_todays_scorecard_and_teachers_added_to_one_school_move_its_cv_as_worked_by_hand()
    {
        var (county, _, b) = await ResourceAllocationApiTests.PublishTwoSchoolsAsync(factory, _bus);
        using var client = factory.CreateClient();

        var empty = await client.PostAsJsonAsync(Url(county), new { changes = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var body = await empty.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(body.GetProperty("today").GetRawText(), body.GetProperty("scenario").GetRawText());
        Assert.Empty(body.GetProperty("turned").EnumerateArray());
        // The same engine and standards as the scorecard itself: once the cache has every event, the two are the same JSON.
        await Poll.UntilAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/counties/{county}/years/2026/scorecard", Ct)).GetRawText()
                == body.GetProperty("today").GetRawText(),
            TimeSpan.FromSeconds(60), "the scenario's today differs from the scorecard");

        // B: 6 teachers above the required qualification for 200 students (3.0 per 100), A: 25 for 500 (5.0). RA1 today:
        // X̄ = 31 ÷ 700 × 100 = 4.4286, S² = 5/7 · 0.5714² + 2/7 · 1.4286² = 0.8163, CV = 0.2040.
        // Three more at B: 9 ÷ 200 = 4.5 per 100; X̄ = 34 ÷ 7 = 4.8571, S² = 5/7 · 0.1429² + 2/7 · 0.3571² = 0.05102, CV = 0.2259 ÷ 4.8571 = 0.0465.
        var three = await client.PostAsJsonAsync(Url(county), new
        {
            changes = new[] { new { kind = "teachers", school = b, level = "primary", teachers = "qualified", count = 3 } },
        }, Ct);
        var result = (await three.Content.ReadApiAsync<ScenarioResult>())!;
        var ra1 = result.Lines.Single(l => l.Code == "RA1" && l.Level == Section.Primary);
        Assert.Equal(0.2040m, decimal.Round(ra1.Today!.Value, 4));
        Assert.Equal(0.0465m, decimal.Round(ra1.Scenario!.Value, 4));
        Assert.Equal(ra1.Scenario - ra1.Today, ra1.Change);
        // Only RA1 (and what rests on it) moves: RA4, the teaching area per student, is as it was.
        var ra4 = result.Lines.Single(l => l.Code == "RA4" && l.Level == Section.Primary);
        Assert.Equal(ra4.Today, ra4.Scenario);
        Assert.Equal(1, result.ChangesApplied);
    }

    [Fact]
    public async Task A_merge_moves_students_and_resources_into_the_receiving_school()
    {
        var (county, a, b) = await ResourceAllocationApiTests.PublishTwoSchoolsAsync(factory, _bus);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync(Url(county), new { changes = new[] { new { kind = "merge", school = b, to = a } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadApiAsync<ScenarioResult>())!;

        // Today B fails (RA1 3.0, RA2 0.5, RA4 3.0 below their thresholds): one school of two passes. Merged, A holds
        // 700 students, 31 qualified, 7 backbone, 7 PE/art teachers, 3,100 m² and 6,000 m²: RA4 = 4.43 m² (98 % of 4.5),
        // every other value at its threshold, so the one school left passes.
        var ra = result.Lines.Single(l => l.Code == "RA" && l.Level == Section.Primary);
        Assert.Equal((1m, 2m, Status.NotMet), (ra.Today, ra.Threshold, ra.TodayStatus));
        var scenarioRa = result.Scenario.Groups.SelectMany(g => g.Lines).Single(l => l.Code == "RA" && l.Level == Section.Primary);
        Assert.Equal((1m, 1m, Status.Met), (scenarioRa.Value, scenarioRa.Threshold, scenarioRa.Status));
        Assert.Contains("RA (primary): not-met → met", result.Turned);
        // Nothing lost on the way: the county's teaching area per student is the same 3,100 ÷ 700, now all at A.
        var ra4 = result.Scenario.Groups.SelectMany(g => g.Lines).Single(l => l.Code == "RA4" && l.Level == Section.Primary);
        Assert.Equal(4.4286m, decimal.Round(ra4.Inputs["county value (Σ quantity ÷ Σ students)"], 4));
        Assert.Equal(4.4286m, decimal.Round(ra4.Inputs[$"value of {a}"], 4));
        Assert.Equal(0m, ra4.Value); // one school: no spread
        Assert.Equal(Status.NotMet, result.TodayVerdict); // the scorecard itself is untouched: nothing is stored
        var stored = await client.GetApiAsync<IndicatorApi.ResourceAllocationDto>($"/api/counties/{county}/years/2026/resource-allocation");
        Assert.Contains(stored!.Inputs, i => i.SchoolCode == b && i.Students == 200);
    }

    [Fact]
    public async Task A_scenario_that_cannot_apply_names_each_faulty_change_and_computes_nothing()
    {
        var (county, a, b) = await ResourceAllocationApiTests.PublishTwoSchoolsAsync(factory, _bus);
        using var client = factory.CreateClient();
        object[] changes =
        [
            new { kind = "teachers", school = "999999999999", level = "primary", teachers = "qualified", count = 1 },
            new { kind = "move-students", school = b, level = "primary", to = a, students = 201 },
            new { kind = "merge", school = a, to = a },
            new { kind = "dance" },
            new { kind = "teachers", school = b, level = "junior", teachers = "wizard", count = 0 },
            new { kind = "merge", school = b, to = a },
            new { kind = "building", school = b, level = "primary", teachingArea = 100 },
            new { kind = "building", school = a, level = "primary", teachingArea = 1.234, sportsArea = -5 },
            new { kind = "equipment", school = a, level = "primary" },
        ];
        var response = await client.PostAsJsonAsync(Url(county), new { changes }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        string[] expected =
        [
            "changes[0].school", "changes[1].students", "changes[2].to", "changes[3].kind", "changes[4].level", "changes[4].teachers",
            "changes[4].count", "changes[6].school", "changes[7].teachingArea", "changes[7].sportsArea", "changes[8]",
        ];
        Assert.Equal(expected.Order(), errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("merged away", errors.GetProperty("changes[6].school")[0].GetString());

        // No list at all, and more changes than a plan holds: refused too.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(Url(county), new { }, Ct)).StatusCode);
        var many = Enumerable.Repeat(new { kind = "teachers", school = a, level = "primary", teachers = "qualified", count = 1 }, Scenarios.MaxChanges + 1);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(Url(county), new { changes = many }, Ct)).StatusCode);
        // An unknown county or a year outside the platform is a 400 naming it; no token is a 401. A scenario stores
        // nothing, so any valid token may compute one, as any may read the scorecard.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(Url("999999"), new { changes = Array.Empty<object>() }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/counties/{county}/years/1990/scenarios",
            new { changes = Array.Empty<object>() }, Ct)).StatusCode);
        using var anonymous = factory.CreateClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Url(county), new { changes = Array.Empty<object>() }, Ct)).StatusCode);
        using var countyOffice = factory.CreateClient(TestTokens.Issue("staffing", county, [Roles.Clerk]));
        Assert.Equal(HttpStatusCode.OK, (await countyOffice.PostAsJsonAsync(Url(county), new { changes = Array.Empty<object>() }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_remedy_for_a_failing_school_passes_when_run_as_a_scenario_and_costs_less_than_the_baseline()
    {
        var (county, _, b) = await ResourceAllocationApiTests.PublishTwoSchoolsAsync(factory, _bus);
        using var client = factory.CreateClient();

        var remedy = (await client.GetApiAsync<RemedyResult>($"/api/counties/{county}/years/2026/remedies"))!;

        // B (200 students) lacks 2 teachers above the qualification and 1 backbone (RA1 9, RA2 2 per 200) and 300 m² of
        // teaching area (4.5 m² × 200 = 900, has 600). The baseline buys all of it: 2 × 120,000 + 150,000 + 300 × 3,000 =
        // 1,290,000 元. Leaving RA4 at 85 % (3.825 m² × 200 = 765 m², 165 to build) is the cheapest of the eight choices:
        // 240,000 + 150,000 + 495,000 = 885,000 元. Both CVs then stay within 0.50, so nothing more is needed.
        Assert.Equal(1_290_000m, remedy.Plan.BaselineCost);
        Assert.Equal(885_000m, remedy.Plan.Cost);
        Assert.Equal(remedy.Plan.Cost, remedy.Plan.Changes.Sum(c => c.Cost));
        Assert.All(remedy.Plan.Changes, c => Assert.Equal(b, c.Change.School));
        Assert.True(remedy.Passes);
        Assert.True(remedy.BaselinePasses);

        // The answer is a scenario: posted back, every resource line passes.
        var rerun = await client.PostAsJsonAsync(Url(county), new { changes = remedy.Plan.Changes.Select(c => c.Change) }, Ct);
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        var result = (await rerun.Content.ReadApiAsync<ScenarioResult>())!;
        var resources = result.Scenario.Groups.Single(g => g.Key == Group.ResourceAllocation).Lines;
        Assert.All(resources, l => Assert.Equal(Status.Met, l.Status));
        Assert.Contains("RA (primary): not-met → met", result.Turned);
    }

    [Fact]
    public async Task The_projection_follows_each_schools_intake_and_recomputes_the_lines_at_todays_resources()
    {
        var (county, a, b) = await ResourceAllocationApiTests.PublishTwoSchoolsAsync(factory, _bus);
        // A year earlier A (urban) took in 400 and B (rural) 250: A grows, B shrinks.
        await _bus.PublishAsync(new EnrolmentReported(a, county, 2025, Section.Primary, 1, [1], [400], [0], [0], [0], [0], [0], [0], [0], [0], DateTimeOffset.UtcNow));
        await _bus.PublishAsync(new EnrolmentReported(b, county, 2025, Section.Primary, 1, [1], [250], [0], [0], [0], [0], [0], [0], [0], [0], DateTimeOffset.UtcNow));
        using var client = factory.CreateClient();
        var url = $"/api/counties/{county}/years/2026/projection?until=2027";
        ProjectionResult? projection = null;
        await Poll.UntilAsync(async () => (projection = await client.GetApiAsync<ProjectionResult>(url))!.Inputs.HistoryYears.Contains(2025),
            TimeSpan.FromSeconds(60), "the 2025 enrolment never reached the read model");

        // A: 400 → 500 is +25 % a year, bounded to +15 %: 575. B: 250 → 200 is −20 %, bounded to −15 %: 170.
        var year = Assert.Single(projection!.Years);
        Assert.Equal((2027, 700, 745), (year.Year, projection.TodayStudents, year.Students));
        Assert.Equal([575, 170], projection.Inputs.Sections.OrderBy(s => s.SchoolCode == b).Select(s => s.Projected[0]));
        // RA4 at today's 2,500 and 600 m²: 4.3478 and 3.5294 m² per student, X̄ = 3,100 ÷ 745 = 4.1611,
        // S² = 575/745 · 0.1867² + 170/745 · 0.6317² = 0.11796, CV = 0.3435 ÷ 4.1611 = 0.0825 (today 0.2040).
        var ra4 = year.Lines.Single(l => l.Code == "RA4" && l.Level == Section.Primary);
        Assert.Equal((0.2040m, 0.0825m), (decimal.Round(ra4.Today!.Value, 4), decimal.Round(ra4.Scenario!.Value, 4)));
        // A, diluted to 575, no longer passes (PE/art 0.87 per 100, teaching area 4.35 and sports area 6.96 m² below their
        // thresholds): no school of two passes. The line was failing already, so it does not turn.
        var ra = year.Lines.Single(l => l.Code == "RA" && l.Level == Section.Primary);
        Assert.Equal((1m, 0m), (ra.Today, ra.Scenario));
        Assert.DoesNotContain("RA (primary)", year.WillFail);

        var tooFar = await client.GetAsync($"/api/counties/{county}/years/2026/projection?until=2040", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Contains("until", (await tooFar.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_saved_scenario_is_listed_re_run_exported_saved_again_from_its_export_and_deleted()
    {
        var (county, _, b) = await ResourceAllocationApiTests.PublishTwoSchoolsAsync(factory, _bus);
        using var client = factory.CreateClient();
        var url = $"/api/counties/{county}/scenarios/{Uri.EscapeDataString("补师方案")}";
        var body = new { year = 2026, changes = new[] { new { kind = "teachers", school = b, level = "primary", teachers = "qualified", count = 3 } } };

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync(url, body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(url, body, Ct)).StatusCode); // replaced, not added
        var listed = Assert.Single((await client.GetApiAsync<SavedScenarioApi.SavedScenarioSummary[]>($"/api/counties/{county}/scenarios"))!);
        Assert.Equal(("补师方案", 2026, 1), (listed.Name, listed.Year, listed.Changes));

        // Re-run on the data as it is: the same figures as posting the changes (RA1 CV 0.2040 → 0.0465).
        var run = (await client.GetApiAsync<ScenarioResult>($"{url}/run"))!;
        var ra1 = run.Lines.Single(l => l.Code == "RA1" && l.Level == Section.Primary);
        Assert.Equal((0.2040m, 0.0465m), (decimal.Round(ra1.Today!.Value, 4), decimal.Round(ra1.Scenario!.Value, 4)));
        // On a year the school has no enrolment for, the change no longer applies: 409 naming it.
        var stale = await client.GetAsync($"{url}/run?year=2025", Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changes[0].level", (await stale.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var export = await client.GetAsync($"{url}/export", Ct);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var exported = await export.Content.ReadAsStringAsync(Ct);
        var copy = await client.PutAsync($"/api/counties/{county}/scenarios/copy", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        Assert.Equal(2, (await client.GetApiAsync<SavedScenarioApi.SavedScenarioSummary[]>($"/api/counties/{county}/scenarios"))!.Length);

        // What cannot apply, or has no name, is not saved.
        await ProblemAssert.FieldRefusedAsync(await client.PutAsJsonAsync($"/api/counties/{county}/scenarios/bad",
            new { year = 2026, changes = new[] { new { kind = "teachers", school = "9999999999", level = "primary", teachers = "qualified", count = 3 } } }, Ct),
            "changes[0].school");
        await ProblemAssert.FieldRefusedAsync(await client.PutAsJsonAsync($"/api/counties/{county}/scenarios/%E2%80%8B", body, Ct), "name");
        await ProblemAssert.FieldRefusedAsync(await client.PutAsJsonAsync($"/api/counties/{county}/scenarios/noyear", new { changes = body.changes }, Ct), "year");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(url, Ct)).StatusCode);
        Assert.Equal("copy", Assert.Single((await client.GetApiAsync<SavedScenarioApi.SavedScenarioSummary[]>($"/api/counties/{county}/scenarios"))!).Name);
    }
}
