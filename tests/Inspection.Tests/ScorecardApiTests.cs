using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Funding;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Consumers;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static EduPlatform.Inspection.Apis.EvaluationApi;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// A county of two primary schools fed by the departments' events: the town school of 60 students with
/// 300 m² of teaching rooms, 2,500 元 of equipment a student and a music and an art room; the rural
/// school of 40 with 160 m², 2,000 元 a student, no special rooms and an 8 Mbps line.
/// </summary>
internal static class TwoSchoolCounty
{
    public static async Task<(string County, string Town, string Rural)> PublishAsync(InspectionFactory factory, EventCollector bus, int year)
    {
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, bus,
            (SchoolType.Primary, Location.Town, false), (SchoolType.Primary, Location.Rural, false));
        string town = RegistryAnnouncer.School(county, 1), rural = RegistryAnnouncer.School(county, 2);
        var now = DateTimeOffset.UtcNow;
        int[] grades = [1, 2, 3, 4, 5, 6], none = [0, 0, 0, 0, 0, 0];
        await bus.PublishAsync(new EnrolmentReported(town, county, year, Section.Primary, 1, grades, [10, 10, 10, 10, 10, 10], none, none, none, none,
            none, none, none, none, now));
        await bus.PublishAsync(new EnrolmentReported(rural, county, year, Section.Primary, 1, grades, [7, 7, 7, 7, 6, 6], none, none, none, none,
            none, none, none, none, now));
        await bus.PublishAsync(new FacilityReturnRecorded(town, county, year, Section.Primary, 1, false, 300m, 600m, 0m, 150_000m, 2, 10, 3000,
            [96m], [90m], 100m, 6, 6, 6, 61, now));
        await bus.PublishAsync(new FacilityReturnRecorded(rural, county, year, Section.Primary, 1, false, 160m, 400m, 0m, 80_000m, 1, 4, 1600,
            [], [], 8m, 2, 2, 2, 40, now));
        await bus.PublishAsync(new ClassesReported(town, county, year, Section.Primary, 1, grades, [10, 10, 10, 10, 10, 10], now));
        await bus.PublishAsync(new ClassesReported(rural, county, year, Section.Primary, 1, [1, 2], [20, 20], now));
        return (county, town, rural);
    }

    /// <summary>Every event has arrived: both schools enrolled with a facility return and classes (no teacher is expected).</summary>
    public static bool Complete(Scorecard card) =>
        card.DataQuality.All(i => i.Kind == "no-teachers") && Lines(card)["ra/primary"].Inputs["schools in scope"] == 2
        && Lines(card)["PL5"].Inputs["schools reporting"] == 2;

    /// <summary>A full-precision value rounded as a display shows it, to compare with a hand-worked figure.</summary>
    public static decimal? R(decimal? value, int decimals) => value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;

    public static Dictionary<string, ScorecardLine> Lines(Scorecard card) =>
        card.Groups.SelectMany(g => g.Lines).ToDictionary(l => l.Level is { } level ? $"{l.Code}/{level}".ToLowerInvariant() : l.Code);
}

public sealed class ScorecardApiTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    private async Task<Scorecard> ScorecardWhenAsync(string county, int year, Func<Scorecard, bool> ready, string failure)
    {
        Scorecard card = null!;
        await Poll.UntilAsync(async () => ready(card = (await _client.GetApiAsync<Scorecard>($"/api/counties/{county}/years/{year}/scorecard"))!),
            TimeSpan.FromSeconds(30), failure);
        return card;
    }

    /// <summary>Reads the scorecard until Redis holds it (a read that raced the refresh of the last events is not stored; the next one is).</summary>
    private async Task ReadUntilCachedAsync(string county, int year)
    {
        var redis = factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await Poll.UntilAsync(async () => await _client.GetStringAsync($"/api/counties/{county}/years/{year}/scorecard", Ct) is not null
            && await redis.HashExistsAsync(factory.Services.GetRequiredService<ScorecardCache>().Hash(county), year), TimeSpan.FromSeconds(60),
            "the scorecard was never cached");
    }

    [Fact]
    public async Task Progress_gives_each_countys_totals_and_the_events_consumed()
    {
        var (county, _, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2023);
        // Town 6 × 10 students and rural 40; six classes and two; one facility return each.
        var expected = new YearProgress(2023, 100, 8, 2, 0m, 0, 0, 0, 0, 0);
        ReadModelProgress progress = null!;
        await Poll.UntilAsync(async () =>
        {
            progress = (await _client.GetApiAsync<ReadModelProgress>("/api/read-models/progress"))!;
            return progress.Counties.SingleOrDefault(c => c.CountyCode == county)?.Years.SingleOrDefault() == expected;
        }, TimeSpan.FromSeconds(30), "the county's totals never reached the expected ones");

        var totals = progress.Counties.Single(c => c.CountyCode == county);
        Assert.Equal((2, 0, 0, 0), (totals.Schools, totals.Teachers, totals.Training, totals.Honours));
        Assert.True(progress.ConsumedEvents >= 8, $"{progress.ConsumedEvents} events");
        Assert.NotNull(progress.LastConsumedAt);
    }

    [Fact]
    public async Task Subsidies_count_only_in_terms_that_have_begun()
    {
        // The same coverage (autumn all paid, spring nobody paid) for a past year and for a year whose terms have not begun.
        const string subsidised = "poor students subsidised in full %";
        var past = DateTime.UtcNow.Year - 2;
        var future = DateTime.UtcNow.Year + 2;
        var lines = new Dictionary<int, Dictionary<string, ScorecardLine>>();
        foreach (var year in new[] { past, future })
        {
            var (county, town, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, year);
            foreach (var (term, paid) in new[] { (1, 10), (2, 0) })
            {
                await _bus.PublishAsync(new SubsidyCoverageReported(town, county, year, term, 1, 10, paid, paid, 5000m, paid * 500m, DateTimeOffset.UtcNow));
            }
            // The spring term's coverage is the last event: once it counts (or the year's classes are in), all has arrived.
            lines[year] = TwoSchoolCounty.Lines(await ScorecardWhenAsync(county, year, c => TwoSchoolCounty.Complete(c)
                && (year == future || TwoSchoolCounty.Lines(c)["PL11"].Inputs.GetValueOrDefault(subsidised) == 50m), "the subsidies never arrived"));
        }

        Assert.Equal(50m, lines[past]["PL11"].Inputs[subsidised]);
        Assert.DoesNotContain(subsidised, lines[future]["PL11"].Inputs.Keys);
    }

    [Fact]
    public async Task Scorecard_figures_match_a_hand_computation_and_follow_a_later_event_through_the_cache()
    {
        var (county, town, rural) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2026);

        var card = await ScorecardWhenAsync(county, 2026, TwoSchoolCounty.Complete, "the events never reached the scorecard");
        var lines = TwoSchoolCounty.Lines(card);

        // RA4: X̄ = 460 ÷ 100 = 4.6; S² = 0.6 × (5 − 4.6)² + 0.4 × (4 − 4.6)² = 0.24; CV = √0.24 ÷ 4.6 = 0.1065.
        Assert.Equal((0.1065m, 0.50m, Status.Met), (TwoSchoolCounty.R(lines["ra4/primary"].Value, 4), lines["ra4/primary"].Threshold, lines["ra4/primary"].Status));
        Assert.Equal(4.6m, lines["ra4/primary"].Inputs["county value (Σ quantity ÷ Σ students)"]);
        // RA6 has the same shape: 2,500 and 2,000 around 2,300. RA5 is 10 m² at both: no spread.
        Assert.Equal(0.1065m, TwoSchoolCounty.R(lines["ra6/primary"].Value, 4));
        Assert.Equal(0m, lines["ra5/primary"].Value);
        // No teacher yet: RA1 has X̄ = 0, so no CV, and neither school passes 6 of 7.
        Assert.Equal(Status.NoData, lines["ra1/primary"].Status);
        Assert.Equal((0m, 2m, Status.NotMet), (lines["ra/primary"].Value, lines["ra/primary"].Threshold, lines["ra/primary"].Status));
        // GG3: the rural school has 2 classes and needs a music and an art room.
        Assert.Equal((1m, 2m, Status.NotMet), (lines["GG3"].Value, lines["GG3"].Threshold, lines["GG3"].Status));
        Assert.Equal([rural], lines["GG3"].SchoolsAtFault);
        Assert.Equal(Status.Met, lines["GG5"].Status);
        // PL5: one of two schools at ≥ 10 Mbps.
        Assert.Equal((50m, Status.NotMet), (lines["PL5"].Value, lines["PL5"].Status));
        Assert.Equal(Status.NotMet, card.Verdict);
        Assert.Contains("GG3", card.Failing);
        Assert.Contains("GG1", card.NoData);                                           // no inspector's verdict yet
        Assert.Contains(card.DataQuality, i => i.SchoolCode == town && i.Kind == "no-teachers");

        // The scorecard is now cached; a class of 58 arrives and the cached copy is refreshed.
        await ReadUntilCachedAsync(county, 2026);
        await _bus.PublishAsync(new ClassesReported(town, county, 2026, Section.Primary, 2, [1, 2, 3, 4, 5, 6], [10, 10, 10, 10, 10, 58],
            DateTimeOffset.UtcNow));
        var after = await ScorecardWhenAsync(county, 2026, c => TwoSchoolCounty.Lines(c)["GG5"].Status == Status.NotMet,
            "the cached scorecard never followed the new class list");
        Assert.Equal([town], TwoSchoolCounty.Lines(after)["GG5"].SchoolsAtFault);

        var city = await _client.GetApiAsync<CityRanking>("/api/years/2026/scorecards");
        Assert.Contains(city!.Counties, c => c.CountyCode == county && c.Verdict == Status.NotMet && c.Failing.Contains("GG5"));
        Assert.Equal(Enumerable.Range(1, city.Counties.Length), city.Counties.Select(c => c.Rank));

        var school = await _client.GetAsync($"/api/counties/{county}/years/2026/schools/{rural}", Ct);
        Assert.Contains("\"GG3\"", await school.Content.ReadAsStringAsync(Ct));
        var csv = await _client.GetStringAsync($"/api/counties/{county}/years/2026/scorecard.csv", Ct);
        Assert.Contains($"{county},测试县{county},2026,not-met,government-guarantee,GG5,,班额", csv);
    }

    [Fact]
    public async Task A_school_drill_down_reads_only_its_school_and_says_what_the_county_load_says_of_it()
    {
        var (county, town, rural) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2026);
        var now = DateTimeOffset.UtcNow;
        // Funds allocated to the town school only: the rural school's allocation is then a reported 0, not a missing report,
        // which only the county's rows can tell.
        await _bus.PublishAsync(new SchoolFundingAssessed(town, county, 2026, 1, 60, 0, 0, 60, 39_000m, 39_000m, 0, 0, 1_000m, 1_000m, 0, now));
        await _bus.PublishAsync(new SchoolFundingAssessed(rural, county, 2026, 1, 40, 0, 0, 100, 65_000m, 0, 0, 0, 1_000m, 0, 65_000m, now));
        await _bus.PublishAsync(new TeacherRecorded(Guid.NewGuid(), TeacherChange.Hired, rural, county, Section.Primary, true, [Subject.Music],
            Qualification.Bachelor, Rank.First, BackboneLevel.County, true, 3, 90_000m, true, 1, now));
        await ScorecardWhenAsync(county, 2026, c => TwoSchoolCounty.Lines(c)["GG6"].Status != Status.NoData
            && !c.DataQuality.Any(i => i.SchoolCode == rural && i.Kind == "no-teachers"), "the funding and the teacher never reached the scorecard");

        await using var scope = factory.Services.CreateAsyncScope();
        var facts = (await CountyYearLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<InspectionDbContext>(), county, 2026, Standards.Default,
            DateOnly.FromDateTime(DateTime.UtcNow), Ct))!;
        string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, ApiJson.Options);
        foreach (var school in new[] { town, rural })
        {
            var drill = (await _client.GetApiAsync<Apis.IndicatorApi.SchoolDrillDown>($"/api/counties/{county}/years/2026/schools/{school}"))!;
            Assert.Equal(Json(facts.Schools.Single(s => s.Code == school)), Json(drill.Facts));
            Assert.Equal(Json(facts.Sections.Where(s => s.SchoolCode == school)), Json(drill.Sections));
            Assert.Equal(Json(ResourceIndicators.Evaluate(Section.Primary, facts.Sections, Standards.Default.Resources).SchoolResults
                .Where(r => r.SchoolCode == school)), Json(drill.ResourceValues));
        }
        Assert.Equal(0m, (await _client.GetApiAsync<Apis.IndicatorApi.SchoolDrillDown>($"/api/counties/{county}/years/2026/schools/{rural}"))!
            .Facts.PublicFundsAllocated);
        foreach (var unknown in new[] { "9999999999", rural + "9", rural[..9], Uri.EscapeDataString(rural + " ") })
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.GetAsync($"/api/counties/{county}/years/2026/schools/{unknown}", Ct)).StatusCode);
        }
        // A county code with a trailing space or a digit too many is malformed, not the county (the database compares char(6)).
        foreach (var malformed in new[] { Uri.EscapeDataString(county + " "), county + "1", "13O681" })
        {
            var refused = await _client.GetAsync($"/api/counties/{malformed}/years/2026/schools/{rural}", Ct);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"county\"", await refused.Content.ReadAsStringAsync(Ct));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await _client.GetAsync($"/api/counties/{malformed}/years/2026/scorecard", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_county_asked_for_at_once_after_a_refresh_is_computed_once()
    {
        const int year = 2025;
        var (county, _, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, year);
        await ScorecardWhenAsync(county, year, TwoSchoolCounty.Complete, "the events never reached the scorecard");
        await Poll.UntilAsync(async () => await factory.QueryAsync<InspectionDbContext, int>(db => db.CountyChanges.CountAsync(Ct)) == 0,
            TimeSpan.FromSeconds(30), "the refresher never took the county's changes in");
        var computations = factory.Services.GetRequiredService<RankingComputations>();
        await factory.Services.GetRequiredService<ScorecardCache>().InvalidateAsync(county);
        var before = computations.TimesComputed(county, year);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.GetByteArrayAsync($"/api/counties/{county}/years/{year}/scorecard", Ct)));

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(before + 1, computations.TimesComputed(county, year));
    }

    [Fact]
    public async Task A_ranking_asked_for_at_once_is_computed_alike_and_kept_computed_after_a_change()
    {
        const int year = 2025;
        var (county, town, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, year);
        await ScorecardWhenAsync(county, year, TwoSchoolCounty.Complete, "the events never reached the scorecard");
        var redis = factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var city = factory.Services.GetRequiredService<ScorecardCache>().Hash(ScorecardCache.City);
        await redis.KeyDeleteAsync(city);

        // Cold, eight at once: one computation, one answer.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.GetByteArrayAsync($"/api/years/{year}/scorecards", Ct)));
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Contains(System.Text.Json.JsonSerializer.Deserialize<CityRanking>(answers[0], ApiJson.Options)!.Counties, c => c.CountyCode == county && !c.Failing.Contains("GG5"));
        await Poll.UntilAsync(async () => await redis.HashExistsAsync(city, year), TimeSpan.FromSeconds(60), "the ranking was never cached");

        // A change to the county: nobody asks for the ranking again, yet the cache holds it recomputed.
        await _bus.PublishAsync(new ClassesReported(town, county, year, Section.Primary, 2, [1, 2, 3, 4, 5, 6], [10, 10, 10, 10, 10, 58],
            DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () => (byte[]?)await redis.HashGetAsync(city, year) is { } cached
                && System.Text.Json.JsonSerializer.Deserialize<CityRanking>(cached, ApiJson.Options)!.Counties.Any(c => c.CountyCode == county && c.Failing.Contains("GG5")),
            TimeSpan.FromSeconds(60), "the ranking read before the change was not recomputed by the refresher");
    }

    [Fact]
    public async Task First_verdicts_and_imports_sent_at_once_all_succeed_and_one_of_each_is_kept()
    {
        var (county, _, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2025);
        var verdicts = Enumerable.Range(1, 6).Select(i => _client.PutAsJsonAsync($"/api/counties/{county}/years/2025/verdicts/GG1",
            new { met = i % 2 == 0, documentReference = $"县政府〔2025〕{i}号", inspector = "王督学" }, Ct));
        // A monitoring and a survey import of the same county and year write the same row.
        var imports = Enumerable.Range(1, 3).SelectMany(i => new[]
        {
            _client.PutAsJsonAsync("/api/years/2025/monitoring-results", new[] { new { countyCode = county, subjects = new[] { "语文" },
                levels = new[] { 3m }, differenceRate = 0.1m, documentReference = $"监测{i}" } }, Ct),
            _client.PutAsJsonAsync("/api/years/2025/survey-results", new[] { new { countyCode = county, satisfactionPercent = 90m,
                respondents = 1000 + i, documentReference = $"调查{i}" } }, Ct),
        });

        var responses = await Task.WhenAll(verdicts.Concat(imports));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var (verdictRows, importRows) = await factory.QueryAsync<InspectionDbContext, (int, int)>(async db =>
            (await db.Verdicts.CountAsync(v => v.CountyCode == county && v.Year == 2025, Ct), await db.Imports.CountAsync(i => i.CountyCode == county && i.Year == 2025, Ct)));
        Assert.Equal((1, 1), (verdictRows, importRows));
    }

    [Fact]
    public async Task Verdicts_and_imported_results_reach_the_scorecard_and_bad_ones_change_nothing()
    {
        var (county, _, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2025);

        await ProblemAssert.FieldRefusedAsync(await _client.GetAsync($"/api/counties/{county}/years/1999/scorecard", Ct), "year");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/counties/999999/years/2025/scorecard", Ct)).StatusCode);
        var wrongCode = await _client.PutAsJsonAsync($"/api/counties/{county}/years/2025/verdicts/GG3",
            new { met = true, documentReference = "doc", inspector = "王督学" }, Ct);
        await ProblemAssert.FieldRefusedAsync(wrongCode, "code");
        var noDocument = await _client.PutAsJsonAsync($"/api/counties/{county}/years/2025/verdicts/GG1", new { met = true, inspector = "王督学" }, Ct);
        await ProblemAssert.FieldRefusedAsync(noDocument, "documentReference");
        var badLevel = await _client.PutAsJsonAsync("/api/years/2025/monitoring-results",
            new[] { new { countyCode = county, subjects = new[] { "语文", "数学" }, levels = new[] { 3m, 5m }, differenceRate = 0.1m, documentReference = "监测" } }, Ct);
        await ProblemAssert.FieldRefusedAsync(badLevel, "results[0].levels");
        Assert.False(await factory.QueryAsync<InspectionDbContext, bool>(async db =>
            await db.Verdicts.AnyAsync(v => v.CountyCode == county, Ct) || await db.Imports.AnyAsync(i => i.CountyCode == county, Ct)));

        // Read and cached before: what the inspector records shows in the very next read, not once the refresher has passed.
        await ScorecardWhenAsync(county, 2025, TwoSchoolCounty.Complete, "the events never reached the scorecard");
        await ReadUntilCachedAsync(county, 2025);
        (await _client.PutAsJsonAsync($"/api/counties/{county}/years/2025/verdicts/GG1",
            new { met = true, documentReference = "县政府〔2025〕12号", inspector = "王督学" }, Ct)).EnsureSuccessStatusCode();
        var recorded = TwoSchoolCounty.Lines((await _client.GetApiAsync<Scorecard>($"/api/counties/{county}/years/2025/scorecard"))!)["GG1"];
        Assert.Equal(Status.Met, recorded.Status);
        (await _client.PutAsJsonAsync("/api/years/2025/monitoring-results",
            new[] { new { countyCode = county, subjects = new[] { "语文", "数学" }, levels = new[] { 3m, 4m }, differenceRate = 0.12m, documentReference = "监测报告" } }, Ct))
            .EnsureSuccessStatusCode();
        var survey = new StringContent($"countyCode,satisfactionPercent,respondents,documentReference\n{county},80.5,1200,满意度调查\n",
            System.Text.Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsync("/api/years/2025/survey-results", survey, Ct)).StatusCode);

        var card = (await _client.GetApiAsync<Scorecard>($"/api/counties/{county}/years/2025/scorecard"))!;
        var lines = TwoSchoolCounty.Lines(card);
        Assert.Equal((Status.Met, "县政府〔2025〕12号 (王督学)"), (lines["GG1"].Status, lines["GG1"].Evidence));
        Assert.Equal((0.12m, Status.Met), (lines["EQ9"].Value, lines["EQ9"].Status));
        Assert.Equal((80.5m, Status.NotMet), (lines["SR1"].Value, lines["SR1"].Status));
        Assert.Equal(["SR1"], card.Vetoes);
    }

    [Fact]
    public async Task A_closed_evaluation_never_changes_and_the_final_shows_the_change_from_the_mid_term()
    {
        var (county, town, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2024);
        await ScorecardWhenAsync(county, 2024, TwoSchoolCounty.Complete, "the events never reached the scorecard");

        // Data known on the as-of date counts: an evaluation as of a later date cannot be closed yet.
        var early = await (await _client.PostAsJsonAsync("/api/evaluations",
            new OpenEvaluationRequest("mid-term", 2099, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1)), Ct)).Content.ReadApiAsync<EvaluationDto>();
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsync($"/api/evaluations/{early!.Id}/close", null, Ct)).StatusCode);

        var midTerm = await (await _client.PostAsJsonAsync("/api/evaluations", new OpenEvaluationRequest("mid-term", 2024, new DateOnly(2025, 1, 15)), Ct))
            .Content.ReadApiAsync<EvaluationDto>();
        await CloseAsync(midTerm!.Id);
        var frozen = await _client.GetStringAsync($"/api/evaluations/{midTerm.Id}/counties/{county}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsync($"/api/evaluations/{midTerm.Id}/close", null, Ct)).StatusCode);

        // Later data changes the live scorecard, never the snapshot.
        await _bus.PublishAsync(new ClassesReported(town, county, 2024, Section.Primary, 2, [1, 2, 3, 4, 5, 6], [10, 10, 10, 10, 10, 58],
            DateTimeOffset.UtcNow));
        await ScorecardWhenAsync(county, 2024, c => TwoSchoolCounty.Lines(c)["GG5"].Status == Status.NotMet, "the live scorecard never changed");
        Assert.Equal(frozen, await _client.GetStringAsync($"/api/evaluations/{midTerm.Id}/counties/{county}", Ct));

        var final = await (await _client.PostAsJsonAsync("/api/evaluations", new OpenEvaluationRequest("final", 2024, new DateOnly(2025, 6, 30)), Ct))
            .Content.ReadApiAsync<EvaluationDto>();
        await CloseAsync(final!.Id);
        var compared = await _client.GetApiAsync<CountySnapshotDto>($"/api/evaluations/{final.Id}/counties/{county}");
        Assert.Equal(midTerm.Id, compared!.ComparedWith);
        var gg5 = Assert.Single(compared.Changes, c => c.Code == "GG5");
        Assert.Equal((Status.Met, Status.NotMet, 2m, 1m, -1m), (gg5.BeforeStatus, gg5.AfterStatus, gg5.Before, gg5.After, gg5.Change));

        var export = await _client.GetStringAsync($"/api/evaluations/{final.Id}/export.csv", Ct);
        Assert.Contains($"{county},测试县{county},2024,not-met,government-guarantee,GG5,,班额,class size,1,2,not-met,{town},,,2,met", export);
    }

    /// <summary>Asks to close, which answers 202 "closing" at once, and waits for "closed".</summary>
    private async Task CloseAsync(Guid id)
    {
        var accepted = await _client.PostAsync($"/api/evaluations/{id}/close", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/api/evaluations/{id}", accepted.Headers.Location?.OriginalString);
        Assert.Contains((await accepted.Content.ReadApiAsync<EvaluationDto>())!.Status, new[] { "closing", "closed" });
        await Poll.UntilAsync(async () => (await _client.GetApiAsync<EvaluationDetail>($"/api/evaluations/{id}"))!.Evaluation.Status == "closed",
            TimeSpan.FromSeconds(30), $"evaluation {id} never closed");
    }
}

/// <summary>Redis unreachable: scorecards are computed from the read models, and still right.</summary>
public sealed class ScorecardWithoutRedisTests(ScorecardWithoutRedisTests.NoRedisFactory factory)
    : IClassFixture<ScorecardWithoutRedisTests.NoRedisFactory>, IAsyncLifetime
{
    public sealed class NoRedisFactory(Servers servers) : InspectionFactory(servers)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Nothing listens on port 1; the client is told to keep trying instead of failing at start.
            builder.UseSetting($"ConnectionStrings:{EduPlatform.Kernel.ResourceNames.Redis}",
                "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200,asyncTimeout=200");
        }
    }

    private EventCollector _bus = null!;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task Scorecard_is_served_from_the_database()
    {
        var (county, _, rural) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2026);
        using var client = factory.CreateClient();

        Scorecard card = null!;
        await Poll.UntilAsync(async () =>
        {
            var response = await client.GetAsync($"/api/counties/{county}/years/2026/scorecard", TestContext.Current.CancellationToken);
            card = (await response.Content.ReadApiAsync<Scorecard>())!;
            return response.IsSuccessStatusCode && TwoSchoolCounty.Complete(card);
        }, TimeSpan.FromSeconds(30), "no scorecard without Redis");

        Assert.Equal(0.1065m, TwoSchoolCounty.R(TwoSchoolCounty.Lines(card)["ra4/primary"].Value, 4));
        Assert.Equal([rural], TwoSchoolCounty.Lines(card)["GG3"].SchoolsAtFault);
        // The service stays in rotation: degraded (slower), not unhealthy.
        var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"status\":\"Degraded\"", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>The read models rebuilt from the consumed-event log give the same scorecard.</summary>
public sealed class ReadModelRebuildTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task Replaying_the_consumed_events_restores_damaged_read_models()
    {
        var ct = TestContext.Current.CancellationToken;
        var (county, town, _) = await TwoSchoolCounty.PublishAsync(factory, _bus, 2026);
        // A later class list (revision 2) must win again on replay, as it did live.
        await _bus.PublishAsync(new ClassesReported(town, county, 2026, Section.Primary, 2, [1, 2, 3, 4, 5, 6], [10, 10, 10, 10, 10, 58],
            DateTimeOffset.UtcNow));
        using var client = factory.CreateClient();
        var url = $"/api/counties/{county}/years/2026/scorecard";
        string before = "";
        await Poll.UntilAsync(async () =>
        {
            before = await client.GetStringAsync(url, ct);
            var card = System.Text.Json.JsonSerializer.Deserialize<Scorecard>(before, ApiJson.Options)!;
            return TwoSchoolCounty.Complete(card) && TwoSchoolCounty.Lines(card)["GG5"].Status == Status.NotMet;
        }, TimeSpan.FromSeconds(30), "the events never reached the scorecard");
        Assert.True(await factory.QueryAsync<InspectionDbContext, int>(db => db.ConsumedEvents.CountAsync(ct)) >= 9);

        // Damage: an enrolment return disappears and a facility return is overwritten.
        // (Written behind the consumers' back, so the county is marked changed by hand to refresh its cached scorecard.)
        await factory.QueryAsync<InspectionDbContext, int>(async db =>
            await db.Enrolment.Where(e => e.SchoolCode == town).ExecuteDeleteAsync(ct)
            + await db.Facilities.ExecuteUpdateAsync(f => f.SetProperty(x => x.TeachingArea, 1m), ct)
            + await db.Database.ExecuteSqlAsync($"INSERT INTO county_changes (county_code) VALUES ({county})", ct));
        await Poll.UntilAsync(async () => await client.GetStringAsync(url, ct) != before, TimeSpan.FromSeconds(60), "the damage never showed");

        var rebuilt = await client.PostAsync("/api/read-models/rebuild", null, ct);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        var outcome = await rebuilt.Content.ReadApiAsync<RebuildOutcome>();
        Assert.True(outcome!.Events >= 9);

        await Poll.UntilAsync(async () => await client.GetStringAsync(url, ct) == before, TimeSpan.FromSeconds(60),
            "the rebuilt read models give another scorecard");
    }
}

/// <summary>The teacher counts the database makes (pay, certificates, training window, rural pay per rank, honours) against a hand count.</summary>
public sealed class TeacherCountsTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task The_services_connections_never_compile_queries_to_machine_code()
    {
        // PostgreSQL's JIT compiled a province county's teacher summary on every read: 33 of its 60 ms.
        var jit = await factory.QueryAsync<InspectionDbContext, string>(db =>
            db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal("off", jit);
    }

    [Fact]
    public async Task Scorecard_counts_teachers_as_a_hand_count_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, _bus,
            (SchoolType.Primary, Location.Town, false), (SchoolType.Primary, Location.Rural, false));
        string town = RegistryAnnouncer.School(county, 1), rural = RegistryAnnouncer.School(county, 2);
        var now = DateTimeOffset.UtcNow;
        Guid t1 = Guid.NewGuid(), t2 = Guid.NewGuid(), t3 = Guid.NewGuid(), t4 = Guid.NewGuid();
        TeacherRecorded Teacher(Guid id, string school, Subject subject, Rank rank, bool certified, int ruralYears, decimal pay, bool active = true) =>
            new(id, TeacherChange.Hired, school, county, Section.Primary, true, [subject], Qualification.Bachelor, rank, BackboneLevel.None,
                certified, ruralYears, pay, active, 1, now);
        await _bus.PublishAsync(Teacher(t1, town, Subject.Music, Rank.First, true, 0, 100_000m));
        await _bus.PublishAsync(Teacher(t2, rural, Subject.English, Rank.First, true, 12, 90_000m));
        await _bus.PublishAsync(Teacher(t3, rural, Subject.PhysicalEducation, Rank.Second, false, 16, 80_000m));
        await _bus.PublishAsync(Teacher(t4, rural, Subject.Chinese, Rank.Senior, true, 20, 150_000m, active: false));   // has left
        // A part-time teacher recognised as county-level backbone: RA2 counts them (full-time or not), nothing else does.
        var t5 = Guid.NewGuid();
        await _bus.PublishAsync(Teacher(t5, town, Subject.Mathematics, Rank.Senior, true, 0, 60_000m) with { FullTime = false, Backbone = BackboneLevel.County });
        TrainingRecorded Training(Guid teacher, string school, DateOnly end, decimal hours) =>
            new(Guid.NewGuid(), teacher, school, county, end.AddDays(-5), end, hours, now);
        await _bus.PublishAsync(Training(t2, rural, new DateOnly(2025, 5, 1), 300m));
        await _bus.PublishAsync(Training(t2, rural, new DateOnly(2026, 10, 1), 70m));   // 370 h in the window
        await _bus.PublishAsync(Training(t1, town, new DateOnly(2021, 6, 30), 400m));    // before 1 Sept 2022: outside it
        await _bus.PublishAsync(Training(t3, rural, new DateOnly(2023, 3, 1), 359.98m));
        await _bus.PublishAsync(Training(t3, rural, new DateOnly(2024, 3, 1), 0.01m));     // 359.99 h: a hundredth short of 360
        await _bus.PublishAsync(new HonourAwarded(t2, county, HonourLevel.County, 2026, 12, "县教育局〔2026〕1号", now));
        await _bus.PublishAsync(new HonourAwarded(t3, county, HonourLevel.County, 2026, 16, "县教育局〔2026〕1号", now));
        await _bus.PublishAsync(new PayReferenceRecorded(county, 2026, 85_000m, now, [Rank.First, Rank.Second], [95_000m, 85_000m]));

        // 3 registry + 5 teachers + 5 courses + 2 honours + 1 pay reference, then the refresher has caught up.
        await Poll.UntilAsync(async () => await factory.QueryAsync<InspectionDbContext, int>(db => db.ConsumedEvents.CountAsync(ct)) == 16
            && await factory.QueryAsync<InspectionDbContext, int>(db => db.CountyChanges.CountAsync(ct)) == 0,
            TimeSpan.FromSeconds(30), "the teachers' events were never consumed");
        using var client = factory.CreateClient();
        var lines = TwoSchoolCounty.Lines((await client.GetApiAsync<Scorecard>($"/api/counties/{county}/years/2026/scorecard"))!);

        Assert.Equal((90_000m, Status.Met), (lines["GG8"].Value, lines["GG8"].Status));       // (100,000 + 90,000 + 80,000) ÷ 3 ≥ 85,000
        Assert.Equal((66.67m, Status.NotMet), (TwoSchoolCounty.R(lines["GG12"].Value, 2), lines["GG12"].Status));   // 2 of 3 certified
        Assert.Equal(33.33m, TwoSchoolCounty.R(lines["GG9"].Value, 2));                                             // only t2 has 360 h in the window (t3 has 359.99)
        Assert.Equal(50m, lines["PL8"].Value);                                                // 1 of the 2 rural teachers (t2, not t3)
        Assert.Equal((2m, Status.NotMet), (lines["PL9"].Value, lines["PL9"].Status));         // rural 一级 90,000 < 95,000; 二级 80,000 < 85,000
        Assert.Equal((90_000m, 80_000m), (lines["PL9"].Inputs["rural First average"], lines["PL9"].Inputs["rural Second average"]));
        Assert.Equal((66.67m, 2m, 1m), (TwoSchoolCounty.R(lines["PL12"].Value, 2), lines["PL12"].Inputs["county due"], lines["PL12"].Inputs["city due"]));

        var sections = (await factory.QueryAsync<InspectionDbContext, (Dictionary<(string, Section), SectionStaff>, Dictionary<string, Subject[]>)>(
            db => SectionStaffStore.ReadAsync(db, county, school: null, ct))).Item1;
        Assert.Equal((1, 1, 1), (sections[(town, Section.Primary)].FullTime, sections[(town, Section.Primary)].Backbone, sections[(town, Section.Primary)].PeAndArt));
    }
}
