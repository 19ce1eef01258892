using System.Net;
using System.Net.Http.Json;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Inspection.Apis.EvaluationApi;

namespace EduPlatform.Inspection.Tests;

public sealed class EvaluationApiTests(InspectionFactory factory) : IClassFixture<InspectionFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Health_reports_database_broker_and_redis_ready() =>
        factory.AssertHealthyAsync("inspection-db", "masstransit-bus", "redis");

    [Fact]
    public async Task Opened_evaluation_is_listed_and_the_cached_list_follows_the_next_write()
    {
        var before = await _client.GetFromJsonAsync<EvaluationDto[]>("/api/evaluations", Ct); // fills the cache
        var created = await _client.PostAsJsonAsync("/api/evaluations", new OpenEvaluationRequest("mid-term", 2026, new DateOnly(2027, 1, 15)), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var after = await _client.GetFromJsonAsync<EvaluationDto[]>("/api/evaluations", Ct);
        Assert.DoesNotContain(before!, e => e.SchoolYear == 2026 && e.Kind == "mid-term");
        var round = Assert.Single(after!, e => e.SchoolYear == 2026 && e.Kind == "mid-term");
        Assert.Equal(new DateOnly(2027, 1, 15), round.AsOf);
        Assert.Null(round.ClosedAt);
    }

    [Fact]
    public async Task Second_round_of_the_same_kind_and_year_is_a_409()
    {
        var request = new OpenEvaluationRequest("final", 2030, new DateOnly(2031, 6, 30));
        await _client.PostAsJsonAsync("/api/evaluations", request, Ct);
        var second = await _client.PostAsJsonAsync("/api/evaluations", request, Ct);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await factory.QueryAsync<InspectionDbContext, int>(db =>
            db.EvaluationRounds.CountAsync(r => r.SchoolYear == 2030, Ct)));
    }

    [Fact]
    public async Task Unknown_kind_is_refused_naming_the_field()
    {
        var response = await _client.PostAsJsonAsync("/api/evaluations", new OpenEvaluationRequest("annual", 2029, new DateOnly(2030, 1, 1)), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "kind");
        Assert.False(await factory.QueryAsync<InspectionDbContext, bool>(db => db.EvaluationRounds.AnyAsync(r => r.SchoolYear == 2029, Ct)));
    }
}
