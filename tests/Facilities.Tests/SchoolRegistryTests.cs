using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Facilities.Apis.SchoolApi;

namespace EduPlatform.Facilities.Tests;

public sealed class SchoolRegistryTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_registered_school_is_announced_and_a_correction_bumps_its_version()
    {
        var county = await new Clerk(_client).CountyWithSchoolsAsync();
        var code = Rows.School(county, 1);

        var first = await _client.PutAsJsonAsync($"/api/schools/{code}",
            new { countyCode = county, name = "东关小学", location = "urban", type = "primary", boarding = false }, Ct);
        var retry = await _client.PutAsJsonAsync($"/api/schools/{code}",
            new { countyCode = county, name = "东关小学", location = "urban", type = "primary", boarding = false }, Ct);
        var corrected = await _client.PutAsJsonAsync($"/api/schools/{code}",
            new { countyCode = county, name = "东关小学", location = "town", type = "九年一贯制", boarding = true }, Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [first.StatusCode, retry.StatusCode, corrected.StatusCode]);
        Assert.Equal(0, (await retry.Content.ReadApiAsync<RegistryOutcome>())!.Changed);
        var events = await factory.Events.WaitForAsync<SchoolRecorded>(e => e.SchoolCode == code, count: 2);
        await Task.Delay(300, Ct);
        Assert.Equal(2, factory.Events.Received<SchoolRecorded>().Count(e => e.SchoolCode == code)); // the retry announced nothing
        var latest = events.MaxBy(e => e.Version)!;
        Assert.Equal((2L, Location.Town, SchoolType.NineYear, true, SchoolStatus.Operating, county),
            (latest.Version, latest.Location, latest.Type, latest.Boarding, latest.Status, latest.CountyCode));

        var history = await _client.GetApiAsync<SchoolHistoryDto>($"/api/schools/{code}/history");
        Assert.Equal(["registered", "profile corrected"], history!.Registry.Select(h => h.Reason));
        Assert.Equal(SchoolType.Primary, history.Registry[0].Type);
    }

    [Fact]
    public async Task A_csv_registry_with_chinese_names_is_accepted_whole()
    {
        var county = await new Clerk(_client).CountyWithSchoolsAsync();
        var csv = $"""
            code,name,location,type,boarding
            {Rows.School(county, 1)},城关镇中心小学,镇区,小学,否
            {Rows.School(county, 2)},"石门乡九年一贯制学校, 东校区",乡村,九年一贯制,是
            {Rows.School(county, 3)},县特殊教育学校,urban,special-education,false
            """;

        var response = await new Clerk(_client).UploadCsvAsync($"/api/counties/{county}/schools", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schools = await _client.GetApiAsync<SchoolDto[]>($"/api/schools?county={county}");
        Assert.Equal([(SchoolType.Primary, Location.Town, false), (SchoolType.NineYear, Location.Rural, true), (SchoolType.SpecialEducation, Location.Urban, false)],
            schools!.Select(s => (s.Type, s.Location, s.Boarding)));
        Assert.Equal("石门乡九年一贯制学校, 东校区", schools![1].Name);
    }

    [Fact]
    public async Task A_registry_with_faults_lists_every_row_at_fault_and_stores_nothing()
    {
        var clerk = new Clerk(_client);
        var other = await clerk.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var county = await clerk.CountyWithSchoolsAsync();
        var csv = $"""
            code,name,location,type,boarding
            {Rows.School(county, 1)},好学校,乡村,小学,否
            {Rows.School(county, 2)},,乡村,小学,否
            {Rows.School(county, 3)},三小,山区,小学,否
            {Rows.School(county, 4)},四小,乡村,高中,否
            {Rows.School(other, 1)},别县的学校,乡村,小学,否
            123,五小,乡村,小学,maybe
            """;

        var response = await clerk.UploadCsvAsync($"/api/counties/{county}/schools", csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Equal(["line 7.boarding"], problem!.Errors.Keys); // unreadable values are reported first
        response = await clerk.UploadCsvAsync($"/api/counties/{county}/schools", csv.Replace("maybe", "否"));
        problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Equal(["line 3.name", "line 4.location", "line 5.type", "line 6.code", "line 7.code"], problem!.Errors.Keys.Order());
        Assert.Contains("is registered in county " + other, problem.Errors["line 6.code"][0]);
        Assert.Equal(0, await factory.QueryAsync<FacilitiesDbContext, int>(db => db.Schools.CountAsync(s => s.CountyCode == county, Ct)));
    }

    [Fact]
    public async Task A_school_in_an_unknown_county_is_refused_naming_the_field()
    {
        var response = await _client.PutAsJsonAsync("/api/schools/1399990001",
            new { countyCode = "139999", name = "某小学", location = "rural", type = "primary", boarding = false }, Ct);

        await ProblemAssert.FieldRefusedAsync(response, "countyCode");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/schools/1399990001", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_registry_can_be_announced_again_for_a_service_that_starts_following_it_late()
    {
        var county = await new Clerk(_client).CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false), (SchoolType.Junior, Location.Town, true));

        var response = await _client.PostAsync("/api/registry/announcements", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var again = await factory.Events.WaitForAsync<SchoolRecorded>(e => e.CountyCode == county, count: 4);
        Assert.All(again, e => Assert.Equal(1, e.Version)); // the same versions: current copies ignore the repeat
        Assert.Equal(2, again.Select(e => e.SchoolCode).Distinct().Count());
    }
}
