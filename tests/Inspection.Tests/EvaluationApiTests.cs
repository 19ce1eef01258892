using System.Net;
using System.Net.Http.Json;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_close_interrupted_part_way_carries_on_where_it_stopped_and_says_how_far_it_has_got()
    {
        // The service stopped while closing: the round is marked closing and one county's snapshot is already taken.
        var announced = await factory.QueryAsync<InspectionDbContext, List<string>>(db => db.Counties.Select(c => c.Code).ToListAsync(Ct));
        var opened = await (await _client.PostAsJsonAsync("/api/evaluations", new OpenEvaluationRequest("mid-term", 2028, new DateOnly(2029, 1, 15)), Ct))
            .Content.ReadApiAsync<EvaluationDto>();
        var county = $"4399{Random.Shared.Next(10, 99)}";
        var earlier = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InspectionDbContext>();
            db.Counties.Add(new Registry.RegistryCounty { Code = county, Name = "中断县", Version = 1 });
            await db.SaveChangesAsync(Ct);
            var scorecards = scope.ServiceProvider.GetRequiredService<ScorecardService>();
            db.Snapshots.Add(new Domain.EvaluationSnapshot
            {
                RoundId = opened!.Id, CountyCode = county, FrozenAt = earlier,
                Scorecard = System.Text.Json.JsonSerializer.Serialize((await scorecards.ComputeAsync(county, 2028, Ct))!, scorecards.JsonOptions),
            });
            await db.SaveChangesAsync(Ct);
            await db.EvaluationRounds.Where(r => r.Id == opened.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.ClosingSince, DateTimeOffset.UtcNow), Ct);
        }
        var closing = await _client.GetApiAsync<EvaluationDetail>($"/api/evaluations/{opened!.Id}");
        if (closing!.Evaluation.Status == "closing")
        {
            // Nothing partial is shown while it closes.
            Assert.Empty(closing.Counties);
            Assert.Equal(HttpStatusCode.Conflict, (await _client.GetAsync($"/api/evaluations/{opened.Id}/export.csv", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await _client.GetAsync($"/api/evaluations/{opened.Id}/counties/{county}", Ct)).StatusCode);
        }

        await Poll.UntilAsync(async () => (await _client.GetApiAsync<EvaluationDetail>($"/api/evaluations/{opened.Id}"))!.Evaluation.Status == "closed",
            TimeSpan.FromSeconds(30), "the interrupted close was never finished");
        var closed = await _client.GetApiAsync<EvaluationDetail>($"/api/evaluations/{opened.Id}");
        Assert.Equal(announced.Count + 1, closed!.CountiesFrozen);
        Assert.Equal(closed.CountiesTotal, closed.CountiesFrozen);
        // The snapshot taken before the interruption is kept, not taken again.
        Assert.Equal(earlier, await factory.QueryAsync<InspectionDbContext, DateTimeOffset>(db =>
            db.Snapshots.Where(s => s.RoundId == opened.Id && s.CountyCode == county).Select(s => s.FrozenAt).SingleAsync(Ct)));
    }
}
