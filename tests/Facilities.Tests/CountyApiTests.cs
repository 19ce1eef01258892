using System.Net;
using System.Net.Http.Json;
using EduPlatform.Facilities.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Facilities.Apis.CountyApi;

namespace EduPlatform.Facilities.Tests;

public sealed class CountyApiTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Health_reports_database_and_broker_ready() =>
        factory.AssertHealthyAsync("facilities-db", "masstransit-bus");

    [Fact]
    public async Task Put_creates_the_county_and_repeating_it_changes_nothing()
    {
        var first = await _client.PutAsJsonAsync("/api/counties/130681", new PutCountyRequest("涿州市"), Ct);
        var again = await _client.PutAsJsonAsync("/api/counties/130681", new PutCountyRequest("涿州市"), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var county = await _client.GetApiAsync<CountyDto>("/api/counties/130681");
        Assert.Equal("涿州市", county!.Name);
        Assert.Equal(1, await CountAsync(c => c.Code == "130681"));
    }

    [Theory]
    [InlineData("１３０６８５", "满城区", "code")]          // full-width digits are digits to .NET's \d, not to a registry
    [InlineData("١٣٠٦٨٥", "满城区", "code")]              // Arabic-Indic digits
    [InlineData("130685", "\u200b\u200d\ufeff", "name")]  // only zero-width characters
    [InlineData("130685", "   ", "name")]
    public async Task Codes_are_ASCII_digits_and_names_show_visible_text(string code, string name, string field)
    {
        var response = await _client.PutAsJsonAsync($"/api/counties/{Uri.EscapeDataString(code)}", new PutCountyRequest(name), Ct);

        await ProblemAssert.FieldRefusedAsync(response, field);
        Assert.Equal(0, await CountAsync(c => c.Code == "130685"));
    }

    [Fact]
    public async Task A_name_is_stored_trimmed_of_spaces_and_invisible_characters()
    {
        (await _client.PutAsJsonAsync("/api/counties/130686", new PutCountyRequest("\u200b 徐水区\u3000"), Ct)).EnsureSuccessStatusCode();

        Assert.Equal("徐水区", (await _client.GetApiAsync<CountyDto>("/api/counties/130686"))!.Name);
    }

    [Fact]
    public async Task A_change_is_announced_once_and_a_retried_request_announces_nothing()
    {
        await _client.PutAsJsonAsync("/api/counties/130683", new PutCountyRequest("高碑店市"), Ct);
        await _client.PutAsJsonAsync("/api/counties/130683", new PutCountyRequest("高碑店市"), Ct);
        await _client.PutAsJsonAsync("/api/counties/130683", new PutCountyRequest("高碑店"), Ct);

        var events = await factory.QueryAsync<FacilitiesDbContext, List<string>>(db => db.Set<Messaging.Outbox.OutboxMessage>()
            .Where(m => m.Body.Contains("130683")).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync(Ct));
        Assert.Equal(2, events.Count);
        Assert.Contains("\"version\":1", events[0]);
        Assert.Contains("\"version\":2", events[1]);
        Assert.Contains("高碑店\"", events[1]);
    }

    [Theory]
    [InlineData("13068")]      // five digits
    [InlineData("130600")]     // a prefecture, not a county
    [InlineData("13068a")]
    public async Task Put_with_a_malformed_code_is_refused_naming_the_field(string code)
    {
        var response = await _client.PutAsJsonAsync($"/api/counties/{code}", new PutCountyRequest("某县"), Ct);

        await ProblemAssert.FieldRefusedAsync(response, "code");
        Assert.Equal(0, await CountAsync(c => c.Code == code));
    }

    [Fact]
    public async Task Put_without_a_name_is_refused_and_stores_nothing()
    {
        var response = await _client.PutAsJsonAsync("/api/counties/130682", new { name = "" }, Ct);

        await ProblemAssert.FieldRefusedAsync(response, "name");
        Assert.Equal(0, await CountAsync(c => c.Code == "130682"));
    }

    [Fact]
    public async Task Unknown_county_is_404()
    {
        var response = await _client.GetAsync("/api/counties/999999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Domain.County, bool>> predicate) =>
        factory.QueryAsync<FacilitiesDbContext, int>(db => db.Counties.CountAsync(predicate, Ct));

    [Fact]
    public async Task Names_sent_at_once_are_all_stored_one_after_another_each_announced_under_its_own_version()
    {
        // Each PUT reads, decides and bumps the version: at once they once raced (two inserts, or two renames under one version).
        var names = Enumerable.Range(1, 8).Select(i => $"并发县{i}").ToArray();
        var responses = await Task.WhenAll(names.Select(n => _client.PutAsJsonAsync("/api/counties/130698", new PutCountyRequest(n), Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await CountAsync(c => c.Code == "130698"));
        var events = await factory.Events.WaitForAsync<Contracts.Facilities.CountyRecorded>(e => e.CountyCode == "130698", count: 8);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], events.Select(e => e.Version).Order());
        var stored = await _client.GetApiAsync<CountyDto>("/api/counties/130698");
        Assert.Equal(events.MaxBy(e => e.Version)!.Name, stored!.Name);
    }
}
