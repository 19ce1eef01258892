using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Facilities.Apis.SubmissionApi;
using static EduPlatform.Facilities.Tests.Rows;

namespace EduPlatform.Facilities.Tests;

public sealed class SubmissionApiTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private Clerk Clerk => new(_client);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<string> CountyAsync() => Clerk.CountyWithSchoolsAsync(
        (SchoolType.Primary, Location.Urban, false), (SchoolType.NineYear, Location.Rural, true));

    [Fact]
    public async Task A_county_submission_is_stored_and_every_fact_reaches_a_consumer()
    {
        var county = await CountyAsync();
        string primary = School(county, 1), nineYear = School(county, 2);

        var outcome = await Clerk.SubmittedAsync(county, 2026,
            [Return(primary, Section.Primary), Return(nineYear, Section.Primary), Return(nineYear, Section.Junior, ground: 3000m, banbantong: 3)],
            [.. Classes(primary, Section.Primary, 46), .. Classes(nineYear, Section.Primary, 30), Class(nineYear, 7, 1, 67), Class(nineYear, 8, 1, 50), Class(nineYear, 9, 1, 48)],
            [Boarding(nineYear, all: false)]);

        Assert.Equal(new PartOutcome(3, 3, 0, 0), outcome.FacilityReturns);
        Assert.Equal(new PartOutcome(27, 27, 0, 0), outcome.Classes);
        Assert.Equal(new PartOutcome(1, 1, 0, 0), outcome.BoardingLogistics);

        var junior = Assert.Single(await factory.Events.WaitForAsync<FacilityReturnRecorded>(e => e.SchoolCode == nineYear && e.Section == Section.Junior));
        Assert.Equal((county, 2026, 1, false, 3000m, 600m), (junior.CountyCode, junior.Year, junior.Revision, junior.Replaced,
            junior.SportsGroundArea, junior.SportsHallArea));
        Assert.Equal([96m], junior.MusicRoomAreas);
        var juniorClasses = Assert.Single(await factory.Events.WaitForAsync<ClassesReported>(e => e.SchoolCode == nineYear && e.Section == Section.Junior));
        Assert.Equal([7, 8, 9], juniorClasses.Grades);
        Assert.Equal([67, 50, 48], juniorClasses.ClassSizes);
        var primaryClasses = Assert.Single(await factory.Events.WaitForAsync<ClassesReported>(e => e.SchoolCode == primary));
        Assert.Equal(Enumerable.Repeat(46, 12), primaryClasses.ClassSizes);
        var logistics = Assert.Single(await factory.Events.WaitForAsync<BoardingLogisticsReported>(e => e.SchoolCode == nineYear));
        Assert.Equal((false, true), (logistics.Canteen, logistics.WasteHandling));

        var year = await _client.GetApiAsync<SchoolYearDto>($"/api/schools/{nineYear}/years/2026");
        Assert.Equal([Section.Primary, Section.Junior], year!.FacilityReturns.Select(r => r.Section));
        Assert.Equal(15, year.Classes.Length);
        Assert.False(year.BoardingLogistics!.MeetsStandard);
    }

    [Fact]
    public async Task A_resubmitted_return_replaces_the_earlier_one_and_says_so_while_a_retry_changes_nothing()
    {
        var county = await CountyAsync();
        var primary = School(county, 1);
        await Clerk.SubmittedAsync(county, 2026, [Return(primary, Section.Primary)], Classes(primary, Section.Primary));

        var retry = await Clerk.SubmittedAsync(county, 2026, [Return(primary, Section.Primary)], Classes(primary, Section.Primary));
        var corrected = await Clerk.SubmittedAsync(county, 2026, [Return(primary, Section.Primary, ground: 5200m)],
            Classes(primary, Section.Primary).Take(11)); // one class fewer

        Assert.Equal((new PartOutcome(1, 0, 0, 1), new PartOutcome(12, 0, 0, 12)), (retry.FacilityReturns, retry.Classes));
        Assert.Equal((new PartOutcome(1, 0, 1, 0), new PartOutcome(11, 0, 11, 0)), (corrected.FacilityReturns, corrected.Classes));
        var returns = await factory.Events.WaitForAsync<FacilityReturnRecorded>(e => e.SchoolCode == primary, count: 2);
        var replacement = returns.Single(e => e.Revision == 2);
        Assert.Equal((true, 5200m), (replacement.Replaced, replacement.SportsGroundArea));
        var lists = await factory.Events.WaitForAsync<ClassesReported>(e => e.SchoolCode == primary, count: 2);
        Assert.Equal(11, lists.Single(e => e.Revision == 2).ClassSizes.Length);
        Assert.Equal(11, await factory.QueryAsync<FacilitiesDbContext, int>(db => db.Classes.CountAsync(c => c.SchoolCode == primary, Ct)));
        // The retry wrote no event: two of each for the school, no more.
        Assert.Equal(4, await OutboxCountAsync(primary));
    }

    [Fact]
    public async Task A_submission_with_faults_lists_every_row_and_stores_nothing()
    {
        var county = await CountyAsync();
        string primary = School(county, 1), nineYear = School(county, 2);

        var response = await Clerk.SubmitAsync(county, 2026,
            [Return(primary, Section.Primary), Return(nineYear, Section.Primary), Return(primary, Section.Junior)],
            [.. Classes(primary, Section.Primary), Class(primary, 3, 9, 300), Class(nineYear, 10, 1, 40)],
            [Boarding(primary)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Equal(["boardingLogistics[0].schoolCode", "classes[12].students", "classes[13].grade", "facilityReturns[1].section",
            "facilityReturns[2].section"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("5 faults", problem.Title);
        Assert.Equal(0, await factory.QueryAsync<FacilitiesDbContext, int>(db =>
            db.FacilityReturns.CountAsync(r => r.SchoolCode == primary || r.SchoolCode == nineYear, Ct)));
        Assert.Equal(0, await factory.QueryAsync<FacilitiesDbContext, int>(db => db.Classes.CountAsync(c => c.SchoolCode == primary, Ct)));
        Assert.Equal(0, await OutboxCountAsync(primary) + await OutboxCountAsync(nineYear));
    }

    [Fact]
    public async Task Classes_upload_as_csv_and_large_classes_are_traced_to_their_school()
    {
        var county = await CountyAsync();
        string primary = School(county, 1), nineYear = School(county, 2);
        var csv = string.Join("\n", ["schoolCode,grade,number,students",
            .. Classes(primary, Section.Primary, 44).Select(c => $"{c.SchoolCode},{c.Grade},{c.Number},{(c.Grade == 6 && c.Number == 2 ? 57 : c.Students)}"),
            .. Classes(nineYear, Section.Primary, 30).Concat(Classes(nineYear, Section.Junior, 51))
                .Select(c => $"{c.SchoolCode},{c.Grade},{c.Number},{(c.Grade == 9 && c.Number == 1 ? 70 : c.Students)}")]);

        var response = await Clerk.UploadCsvAsync($"/api/counties/{county}/years/2026/classes", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var large = await _client.GetApiAsync<LargeClassesDto>($"/api/counties/{county}/years/2026/large-classes");
        Assert.Equal((30, 1 + 6, 2, 1), (large!.Classes, large.OverLimit, large.Large, large.SuperLarge));
        Assert.Equal([(nineYear, 9, 1, 70, 50), (primary, 6, 2, 57, 45)], large.Listed.Select(c => (c.SchoolCode, c.Grade, c.Number, c.Students, c.Limit)));
        Assert.Equal("学校2", large.Listed[0].SchoolName);
    }

    [Fact]
    public async Task A_csv_with_an_unknown_column_or_unreadable_value_is_refused_at_its_line()
    {
        var county = await CountyAsync();
        var badHeader = await Clerk.UploadCsvAsync($"/api/counties/{county}/years/2026/classes", "schoolCode,grade,class,students\n1,1,1,1");
        var badValue = await Clerk.UploadCsvAsync($"/api/counties/{county}/years/2026/classes",
            $"schoolCode,grade,number,students\n{School(county, 1)},1,1,forty");

        Assert.Contains("Unknown column 'class'", (await badHeader.Content.ReadApiAsync<ValidationProblemDetails>())!.Errors["line 1.header"][0]);
        Assert.Contains("'forty' is not a whole number", (await badValue.Content.ReadApiAsync<ValidationProblemDetails>())!.Errors["line 2.students"][0]);
    }

    [Fact]
    public async Task A_clerk_edits_one_schools_return_and_an_outlier_is_accepted_with_a_warning()
    {
        var county = await Clerk.CountyWithSchoolsAsync(Enumerable.Repeat((SchoolType.Primary, Location.Rural, false), 5).ToArray());
        var schools = Enumerable.Range(1, 5).Select(n => School(county, n)).ToList();
        await Clerk.SubmittedAsync(county, 2026, schools.Skip(1).Select(s => Return(s, Section.Primary)),
            schools.SelectMany(s => Classes(s, Section.Primary)));

        var response = await _client.PutAsJsonAsync($"/api/schools/{schools[0]}/years/2026/facility-return",
            new { sections = new[] { Return(schools[0], Section.Primary, ground: 100m) with { SchoolCode = null } } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadApiAsync<SubmissionOutcome>();
        var warning = Assert.Single(outcome!.Warnings);
        Assert.Equal(("sections[0]", "sportsGroundArea"), (warning.Where, warning.Field));
        Assert.Contains("per student is 1.46, far below the county's primary median of 9.58", warning.Message);
    }

    [Fact]
    public async Task Unknown_county_and_year_out_of_range_are_refused_naming_the_field()
    {
        await ProblemAssert.FieldRefusedAsync(await Clerk.SubmitAsync("139998", 2026, classes: [Class("1399980001", 1, 1, 40)]), "county");
        var county = await CountyAsync();
        await ProblemAssert.FieldRefusedAsync(await Clerk.SubmitAsync(county, 1999, classes: Classes(School(county, 1), Section.Primary)), "year");
    }

    [Fact]
    public async Task Schools_missing_this_years_return_are_listed_with_what_they_miss()
    {
        var county = await CountyAsync();
        string primary = School(county, 1), nineYear = School(county, 2);
        await Clerk.SubmittedAsync(county, 2026, [Return(primary, Section.Primary), Return(nineYear, Section.Primary), Return(nineYear, Section.Junior)],
            Classes(primary, Section.Primary));

        var missing = await _client.GetApiAsync<MissingDto[]>($"/api/counties/{county}/years/2026/missing-returns");

        var only = Assert.Single(missing!);
        Assert.Equal(nineYear, only.SchoolCode);
        Assert.Equal(["classes", "boarding-logistics"], only.Missing);
    }

    /// <summary>Events about the school's submissions (its registration aside) written to the outbox.</summary>
    private Task<int> OutboxCountAsync(string school) => factory.QueryAsync<FacilitiesDbContext, int>(db =>
        db.Set<Messaging.Outbox.OutboxMessage>().CountAsync(m => m.Body.Contains(school)
            && !m.MessageType.StartsWith(typeof(SchoolRecorded).FullName!), Ct));
}
