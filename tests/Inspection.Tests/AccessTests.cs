using System.Net;
using System.Net.Http.Json;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Tests;

/// <summary>Inspectors read and record verdicts; only a city administrator opens an evaluation (README, "Access").</summary>
public sealed class AccessTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    private static HttpRequestMessage Verdict(string county) => new(HttpMethod.Put, $"/api/counties/{county}/years/2025/verdicts/GG1")
    {
        Content = JsonContent.Create(new { met = true, documentReference = "县政府〔2025〕12号", inspector = "王督学" }),
    };

    [Fact]
    public async Task Verdicts_are_recorded_by_inspectors_only_and_a_refused_one_changes_nothing()
    {
        var (county, _, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2025);
        Task<string> Verdicts() => factory.QueryAsync<InspectionDbContext, string>(async db =>
            (await db.Verdicts.CountAsync(v => v.CountyCode == county, Ct)).ToString());
        (string Who, string? Token, HttpStatusCode Expected)[] callers =
        [
            ("no token", null, HttpStatusCode.Unauthorized),
            ("an expired inspector's token", TestTokens.Issue("inspection", roles: ["inspector"], expired: true), HttpStatusCode.Unauthorized),
            ("a forged inspector's token", TestTokens.Issue("inspection", roles: ["inspector"], forged: true), HttpStatusCode.Unauthorized),
            ("a facilities clerk", TestTokens.Issue("facilities"), HttpStatusCode.Forbidden),
            ("the county's own welfare office", TestTokens.Issue("welfare", county: county), HttpStatusCode.Forbidden),
            ("a city administrator", TestTokens.Issue("city", roles: ["admin"]), HttpStatusCode.Forbidden),
        ];
        await AccessAssert.RefusedAsync(factory, () => Verdict(county), callers, Verdicts);
        Assert.Equal("0", await Verdicts());

        using var inspector = factory.CreateClient(TestTokens.Issue("inspection", roles: ["inspector"], subject: "王督学"));
        (await inspector.SendAsync(Verdict(county), Ct)).EnsureSuccessStatusCode();
        Assert.Equal("1", await Verdicts());
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/api/counties/{county}/years/2025/scorecard", Ct)).StatusCode);
        await ProblemAssert.FieldRefusedAsync(await inspector.GetAsync($"/api/counties/{county}/submissions?limit=1001", Ct), "limit");
    }

    [Fact]
    public async Task Only_a_city_administrator_opens_an_evaluation()
    {
        using var inspector = factory.CreateClient(TestTokens.Issue("inspection", roles: ["inspector"]));
        using var admin = factory.CreateClient(TestTokens.Issue("city", roles: ["admin"]));
        var request = new { kind = "final", schoolYear = 2031, asOf = "2032-07-01" };

        var refused = await inspector.PostAsJsonAsync("/api/evaluations", request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("admin", await refused.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("2031", await inspector.GetStringAsync("/api/evaluations", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsync("/api/read-models/rebuild", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/evaluations", request, Ct)).StatusCode);
        Assert.Contains("2031", await inspector.GetStringAsync("/api/evaluations", Ct));
    }

    [Fact]
    public async Task A_scenario_is_saved_by_any_valid_token_for_its_own_county_and_a_refused_one_stores_nothing()
    {
        var (county, _, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2025);
        Task<string> Saved() => factory.QueryAsync<InspectionDbContext, string>(async db =>
            (await db.SavedScenarios.CountAsync(s => s.CountyCode == county, Ct)).ToString());
        HttpRequestMessage Save() => new(HttpMethod.Put, $"/api/counties/{county}/scenarios/plan")
        {
            Content = JsonContent.Create(new { year = 2025, changes = Array.Empty<object>() }),
        };
        (string Who, string? Token, HttpStatusCode Expected)[] callers =
        [
            ("no token", null, HttpStatusCode.Unauthorized),
            ("a forged inspector's token", TestTokens.Issue("inspection", roles: ["inspector"], forged: true), HttpStatusCode.Unauthorized),
            ("another county's welfare office", TestTokens.Issue("welfare", county: "999998"), HttpStatusCode.Forbidden),
        ];
        await AccessAssert.RefusedAsync(factory, Save, callers, Saved);
        Assert.Equal("0", await Saved());

        // The county's own education bureau plans for itself; an inspector may delete what it saved.
        using var office = factory.CreateClient(TestTokens.Issue("welfare", county: county, subject: "县教育局"));
        Assert.Equal(HttpStatusCode.Created, (await office.SendAsync(Save(), Ct)).StatusCode);
        using var inspector = factory.CreateClient(TestTokens.Issue("inspection", roles: ["inspector"]));
        var listed = await inspector.GetStringAsync($"/api/counties/{county}/scenarios", Ct);
        Assert.Contains("县教育局", listed);
        Assert.Equal(HttpStatusCode.NoContent, (await inspector.DeleteAsync($"/api/counties/{county}/scenarios/plan", Ct)).StatusCode);
        Assert.Equal("0", await Saved());
    }
}
