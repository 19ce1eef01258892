using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Facilities.Tests.Rows;

namespace EduPlatform.Facilities.Tests;

/// <summary>A county's whole year at the size of a real one: 1,000 schools and 25,000 classes in one call each.</summary>
public sealed class BulkSubmissionTests(FacilitiesFactory factory) : IClassFixture<FacilitiesFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_schools_with_25000_classes_are_accepted_in_one_call()
    {
        _client.Timeout = TimeSpan.FromMinutes(5);
        var county = NewCountyCode();
        (await _client.PutAsJsonAsync($"/api/counties/{county}", new { name = "大县" }, Ct)).EnsureSuccessStatusCode();
        // 700 primary schools (24 classes, 100 of them 25), 200 junior (27), 100 nine-year (27): 25,000 classes.
        var types = Enumerable.Range(1, 1000).Select(n => n <= 700 ? SchoolType.Primary : n <= 900 ? SchoolType.Junior : SchoolType.NineYear).ToArray();
        var schools = types.Select((type, i) => new SchoolRow(School(county, i + 1), $"学校{i + 1}", "rural", Problems.KebabCase(type), i % 5 == 0)).ToArray();
        var registry = Stopwatch.StartNew();
        (await _client.PutAsJsonAsync($"/api/counties/{county}/schools", schools, Ct)).EnsureSuccessStatusCode();
        registry.Stop();

        var returns = new List<FacilityReturnRow>();
        var classes = new List<ClassRow>();
        for (var i = 0; i < schools.Length; i++)
        {
            var code = schools[i].Code!;
            var perGrade = types[i] switch { SchoolType.Primary => 4, SchoolType.Junior => 9, _ => 3 };
            var (first, last) = SchoolTypes.Grades(types[i]);
            for (var grade = first; grade <= last; grade++)
            {
                var count = perGrade + (types[i] == SchoolType.Primary && i < 100 && grade == 1 ? 1 : 0);
                for (var number = 1; number <= count; number++)
                {
                    classes.Add(Class(code, grade, number, 30 + (i * 7 + grade * 3 + number) % 31));
                }
            }
            foreach (var section in SchoolTypes.RequiredSections(types[i]))
            {
                returns.Add(Return(code, section, banbantong: 0));
            }
        }
        Assert.Equal(25_000, classes.Count);
        var boarding = schools.Where(s => s.Boarding == true).Select(s => Boarding(s.Code!)).ToList();

        var submission = Stopwatch.StartNew();
        var response = await new Clerk(_client).SubmitAsync(county, 2026, returns, classes, boarding);
        submission.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadApiAsync<SubmissionOutcome>();
        Assert.Equal((1100, 25_000, 200), (outcome!.FacilityReturns.Recorded, outcome.Classes.Recorded, outcome.BoardingLogistics.Recorded));
        Assert.Equal(25_000, await factory.QueryAsync<FacilitiesDbContext, int>(db =>
            db.Classes.CountAsync(c => c.Year == 2026 && c.SchoolCode.StartsWith(county), Ct)));
        // One event per return, per section's class list and per boarding report.
        Assert.Equal(1100 + 1100 + 200, await factory.QueryAsync<FacilitiesDbContext, int>(db =>
            db.Set<Messaging.Outbox.OutboxMessage>().CountAsync(m => m.Body.Contains("\"countyCode\":\"" + county)
                && (m.MessageType.Contains(nameof(FacilityReturnRecorded)) || m.MessageType.Contains(nameof(ClassesReported))
                    || m.MessageType.Contains(nameof(BoardingLogisticsReported))), Ct)));

        var repeat = Stopwatch.StartNew();
        var again = await new Clerk(_client).SubmitAsync(county, 2026, returns, classes, boarding);
        repeat.Stop();
        Assert.Equal(25_000, (await again.Content.ReadApiAsync<SubmissionOutcome>())!.Classes.Unchanged);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"registry of 1,000 schools: {registry.ElapsedMilliseconds} ms; submission of 1,100 returns + 25,000 classes + 200 boarding reports: " +
            $"{submission.ElapsedMilliseconds} ms; the same submission repeated (nothing changes): {repeat.ElapsedMilliseconds} ms");
    }
}
