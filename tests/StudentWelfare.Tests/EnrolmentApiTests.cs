using System.Net;
using System.Net.Http.Json;
using System.Text;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.StudentWelfare.Apis.EnrolmentApi;
using static EduPlatform.StudentWelfare.Tests.WelfareFactory;

namespace EduPlatform.StudentWelfare.Tests;

public sealed class EnrolmentApiTests(WelfareFactory factory) : IClassFixture<WelfareFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "schoolCode,grade,students,boarders,specialNeeds,transfersIn,transfersOut,dropouts,graduates,admitted,admittedFromCatchment";

    private Task<HttpResponseMessage> UploadAsync(string county, int year, IEnumerable<string> lines) =>
        _client.PutAsync($"/api/counties/{county}/years/{year}/enrolment",
            new StringContent(string.Join("\n", [Header, .. lines]), Encoding.UTF8, "text/csv"), Ct);

    [Fact]
    public async Task A_county_return_is_stored_and_announced_per_section_and_a_resubmission_replaces_it()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.NineYear, Location.Town, true), (SchoolType.Primary, Location.Urban, false));
        string nineYear = School(county, 1), primary = School(county, 2);
        var lines = Enumerable.Range(1, 9).Select(g => $"{nineYear},{g},50,10,1,0,0,0,{(g == 9 ? 50 : 0)},{(g is 1 or 7 ? 50 : 0)},{(g is 1 or 7 ? 40 : 0)}")
            .Concat(Enumerable.Range(1, 6).Select(g => $"{primary},{g},45,0,2,1,1,0,{(g == 6 ? 45 : 0)},{(g == 1 ? 45 : 0)},{(g == 1 ? 45 : 0)}"))
            .ToList();

        var first = await UploadAsync(county, 2026, lines);
        var retry = await UploadAsync(county, 2026, lines);
        var corrected = await UploadAsync(county, 2026, lines.Select(l => l.StartsWith($"{primary},3,") ? $"{primary},3,44,0,2,1,1,0,0,0,0" : l));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(new WriteOutcome(15, 15, 0, 0), await first.Content.ReadApiAsync<WriteOutcome>());
        Assert.Equal(new WriteOutcome(15, 0, 0, 15), await retry.Content.ReadApiAsync<WriteOutcome>());
        Assert.Equal(new WriteOutcome(15, 0, 6, 9), await corrected.Content.ReadApiAsync<WriteOutcome>());

        var junior = Assert.Single(await factory.Events.WaitForAsync<EnrolmentReported>(e => e.SchoolCode == nineYear && e.Section == Section.Junior));
        Assert.Equal([7, 8, 9], junior.Grades);
        Assert.Equal([50, 50, 50], junior.Students);
        Assert.Equal([0, 0, 50], junior.Graduates);
        Assert.Equal((county, 1), (junior.CountyCode, junior.Revision));
        var primaries = await factory.Events.WaitForAsync<EnrolmentReported>(e => e.SchoolCode == primary, count: 2);
        var latest = primaries.MaxBy(e => e.Revision)!;
        Assert.Equal(2, latest.Revision);
        Assert.Equal([45, 45, 44, 45, 45, 45], latest.Students);
        Assert.Equal(2, factory.Events.Received<EnrolmentReported>().Count(e => e.SchoolCode == primary)); // the retry announced nothing
    }

    [Fact]
    public async Task A_return_with_faults_lists_every_line_and_stores_nothing()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Junior, Location.Rural, false));
        var junior = School(county, 1);

        var response = await UploadAsync(county, 2026, [$"{junior},7,40,0,0,0,50,0,0,40,40", $"{junior},3,40,0,0,0,0,0,0,0,0",
            $"{junior},8,40,0,0,0,0,0,0,0,0", "1999999999,8,40,0,0,0,0,0,0,0,0"]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Equal(["line 2.transfersOut", "line 3.grade", "line 5.schoolCode"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await factory.QueryAsync<WelfareDbContext, int>(db => db.EnrolmentGrades.CountAsync(g => g.SchoolCode == junior, Ct)));
    }

    [Fact]
    public async Task Retention_is_computed_from_three_years_of_returns_with_its_inputs()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Junior, Location.Town, false), (SchoolType.Junior, Location.Rural, false));
        string a = School(county, 1), b = School(county, 2);
        // Cohort: grade 7 in 2024 (120 + 80), grade 8 in 2025, grade 9 in 2026; 2 + 1 in, 3 + 2 out, 191 graduates.
        string Row(string school, int grade, int students, int @in = 0, int @out = 0, int graduates = 0) =>
            $"{school},{grade},{students},0,0,{@in},{@out},0,{graduates},{(grade == 7 ? students : 0)},0";
        await UploadAsync(county, 2024, [Row(a, 7, 120, @in: 2, @out: 1), Row(a, 8, 100), Row(a, 9, 100), Row(b, 7, 80), Row(b, 8, 70), Row(b, 9, 70)]);
        await UploadAsync(county, 2025, [Row(a, 7, 110), Row(a, 8, 121, @out: 2), Row(a, 9, 100), Row(b, 7, 75), Row(b, 8, 80, @in: 1), Row(b, 9, 70)]);
        var last = await UploadAsync(county, 2026, [Row(a, 7, 100), Row(a, 8, 110), Row(a, 9, 119, graduates: 115), Row(b, 7, 70), Row(b, 8, 75), Row(b, 9, 81, graduates: 76)]);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);

        var retention = await _client.GetApiAsync<RetentionDto>($"/api/counties/{county}/years/2026/retention");

        // 191 ÷ (200 + 3 − 3) = 95.5 %
        var junior = retention!.Junior;
        Assert.Equal((200, 3, 3, 191, 95.5m), (junior.Intake, junior.TransfersIn, junior.TransfersOut, junior.Graduates, junior.RatePercent));
        Assert.Contains("grade-7 students at the start of year Y−2", junior.Formula);
        Assert.Null(retention.NineYear.RatePercent);
        Assert.Contains("2018 grade 1", retention.NineYear.MissingYears);
    }

    [Fact]
    public async Task Admission_near_home_counts_urban_and_town_day_schools_only_and_missing_returns_are_listed()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Urban, false), (SchoolType.Primary, Location.Rural, false),
            (SchoolType.Junior, Location.Town, true), (SchoolType.Junior, Location.Town, false));
        var response = await UploadAsync(county, 2026, [
            $"{School(county, 1)},1,100,0,0,0,0,0,0,100,97", $"{School(county, 2)},1,30,0,0,0,0,0,0,30,10",
            $"{School(county, 3)},7,200,150,0,0,0,0,0,200,100", $"{School(county, 4)},7,300,0,0,0,0,0,0,300,290"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var admission = await _client.GetApiAsync<AdmissionNearHomeDto>($"/api/counties/{county}/years/2026/admission-near-home");
        var missing = await _client.GetApiAsync<MissingDto[]>($"/api/counties/{county}/years/2027/missing-returns");

        Assert.Equal((97m, 96.67m), (admission!.PrimaryPercent, admission.JuniorPercent)); // rural and boarding schools left out
        Assert.Equal([School(county, 1), School(county, 4)], admission.Schools.Select(s => s.SchoolCode));
        Assert.Equal(4, missing!.Length);
    }

    [Fact]
    public async Task A_school_unknown_to_the_registry_or_in_an_unknown_county_is_refused()
    {
        var unknownCounty = await UploadAsync("429999", 2026, ["4299990001,1,10,0,0,0,0,0,0,0,0"]);
        await ProblemAssert.FieldRefusedAsync(unknownCounty, "county");
        var single = await _client.PutAsJsonAsync("/api/schools/4299990001/years/2026/enrolment", new { grades = new[] { new { grade = 1, students = 10 } } }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
    }
}
