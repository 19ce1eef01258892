using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using Microsoft.AspNetCore.Mvc;
using static EduPlatform.Facilities.Apis.LayoutPlanApi;
using static EduPlatform.Facilities.Apis.ProcedureApi;
using static EduPlatform.Facilities.Apis.SchoolApi;
using static EduPlatform.Facilities.Tests.Rows;

namespace EduPlatform.Facilities.Tests;

public sealed class ProcedureApiTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Step, string Date)[] FiveSteps =
        [("plan", "2026-03-02"), ("assessment", "2026-03-20"), ("publicity", "2026-04-10"), ("hearing", "2026-05-06"), ("approval", "2026-06-15")];

    private Task<string> CountyAsync() => new Clerk(_client).CountyWithSchoolsAsync(
        (SchoolType.TeachingPoint, Location.Rural, false), (SchoolType.NineYear, Location.Town, true), (SchoolType.Primary, Location.Town, false));

    private async Task<Guid> OpenAsync(string school, string kind, string? receiving = null)
    {
        var response = await _client.PostAsJsonAsync($"/api/schools/{school}/procedures", new { kind, receivingSchoolCode = receiving }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadApiAsync<ProcedureDto>())!.Id;
    }

    private Task<HttpResponseMessage> StepAsync(Guid id, string step, string date) =>
        _client.PutAsJsonAsync($"/api/procedures/{id}/steps/{Uri.EscapeDataString(step)}",
            new { date, documentReference = $"X县教〔2026〕{date}号" }, Ct);

    private async Task AllStepsAsync(Guid id)
    {
        foreach (var (step, date) in FiveSteps)
        {
            Assert.Equal(HttpStatusCode.OK, (await StepAsync(id, step, date)).StatusCode);
        }
    }

    private Task<HttpResponseMessage> CompleteAsync(Guid id, string date = "2026-08-31") =>
        _client.PutAsJsonAsync($"/api/procedures/{id}/completion", new { effectiveDate = date }, Ct);

    [Fact]
    public async Task A_closure_runs_its_five_steps_in_order_then_closes_the_school_and_every_step_is_announced()
    {
        var county = await CountyAsync();
        string point = School(county, 1), receiving = School(county, 2);
        var id = await OpenAsync(point, "closure", receiving);

        var outOfOrder = await StepAsync(id, "hearing", "2026-03-02");
        var first = await StepAsync(id, "制定方案", "2026-03-02");
        var again = await StepAsync(id, "plan", "2026-03-02");
        var backdated = await StepAsync(id, "assessment", "2026-02-01");
        var early = await CompleteAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, outOfOrder.StatusCode);
        Assert.Contains("the next step is 制定方案 (plan), not 听证", (await outOfOrder.Content.ReadApiAsync<ProblemDetails>())!.Detail);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, backdated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("missing: 论证, 公示, 听证, 报批", (await early.Content.ReadApiAsync<ProblemDetails>())!.Detail);

        foreach (var (step, date) in FiveSteps.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, (await StepAsync(id, step, date)).StatusCode);
        }
        var completed = await CompleteAsync(id);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(SchoolStatus.Closed, (await _client.GetApiAsync<SchoolDto>($"/api/schools/{point}"))!.Status);
        var steps = await factory.Events.WaitForAsync<ProcedureStepRecorded>(e => e.ProcedureId == id, count: 5);
        Assert.Equal([1, 2, 3, 4, 5], steps.Select(s => s.StepNumber).Order());
        Assert.Equal(5, steps.Count); // the repeated step was not announced again
        var done = Assert.Single(await factory.Events.WaitForAsync<ProcedureCompleted>(e => e.ProcedureId == id));
        Assert.Equal((receiving, new DateOnly(2026, 8, 31), new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 15)),
            (done.ReceivingSchoolCode, done.EffectiveDate, done.PlanDate, done.ApprovalDate));
        await factory.Events.WaitForAsync<SchoolRecorded>(e => e.SchoolCode == point && e.Status == SchoolStatus.Closed && e.Version == 2);

        // A closed school files nothing more.
        var late = await _client.PutAsJsonAsync($"/api/schools/{point}/years/2026/classes",
            new { classes = new[] { new { grade = 1, number = 1, students = 8 } } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_closure_waits_until_the_receiving_school_operates()
    {
        var county = await CountyAsync();
        string point = School(county, 1), receiving = School(county, 2), third = School(county, 3);
        var closePoint = await OpenAsync(point, "closure", receiving);
        await AllStepsAsync(closePoint);
        // Meanwhile the receiving school itself is closed into the third one.
        var closeReceiving = await OpenAsync(receiving, "closure", third);
        await AllStepsAsync(closeReceiving);
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync(closeReceiving)).StatusCode);

        var refused = await CompleteAsync(closePoint);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("先建后撤", (await refused.Content.ReadApiAsync<ProblemDetails>())!.Detail);
        Assert.Equal(SchoolStatus.Operating, (await _client.GetApiAsync<SchoolDto>($"/api/schools/{point}"))!.Status);
    }

    [Fact]
    public async Task A_closed_school_is_restored_the_same_way_and_conflicting_procedures_are_refused()
    {
        var county = await CountyAsync();
        string point = School(county, 1), receiving = School(county, 2);
        var restoringOperating = await _client.PostAsJsonAsync($"/api/schools/{point}/procedures", new { kind = "restoration" }, Ct);
        var noReceiving = await _client.PostAsJsonAsync($"/api/schools/{point}/procedures", new { kind = "closure" }, Ct);
        var closure = await OpenAsync(point, "closure", receiving);
        var second = await _client.PostAsJsonAsync($"/api/schools/{point}/procedures", new { kind = "closure", receivingSchoolCode = receiving }, Ct);
        await AllStepsAsync(closure);
        await CompleteAsync(closure);

        var restoration = await OpenAsync(point, "restoration");
        await AllStepsAsync(restoration);
        var restored = await CompleteAsync(restoration, "2026-09-01");

        Assert.Equal(HttpStatusCode.Conflict, restoringOperating.StatusCode);
        await ProblemAssert.FieldRefusedAsync(noReceiving, "receivingSchoolCode");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var history = await _client.GetApiAsync<SchoolHistoryDto>($"/api/schools/{point}/history");
        Assert.Equal(["registered", "closed (撤并)", "restored (恢复办学)"], history!.Registry.Select(h => h.Reason));
        Assert.Equal(SchoolStatus.Operating, history.School.Status);
        Assert.Equal([ProcedureKind.Closure, ProcedureKind.Restoration], history.Procedures.Select(p => p.Kind));
    }

    [Fact]
    public async Task The_layout_plan_shows_each_closures_progress_and_the_same_plan_twice_changes_nothing()
    {
        var county = await CountyAsync();
        string point = School(county, 1), receiving = School(county, 2), third = School(county, 3);
        object Plan(string document) => new
        {
            documentReference = document,
            items = new object[]
            {
                new { schoolCode = point, action = "merge-close", targetYear = 2027 },
                new { schoolCode = receiving, action = "保留", targetYear = 2027 },
                new { schoolCode = third, action = "keep", targetYear = 2027 },
                new { plannedName = "城东新区小学", action = "build", targetYear = 2028, plannedLocation = "urban", plannedType = "primary" },
            },
        };
        var adopted = await _client.PutAsJsonAsync($"/api/counties/{county}/layout-plan", Plan("X县政〔2026〕8号"), Ct);
        var repeated = await _client.PutAsJsonAsync($"/api/counties/{county}/layout-plan", Plan("X县政〔2026〕8号"), Ct);
        var closure = await OpenAsync(point, "closure", receiving);
        await StepAsync(closure, "plan", "2026-03-02");

        var plan = await _client.GetApiAsync<PlanDto>($"/api/counties/{county}/layout-plan");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (adopted.StatusCode, repeated.StatusCode));
        Assert.Equal(1, plan!.Version);
        Assert.Equal(["1 of 5 steps; next 论证", "kept", "kept", "planned"], plan.Items.Select(i => i.Progress));
        var recorded = Assert.Single(await factory.Events.WaitForAsync<LayoutPlanRecorded>(e => e.CountyCode == county));
        Assert.Equal((1L, 2, 1, 1, 0, 2028), (recorded.Version, recorded.Keep, recorded.Build, recorded.MergeClose, recorded.Restore, recorded.LastTargetYear));
    }

    [Fact]
    public async Task A_plan_naming_unknown_or_other_counties_schools_is_refused_row_by_row()
    {
        var other = await CountyAsync();
        var county = await CountyAsync();

        var response = await _client.PutAsJsonAsync($"/api/counties/{county}/layout-plan", new
        {
            items = new object[]
            {
                new { schoolCode = School(other, 1), action = "keep", targetYear = 2027 },
                new { schoolCode = "0000000000", action = "merge-close", targetYear = 2027 },
                new { action = "build", targetYear = 2027 },
                new { schoolCode = School(county, 1), action = "relocate", targetYear = 1990 },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Equal(["items[0].schoolCode", "items[1].schoolCode", "items[2].plannedLocation", "items[2].plannedName", "items[2].plannedType",
            "items[3].action", "items[3].targetYear"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/counties/{county}/layout-plan", Ct)).StatusCode);
    }
}
