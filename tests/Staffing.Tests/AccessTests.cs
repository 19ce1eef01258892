using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.WebApi.Access;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Staffing.Tests;

/// <summary>Who may write to the staffing service and read its teachers' records (README, "Access").</summary>
public sealed class AccessTests(StaffingFactory factory) : IClassFixture<StaffingFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_teacher_is_hired_only_by_staffing_clerks_of_the_city_or_the_schools_county_and_read_only_by_staffing()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var idNumber = People.IdNumber();
        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/teachers")
        {
            Content = JsonContent.Create(People.Row(idNumber, "访问测试", StaffingFactory.School(county, 1))),
        };
        Task<string> Teachers() => factory.QueryAsync<StaffingDbContext, string>(async db =>
            string.Join(",", await db.Teachers.Where(t => t.CountyCode == county).Select(t => t.Name).ToListAsync(Ct)));

        await AccessAssert.WrongCallersRefusedAsync(factory, Post, county, Teachers);
        await AccessAssert.OwnCountyAcceptedAsync(factory, Post, county);
        Assert.Equal("访问测试", await Teachers());

        var id = await factory.QueryAsync<StaffingDbContext, Guid>(db => db.Teachers.Where(t => t.CountyCode == county).Select(t => t.Id).SingleAsync(Ct));
        using var funding = factory.CreateClient(TestTokens.Issue("funding"));
        using var inspector = factory.CreateClient(TestTokens.Issue("inspection", roles: ["inspector"]));
        using var staffing = factory.CreateClient(TestTokens.Issue("staffing", county: county));
        Assert.Equal(HttpStatusCode.Forbidden, (await funding.GetAsync($"/api/teachers/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync($"/api/counties/{county}/honours-due", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffing.GetAsync($"/api/teachers/{id}", Ct)).StatusCode);
        // The aggregate profile holds no one's record: any department reads it.
        Assert.Equal(HttpStatusCode.OK, (await funding.GetAsync($"/api/schools/{StaffingFactory.School(county, 1)}/staff-profile", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_county_offices_upload_is_audited_with_its_trace_and_its_events_carry_the_actor()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var subject = $"clerk-{county}";
        using var office = factory.CreateClient(TestTokens.Issue("staffing", county: county, subject: subject));
        var rows = Enumerable.Range(1, 3).Select(i => People.Row(People.IdNumber(), People.Name(i), StaffingFactory.School(county, 1))).ToArray();
        using var refused = factory.CreateClient(TestTokens.Issue("staffing", county: county[..4] + "99", subject: subject));
        Assert.Equal(HttpStatusCode.Forbidden, (await refused.PutAsJsonAsync($"/api/counties/{county}/teachers", rows, Ct)).StatusCode);

        (await office.PutAsJsonAsync($"/api/counties/{county}/teachers", rows, Ct)).EnsureSuccessStatusCode();

        using var admin = factory.CreateClient(TestTokens.Issue("city", roles: ["admin"]));
        var entries = await admin.GetFromJsonAsync<AuditRow[]>($"/api/audit?subject={subject}", Ct);
        var entry = Assert.Single(entries!); // the refused upload left no entry
        Assert.Equal(("staffing", county, county, "PUT", "/api/counties/{county}/teachers"),
            (entry.Department, entry.County, entry.ChangedCounty, entry.Method, entry.Route));
        Assert.Contains("TeacherRecorded event ×3", entry.What);
        Assert.Matches("^[0-9a-f]{32}$", entry.TraceId!);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/api/audit", Ct)).StatusCode);


        var recorded = await factory.Events.WaitForAsync<Contracts.Staffing.TeacherRecorded>(t => t.CountyCode == county, count: 3);
        Assert.All(recorded, t => Assert.Equal(new Actor(subject, "staffing", county), factory.Events.ActorOf(t)));

        // A city-level clerk's write has no county of its own, but the entry names the county it changed.
        var citySubject = $"city-clerk-{county}";
        using var cityClerk = factory.CreateClient(TestTokens.Issue("staffing", subject: citySubject));
        (await cityClerk.PostAsJsonAsync("/api/teachers", People.Row(People.IdNumber(), "市级录入", StaffingFactory.School(county, 1)), Ct))
            .EnsureSuccessStatusCode();
        var cityEntry = Assert.Single((await admin.GetFromJsonAsync<AuditRow[]>($"/api/audit?subject={citySubject}", Ct))!);
        Assert.Equal((null, county), (cityEntry.County, cityEntry.ChangedCounty));
    }

    [Fact]
    public async Task A_county_office_neither_transfers_nor_exchanges_its_teacher_into_another_county()
    {
        var home = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Town, false));
        var other = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var idNumber = People.IdNumber();
        using var city = factory.CreateClient();
        (await city.PostAsJsonAsync("/api/teachers", People.Row(idNumber, "调动测试", StaffingFactory.School(home, 1)), Ct)).EnsureSuccessStatusCode();
        var id = await factory.QueryAsync<StaffingDbContext, Guid>(db => db.Teachers.Where(t => t.CountyCode == home).Select(t => t.Id).SingleAsync(Ct));
        using var office = factory.CreateClient(TestTokens.Issue("staffing", county: home));

        var transfer = await office.PutAsJsonAsync($"/api/teachers/{id}", People.Row(idNumber, "调动测试", StaffingFactory.School(other, 1)), Ct);
        var exchange = await office.PostAsJsonAsync("/api/exchanges",
            new { teacherId = id, year = 2026, toSchoolCode = StaffingFactory.School(other, 1), startDate = "2026-09-01", ruralAllowance = true }, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (transfer.StatusCode, exchange.StatusCode));
        Assert.Contains("→", await transfer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(StaffingFactory.School(home, 1),
            await factory.QueryAsync<StaffingDbContext, string>(db => db.Teachers.Where(t => t.Id == id).Select(t => t.SchoolCode).SingleAsync(Ct)));
        Assert.DoesNotContain(factory.Events.Received<Contracts.Staffing.ExchangeRecorded>(), e => e.TeacherId == id);
    }

    [Fact]
    public async Task A_county_office_cannot_take_over_or_mark_as_left_another_countys_teacher_by_naming_their_ID_number()
    {
        var home = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Town, false));
        var other = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var idNumber = People.IdNumber();
        using var city = factory.CreateClient();
        (await city.PostAsJsonAsync("/api/teachers", People.Row(idNumber, "他县教师", StaffingFactory.School(other, 1)), Ct)).EnsureSuccessStatusCode();
        Task<string> Teacher() => factory.QueryAsync<StaffingDbContext, string>(async db =>
            string.Join(",", await db.Teachers.Where(t => t.IdNumber == idNumber).Select(t => t.CountyCode + t.SchoolCode + t.LeftOn).ToListAsync(Ct)));
        var taken = People.Row(idNumber, "他县教师", StaffingFactory.School(home, 1));
        var left = taken with { LeftOn = new DateOnly(2026, 1, 1) };
        var newcomer = People.Row(People.IdNumber(), "本县新教师", StaffingFactory.School(home, 1));
        (string, string?, HttpStatusCode)[] office = [($"county {home}'s office", TestTokens.Issue("staffing", county: home), HttpStatusCode.Forbidden)];

        await AccessAssert.RefusedAsync(factory, () => new HttpRequestMessage(HttpMethod.Put, $"/api/counties/{home}/teachers")
            { Content = JsonContent.Create(new[] { newcomer, taken }) }, office, Teacher);
        await AccessAssert.RefusedAsync(factory, () => new HttpRequestMessage(HttpMethod.Post, "/api/teachers") { Content = JsonContent.Create(taken) },
            office, Teacher);
        await AccessAssert.RefusedAsync(factory, () => new HttpRequestMessage(HttpMethod.Put, $"/api/counties/{home}/teachers")
            { Content = JsonContent.Create(new[] { left }) }, office, Teacher);
        Assert.Equal(0, await factory.QueryAsync<StaffingDbContext, int>(db => db.Teachers.CountAsync(t => t.Name == "本县新教师", Ct)));

        // The city level moves a teacher between counties.
        (await city.PutAsJsonAsync($"/api/counties/{home}/teachers", new[] { taken }, Ct)).EnsureSuccessStatusCode();
        Assert.StartsWith(home, await Teacher());
    }

    private sealed record AuditRow(long Id, DateTimeOffset At, string Subject, string? Department, string? County, string? ChangedCounty, string Method,
        string Path, string? Route, string What, string? TraceId);
}
