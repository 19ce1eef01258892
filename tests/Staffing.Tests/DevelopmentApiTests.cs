using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Staffing.Domain;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static EduPlatform.Staffing.Apis.DevelopmentApi;
using static EduPlatform.Staffing.Apis.PayReferenceApi;
using static EduPlatform.Staffing.Apis.TeacherApi;
using static EduPlatform.Staffing.Tests.StaffingFactory;

namespace EduPlatform.Staffing.Tests;

public sealed class DevelopmentApiTests(StaffingFactory factory) : IClassFixture<StaffingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid[]> HireAsync(string county, params TeacherRow[] rows) =>
        (await TeacherApiTests.ReturnAsync(_client, county, rows)).TeacherIds;

    private Task<HttpResponseMessage> ExchangeAsync(Guid teacher, string to, int year = 2026) =>
        _client.PostAsJsonAsync("/api/exchanges", new { teacherId = teacher, year, toSchoolCode = to, startDate = "2026-09-01", ruralAllowance = true }, Ct);

    [Fact]
    public async Task Exchanges_go_from_eligible_teachers_to_rural_schools_and_the_ratio_follows()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Urban, false), (SchoolType.Primary, Location.Rural, false));
        string urban = School(county, 1), rural = School(county, 2);
        var ids = await HireAsync(county,
            People.Row(People.IdNumber(), "甲", urban, backbone: "city", atSchoolSince: new DateOnly(2015, 9, 1)),   // eligible, backbone
            People.Row(People.IdNumber(), "乙", urban, atSchoolSince: new DateOnly(2019, 9, 1)),                     // eligible
            People.Row(People.IdNumber(), "丙", urban, atSchoolSince: new DateOnly(2018, 9, 1)),                     // eligible
            People.Row(People.IdNumber(), "丁", urban, atSchoolSince: new DateOnly(2021, 9, 1)),                     // 5 years: not yet
            People.Row(People.IdNumber(), "戊", rural, atSchoolSince: new DateOnly(2010, 9, 1)));                   // rural already

        var sent = await ExchangeAsync(ids[0], rural);
        var again = await ExchangeAsync(ids[0], rural);
        var notEligible = await ExchangeAsync(ids[3], rural);
        var toTown = await ExchangeAsync(ids[1], urban);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict), (sent.StatusCode, again.StatusCode, notEligible.StatusCode));
        Assert.Contains("since 2020-09-01 or earlier", (await notEligible.Content.ReadApiAsync<ProblemDetails>())!.Detail);
        await ProblemAssert.FieldRefusedAsync(toTown, "toSchoolCode");
        await ProblemAssert.FieldRefusedAsync(await ExchangeAsync(Guid.NewGuid(), rural), "teacherId");
        var ratio = await _client.GetApiAsync<ExchangesDto>($"/api/counties/{county}/years/2026/exchanges");
        Assert.Equal((3, 1, 1, 33.33m, 100m), (ratio!.Eligible, ratio.Exchanged, ratio.ExchangedBackbone, ratio.ExchangePercent, ratio.BackbonePercent));
        var exchange = Assert.Single(await factory.Events.WaitForAsync<ExchangeRecorded>(e => e.TeacherId == ids[0]));
        Assert.Equal((urban, rural, true, true), (exchange.FromSchoolCode, exchange.ToSchoolCode, exchange.Backbone, exchange.RuralAllowance));
        var eligibility = await factory.Events.WaitForAsync<ExchangeEligibilityReported>(e => e.CountyCode == county && e.Year == 2026);
        Assert.Equal((3, 1, 6), (eligibility.MaxBy(e => e.Revision)!.Eligible, eligibility.MaxBy(e => e.Revision)!.EligibleBackbone,
            eligibility[0].MinYearsAtSchool));
    }

    [Fact]
    public async Task Exchanges_sent_at_once_in_one_county_are_all_recorded_and_counted()
    {
        // Each exchange recounts the county's eligibility for its year; the first ones of a year once raced to create that count's row (500).
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Urban, false), (SchoolType.Primary, Location.Rural, false));
        var ids = await HireAsync(county, [.. Enumerable.Range(0, 12)
            .Select(i => People.Row(People.IdNumber(), $"教师{i}", School(county, 1), atSchoolSince: new DateOnly(2015, 9, 1)))]);

        var responses = await Task.WhenAll(ids.Select(id => ExchangeAsync(id, School(county, 2), year: 2025)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ratio = await _client.GetApiAsync<ExchangesDto>($"/api/counties/{county}/years/2025/exchanges");
        Assert.Equal((12, 12), (ratio!.Eligible, ratio.Exchanged));
    }

    [Fact]
    public async Task A_countys_exchanges_uploaded_at_once_follow_the_single_exchange_rules_all_or_nothing()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Urban, false), (SchoolType.Primary, Location.Rural, false));
        var other = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Urban, false));
        string urban = School(county, 1), rural = School(county, 2);
        var ids = await HireAsync(county,
            People.Row(People.IdNumber(), "甲", urban, backbone: "city", atSchoolSince: new DateOnly(2015, 9, 1)),
            People.Row(People.IdNumber(), "乙", urban, atSchoolSince: new DateOnly(2019, 9, 1)),
            People.Row(People.IdNumber(), "丁", urban, atSchoolSince: new DateOnly(2021, 9, 1)));          // 5 years in 2026: not yet
        var elsewhere = (await HireAsync(other, People.Row(People.IdNumber(), "外", School(other, 1), atSchoolSince: new DateOnly(2010, 9, 1))))[0];
        Task<HttpResponseMessage> Upload(params string[] lines) => _client.PostAsync($"/api/counties/{county}/exchanges",
            new StringContent("\uFEFFteacherId,year,toSchoolCode,startDate,ruralAllowance\r\n" + string.Join("\r\n", lines), System.Text.Encoding.UTF8, "text/csv"), Ct);
        string Row(Guid teacher, string to = "", int year = 2026) => $"{teacher},{year},{(to == "" ? rural : to)},2026-09-01,true";

        var notEligible = await Upload(Row(ids[0]), Row(ids[2]));
        var malformed = await Upload(Row(ids[0]), Row(ids[1], to: urban), Row(elsewhere), $"{ids[1]},2026,{rural},,true");
        var twice = await Upload(Row(ids[0]), Row(ids[0]));
        Assert.Equal(0, (await _client.GetApiAsync<ExchangesDto>($"/api/counties/{county}/years/2026/exchanges"))!.Exchanged);
        var sent = await Upload(Row(ids[0]), Row(ids[1]));
        var again = await Upload(Row(ids[0]), Row(ids[1]));
        var single = await ExchangeAsync(ids[1], rural);
        var contradicting = await Upload($"{ids[0]},2026,{rural},2026-10-01,true");

        Assert.Equal(HttpStatusCode.Conflict, notEligible.StatusCode);
        var refused = (await notEligible.Content.ReadApiAsync<ValidationProblemDetails>())!.Errors;
        Assert.Contains("since 2020-09-01 or earlier", Assert.Single(refused, e => e.Key == "line 3.teacherId").Value[0]);
        Assert.Single(refused);
        await ProblemAssert.FieldRefusedAsync(malformed, "line 3.toSchoolCode");
        var faults = (await Upload(Row(ids[0]), Row(ids[1], to: urban), Row(elsewhere), $"{ids[1]},2026,{rural},,true")).Content;
        Assert.Equal(["line 3.toSchoolCode", "line 4.teacherId", "line 5.startDate"],
            (await faults.ReadApiAsync<ValidationProblemDetails>())!.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal((new RecordsOutcome(2, 2, 0), new RecordsOutcome(2, 0, 2)),
            (await sent.Content.ReadApiAsync<RecordsOutcome>(), await again.Content.ReadApiAsync<RecordsOutcome>()));
        Assert.Equal(HttpStatusCode.OK, single.StatusCode); // the single endpoint sees the upload's exchange as its own repeat
        Assert.Equal(HttpStatusCode.Conflict, contradicting.StatusCode);
        var ratio = await _client.GetApiAsync<ExchangesDto>($"/api/counties/{county}/years/2026/exchanges");
        Assert.Equal((2, 2, 1), (ratio!.Eligible, ratio.Exchanged, ratio.ExchangedBackbone));
        var recorded = await factory.Events.WaitForAsync<ExchangeRecorded>(e => e.CountyCode == county, count: 2);
        Assert.Equal(new[] { ids[0], ids[1] }.Order(), recorded.Select(e => e.TeacherId).Order());
        await factory.Events.WaitForAsync<ExchangeEligibilityReported>(e => e.CountyCode == county && e.Year == 2026 && e.Eligible == 2);
    }

    [Fact]
    public async Task A_countys_honours_uploaded_at_once_are_recorded_only_when_due_and_once()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var ids = await HireAsync(county, People.Row(People.IdNumber(), "甲", School(county, 1), ruralYears: 16),
            People.Row(People.IdNumber(), "乙", School(county, 1), ruralYears: 11));
        object Award(Guid teacher, string level, string document = "X县教〔2026〕9号") => new { teacherId = teacher, level, year = 2026, documentReference = document };
        Task<HttpResponseMessage> Upload(params object[] rows) => _client.PostAsJsonAsync($"/api/counties/{county}/honours", rows, Ct);

        var notDue = await Upload(Award(ids[0], "city"), Award(ids[1], "city"));
        var blank = await Upload(Award(ids[0], "county", document: " "), Award(ids[1], "provincial"));
        var awarded = await Upload(Award(ids[0], "county"), Award(ids[0], "city"), Award(ids[1], "county"));
        var again = await Upload(Award(ids[1], "county"));
        var otherDocument = await Upload(Award(ids[1], "county", document: "X县教〔2026〕10号"));
        var single = await _client.PostAsJsonAsync($"/api/teachers/{ids[1]}/honours", Award(ids[1], "county"), Ct);

        Assert.Equal(HttpStatusCode.Conflict, notDue.StatusCode);
        Assert.Contains("needs 15 consecutive rural years; the teacher has 11",
            (await notDue.Content.ReadApiAsync<ValidationProblemDetails>())!.Errors["honours[1].level"][0]);
        Assert.Equal(["honours[0].documentReference", "honours[1].level"],
            (await blank.Content.ReadApiAsync<ValidationProblemDetails>())!.Errors.Keys.Order());
        Assert.Equal((new RecordsOutcome(3, 3, 0), new RecordsOutcome(1, 0, 1)),
            (await awarded.Content.ReadApiAsync<RecordsOutcome>(), await again.Content.ReadApiAsync<RecordsOutcome>()));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (otherDocument.StatusCode, single.StatusCode));
        Assert.Empty((await _client.GetApiAsync<HonourDueDto[]>($"/api/counties/{county}/honours-due"))!);
        await factory.Events.WaitForAsync<HonourAwarded>(e => e.CountyCode == county, count: 3);
    }

    [Fact]
    public async Task An_upload_naming_a_hundred_thousand_unknown_teachers_is_refused_as_input_not_as_a_server_fault()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var rows = Enumerable.Range(0, 100_000).Select(_ => new { teacherId = Guid.NewGuid(), level = "county", year = 2026, documentReference = "X" }).ToArray();

        var honours = await _client.PostAsJsonAsync($"/api/counties/{county}/honours", rows, Ct);
        var exchanges = await _client.PostAsJsonAsync($"/api/counties/{county}/exchanges",
            rows.Select(r => new { r.teacherId, year = 2026, toSchoolCode = School(county, 1), startDate = "2026-09-01", ruralAllowance = true }), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (honours.StatusCode, exchanges.StatusCode));
        Assert.Contains("is not a teacher of county", (await honours.Content.ReadApiAsync<ValidationProblemDetails>())!.Errors["honours[0].teacherId"][0]);
    }

    [Fact]
    public async Task Training_hours_of_the_last_five_years_show_who_is_short_of_360()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var ids = await HireAsync(county, People.Row(People.IdNumber(), "甲", School(county, 1)), People.Row(People.IdNumber(), "乙", School(county, 1)));
        var csv = string.Join("\n", ["teacherId,course,startDate,endDate,hours",
            $"{ids[0]},国培计划,2024-07-01,2024-07-30,300", $"{ids[0]},校本研修,2025-03-01,2025-03-06,60",
            $"{ids[1]},国培计划,2024-07-01,2024-07-30,300", $"{ids[1]},旧课程,2020-07-01,2020-07-10,100"]);

        var upload = await _client.PostAsync($"/api/counties/{county}/training", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"), Ct);
        var conflict = await _client.PostAsJsonAsync($"/api/teachers/{ids[0]}/training",
            new { course = "国培计划", startDate = "2024-07-01", endDate = "2024-07-30", hours = 250 }, Ct);
        var repeat = await _client.PostAsJsonAsync($"/api/teachers/{ids[0]}/training",
            new { course = "国培计划", startDate = "2024-07-01", endDate = "2024-07-30", hours = 300 }, Ct);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(new TrainingOutcome(1, 0, 1), await repeat.Content.ReadApiAsync<TrainingOutcome>());
        var shortfall = await _client.GetApiAsync<ShortfallDto[]>($"/api/counties/{county}/training-shortfall?asOf=2026-06-30");
        var only = Assert.Single(shortfall!);
        Assert.Equal((ids[1], 300m, 60m, true), (only.TeacherId, only.Hours, only.Short, only.Rural)); // the 2020 course is outside the window
        Assert.Equal(360m, (await _client.GetApiAsync<TeacherDto>($"/api/teachers/{ids[0]}"))!.TrainingHoursInFiveYears);
    }

    [Fact]
    public async Task Honours_are_due_at_10_and_15_rural_years_and_awarded_once()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var ids = await HireAsync(county, People.Row(People.IdNumber(), "甲", School(county, 1), ruralYears: 16),
            People.Row(People.IdNumber(), "乙", School(county, 1), ruralYears: 11), People.Row(People.IdNumber(), "丙", School(county, 1), ruralYears: 9));

        var due = await _client.GetApiAsync<HonourDueDto[]>($"/api/counties/{county}/honours-due");
        var award = await _client.PostAsJsonAsync($"/api/teachers/{ids[1]}/honours", new { level = "county", year = 2026, documentReference = "X县教〔2026〕9号" }, Ct);
        var twice = await _client.PostAsJsonAsync($"/api/teachers/{ids[1]}/honours", new { level = "county", year = 2026, documentReference = "X县教〔2026〕9号" }, Ct);
        var notDue = await _client.PostAsJsonAsync($"/api/teachers/{ids[1]}/honours", new { level = "city", year = 2026, documentReference = "X市教〔2026〕3号" }, Ct);

        Assert.Equal([(ids[0], HonourLevel.County), (ids[0], HonourLevel.City), (ids[1], HonourLevel.County)],
            due!.Select(d => (d.TeacherId, d.Level)).OrderBy(d => d.TeacherId == ids[1]).ThenBy(d => d.Level));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict), (award.StatusCode, twice.StatusCode, notDue.StatusCode));
        Assert.Contains("needs 15 consecutive rural years", (await notDue.Content.ReadApiAsync<ProblemDetails>())!.Detail);
        Assert.Equal(2, (await _client.GetApiAsync<HonourDueDto[]>($"/api/counties/{county}/honours-due"))!.Length);
        await factory.Events.WaitForAsync<HonourAwarded>(e => e.TeacherId == ids[1] && e.Level == HonourLevel.County && e.RuralYears == 11);
    }

    [Fact]
    public async Task Town_teachers_pay_by_rank_is_kept_with_the_civil_servants_average()
    {
        var county = await factory.CountyWithSchoolsAsync();
        var response = await _client.PutAsJsonAsync($"/api/pay-references/{county}/2026",
            new { civilServantAveragePay = 98_000m, townPay = new[] { new { rank = "first", averagePay = 95_000m }, new { rank = "senior", averagePay = 110_000m } } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single((await _client.GetApiAsync<PayReferenceDto[]>($"/api/pay-references/{county}"))!);
        Assert.Equal([(Rank.First, 95_000m), (Rank.Senior, 110_000m)], stored.TownPay.Select(t => (t.Rank, t.AveragePay)));
        var recorded = Assert.Single(await factory.Events.WaitForAsync<PayReferenceRecorded>(e => e.CountyCode == county));
        Assert.Equal([Rank.First, Rank.Senior], recorded.TownRanks!);
        Assert.Equal([95_000m, 110_000m], recorded.TownPay!);
    }
}
