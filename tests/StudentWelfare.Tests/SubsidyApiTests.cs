using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.StudentWelfare.Apis.SubsidyApi;
using static EduPlatform.StudentWelfare.Tests.WelfareFactory;

namespace EduPlatform.StudentWelfare.Tests;

public sealed class SubsidyApiTests(WelfareFactory factory) : IClassFixture<WelfareFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _year = 2040;

    /// <summary>A year of its own per test, with rates: boarders 1,000 / 1,250 元 a year, non-boarders 500 / 625.</summary>
    private async Task<int> YearWithRatesAsync()
    {
        var year = Interlocked.Increment(ref _year);
        (await _client.PutAsJsonAsync($"/api/subsidy-rates/{year}",
            new { primaryBoarder = 1000m, juniorBoarder = 1250m, primaryNonBoarder = 500m, juniorNonBoarder = 625m }, Ct)).EnsureSuccessStatusCode();
        return year;
    }

    private Task<HttpResponseMessage> CsvAsync(string path, string header, IEnumerable<string> lines) =>
        _client.SendAsync(new HttpRequestMessage(path.EndsWith("payments") ? HttpMethod.Post : HttpMethod.Put, path)
        {
            Content = new StringContent(string.Join("\n", [header, .. lines]), Encoding.UTF8, "text/csv"),
        }, Ct);

    [Fact]
    public async Task Payments_are_checked_against_eligibility_and_the_rate_and_coverage_is_announced_without_names()
    {
        var year = await YearWithRatesAsync();
        var county = await factory.CountyWithSchoolsAsync((SchoolType.NineYear, Location.Rural, true), (SchoolType.Primary, Location.Rural, false));
        string nineYear = School(county, 1), primary = School(county, 2);
        var eligible = await _client.PutAsJsonAsync($"/api/counties/{county}/years/{year}/eligible-students", new[]
        {
            new { studentId = "S1", name = "张小明", schoolCode = nineYear, section = "junior", boarder = true },   // due 625 a term
            new { studentId = "S2", name = "李小红", schoolCode = nineYear, section = "primary", boarder = true },  // due 500
            new { studentId = "S3", name = "王小刚", schoolCode = primary, section = "primary", boarder = false },  // due 250
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, eligible.StatusCode);

        var ineligible = await _client.PostAsJsonAsync($"/api/counties/{county}/years/{year}/subsidy-payments",
            new[] { new { studentId = "S9", term = 1, amount = 625m, paidOn = "2026-10-10" } }, Ct);
        var paid = await _client.PostAsJsonAsync($"/api/counties/{county}/years/{year}/subsidy-payments", new[]
        {
            new { studentId = "S1", term = 1, amount = 625m, paidOn = "2026-10-10" },
            new { studentId = "S2", term = 1, amount = 400m, paidOn = "2026-10-10" },  // short of 500
        }, Ct);
        var resent = await _client.PostAsJsonAsync($"/api/counties/{county}/years/{year}/subsidy-payments",
            new[] { new { studentId = "S1", term = 1, amount = 625m, paidOn = "2026-10-10" } }, Ct);
        var duplicate = await _client.PostAsJsonAsync($"/api/counties/{county}/years/{year}/subsidy-payments",
            new[] { new { studentId = "S1", term = 1, amount = 100m, paidOn = "2026-11-01" } }, Ct);

        await ProblemAssert.FieldRefusedAsync(ineligible, "payments[0].studentId");
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal((1, 0, 1), await OutcomeAsync(resent));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var conflict = await duplicate.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Contains("already paid 625", conflict!.Errors["payments[0].term"][0]);

        var coverage = (await _client.GetApiAsync<CoverageDto[]>($"/api/counties/{county}/years/{year}/subsidy-coverage"))!;
        var autumn = coverage.Single(c => c.Term == 1);
        Assert.Equal((3, 2, 1, 1375m, 1025m, 66.67m), (autumn.Eligible, autumn.Paid, autumn.PaidInFull, autumn.AmountDue, autumn.AmountPaid, autumn.CoveragePercent));
        var unpaid = await _client.GetApiAsync<UnpaidDto[]>($"/api/counties/{county}/years/{year}/unpaid-students?term=1");
        Assert.Equal(["S3"], unpaid!.Select(u => u.StudentId));

        var announced = await factory.Events.WaitForAsync<SubsidyCoverageReported>(e => e.SchoolCode == nineYear && e.Term == 1 && e.Paid == 2);
        Assert.Equal((2, 1, 1125m, 1025m), (announced[0].Eligible, announced[0].PaidInFull, announced[0].AmountDue, announced[0].AmountPaid));
        // Names stay in this service: no event written carries one.
        var bodies = await factory.QueryAsync<WelfareDbContext, List<string>>(db => db.Set<Messaging.Outbox.OutboxMessage>().Select(m => m.Body).ToListAsync(Ct));
        Assert.DoesNotContain(bodies, b => b.Contains("张小明") || b.Contains("李小红") || b.Contains("王小刚") || b.Contains("\"S1\""));
    }

    private static async Task<(int Received, int Recorded, int Unchanged)> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var outcome = await response.Content.ReadApiAsync<SubsidyOutcome>();
        return (outcome!.Received, outcome.Recorded, outcome.Unchanged);
    }

    [Fact]
    public async Task A_new_provincial_rate_recomputes_what_was_paid_in_full()
    {
        var year = await YearWithRatesAsync();
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Junior, Location.Rural, true));
        var school = School(county, 1);
        (await _client.PutAsJsonAsync($"/api/counties/{county}/years/{year}/eligible-students",
            new[] { new { studentId = "R1", schoolCode = school, section = "junior", boarder = true } }, Ct)).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync($"/api/counties/{county}/years/{year}/subsidy-payments",
            new[] { new { studentId = "R1", term = 1, amount = 625m, paidOn = "2026-10-10" } }, Ct)).EnsureSuccessStatusCode();
        await factory.Events.WaitForAsync<SubsidyCoverageReported>(e => e.SchoolCode == school && e.Term == 1 && e.PaidInFull == 1);

        // Junior boarders now get 1,500 a year: 750 a term, so the 625 paid is no longer the full rate.
        (await _client.PutAsJsonAsync($"/api/subsidy-rates/{year}",
            new { primaryBoarder = 1000m, juniorBoarder = 1500m, primaryNonBoarder = 500m, juniorNonBoarder = 625m }, Ct)).EnsureSuccessStatusCode();

        var again = await factory.Events.WaitForAsync<SubsidyCoverageReported>(e => e.SchoolCode == school && e.Term == 1 && e.AmountDue == 750m);
        Assert.Equal((1, 0, 625m), (again[0].Paid, again[0].PaidInFull, again[0].AmountPaid));
    }

    [Fact]
    public async Task An_eligible_list_with_faults_is_refused_line_by_line()
    {
        var year = await YearWithRatesAsync();
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));
        var school = School(county, 1);

        var response = await CsvAsync($"/api/counties/{county}/years/{year}/eligible-students", "studentId,name,schoolCode,section,boarder",
            [$"A1,甲,{school},primary,false", $"A2,乙,{school},junior,false", $"A3,丙,{school},primary,true", $"A1,丁,{school},primary,false", $",戊,{school},primary,false"]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Equal(["line 3.section", "line 4.boarder", "line 5.studentId", "line 6.studentId"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await factory.QueryAsync<WelfareDbContext, int>(db => db.EligibleStudents.CountAsync(e => e.Year == year, Ct)));
    }

    [Fact]
    public async Task Without_the_provinces_rate_for_the_year_nothing_is_accepted()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Rural, false));

        var response = await _client.PutAsJsonAsync($"/api/counties/{county}/years/2099/eligible-students",
            new[] { new { studentId = "X", schoolCode = School(county, 1), section = "primary", boarder = false } }, Ct);

        await ProblemAssert.FieldRefusedAsync(response, "year");
    }

    [Fact]
    public async Task A_200000_row_subsidy_upload_is_accepted()
    {
        _client.Timeout = TimeSpan.FromMinutes(5);
        var year = await YearWithRatesAsync();
        var county = await factory.CountyWithSchoolsAsync([.. Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? SchoolType.Primary : SchoolType.NineYear, Location.Rural, i % 4 == 1))]);
        var students = Enumerable.Range(0, 200_000).Select(i => (Id: $"P{i:D7}", School: School(county, i % 200 + 1), Index: i % 200)).ToList();
        string Section(int index, int i) => index % 2 == 0 || i % 3 != 0 ? "primary" : "junior";

        var listed = Stopwatch.StartNew();
        var eligible = await CsvAsync($"/api/counties/{county}/years/{year}/eligible-students", "studentId,name,schoolCode,section,boarder",
            students.Select((s, i) => $"{s.Id},学生{i},{s.School},{Section(s.Index, i)},{(s.Index % 4 == 1 ? "true" : "false")}"));
        listed.Stop();
        var payments = Stopwatch.StartNew();
        var paid = await CsvAsync($"/api/counties/{county}/years/{year}/subsidy-payments", "studentId,term,amount,paidOn",
            students.Select(s => $"{s.Id},1,250,2026-10-15"));
        payments.Stop();

        Assert.Equal((200_000, 200_000, 0), await OutcomeAsync(eligible));
        Assert.Equal((200_000, 200_000, 0), await OutcomeAsync(paid));
        Assert.Equal(200_000, await factory.QueryAsync<WelfareDbContext, int>(db => db.SubsidyPayments.CountAsync(p => p.Year == year, Ct)));
        var autumn = (await _client.GetApiAsync<CoverageDto[]>($"/api/counties/{county}/years/{year}/subsidy-coverage"))!.Single(c => c.Term == 1);
        Assert.Equal((200_000, 200_000), (autumn.Eligible, autumn.Paid));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"200,000 eligible students (CSV): {listed.ElapsedMilliseconds} ms; 200,000 payments (CSV): {payments.ElapsedMilliseconds} ms");
    }
}
