using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Staffing.Domain;
using EduPlatform.Staffing.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Staffing.Apis.TeacherApi;
using static EduPlatform.Staffing.Tests.StaffingFactory;

namespace EduPlatform.Staffing.Tests;

public sealed class TeacherApiTests(StaffingFactory factory) : IClassFixture<StaffingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TeacherOutcome> ReturnAsync(string county, params TeacherRow[] rows) => ReturnAsync(_client, county, rows);

    internal static async Task<TeacherOutcome> ReturnAsync(HttpClient client, string county, params TeacherRow[] rows)
    {
        var response = await client.PutAsJsonAsync($"/api/counties/{county}/teachers", rows, Ct);
        await response.SucceedsAsync();
        return (await response.Content.ReadApiAsync<TeacherOutcome>())!;
    }

    [Fact]
    public async Task Hiring_transfer_and_leaving_are_announced_under_an_opaque_id_and_a_repeat_changes_nothing()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Town, false), (SchoolType.Primary, Location.Rural, false));
        var id = People.IdNumber();
        var row = People.Row(id, People.Name(1), School(county, 1));

        var hired = await ReturnAsync(county, row);
        var repeat = await ReturnAsync(county, row);
        var moved = await ReturnAsync(county, row with { SchoolCode = School(county, 2) });
        var left = await ReturnAsync(county, row with { SchoolCode = School(county, 2), LeftOn = new DateOnly(2026, 7, 15) });

        Assert.Equal((1, 0, 0, 0, 0), (hired.Hired, repeat.Hired, repeat.Transferred, repeat.Updated, repeat.Left));
        Assert.Equal(1, repeat.Unchanged);
        Assert.Equal((1, 1), (moved.Transferred, left.Left));
        var teacherId = hired.TeacherIds[0];
        Assert.Equal(teacherId, left.TeacherIds[0]);
        var events = await factory.Events.WaitForAsync<TeacherRecorded>(e => e.TeacherId == teacherId, count: 3);
        Assert.Equal([TeacherChange.Hired, TeacherChange.Transferred, TeacherChange.Left], events.OrderBy(e => e.Version).Select(e => e.Change));
        Assert.False(events.MaxBy(e => e.Version)!.Active);
        var teacher = await _client.GetApiAsync<TeacherDto>($"/api/teachers/{teacherId}");
        Assert.Equal((id, School(county, 2), 3L), (teacher!.IdNumber, teacher.SchoolCode, teacher.Version));
    }

    [Fact]
    public async Task A_transfer_to_a_closed_school_or_negative_pay_is_refused_and_nothing_changes()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Primary, Location.Town, false), (SchoolType.Primary, Location.Rural, false));
        await factory.Events.PublishAsync(new SchoolRecorded(School(county, 2), county, "学校2", Location.Rural, SchoolType.Primary, false,
            SchoolStatus.Closed, 2, DateTimeOffset.UtcNow));
        await Poll.UntilAsync(() => factory.QueryAsync<StaffingDbContext, bool>(db => db.Schools.AnyAsync(s => s.Code == School(county, 2) && s.Status == SchoolStatus.Closed)),
            TimeSpan.FromSeconds(30), "the closure never reached staffing");
        var ids = new[] { People.IdNumber(), People.IdNumber() };
        var hired = await ReturnAsync(county, People.Row(ids[0], People.Name(2), School(county, 1)));

        var response = await _client.PutAsJsonAsync($"/api/counties/{county}/teachers", new[]
        {
            People.Row(ids[0], People.Name(2), School(county, 2)),
            People.Row(ids[1], People.Name(3), School(county, 1), pay: -100m),
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadApiAsync<ValidationProblemDetails>();
        Assert.Equal(["teachers[0].schoolCode", "teachers[1].annualPay"], problem!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(School(county, 1), (await _client.GetApiAsync<TeacherDto>($"/api/teachers/{hired.TeacherIds[0]}"))!.SchoolCode);
        Assert.False(await factory.QueryAsync<StaffingDbContext, bool>(db => db.Teachers.AnyAsync(t => t.IdNumber == ids[1], Ct)));
    }

    [Fact]
    public async Task No_event_log_line_or_trace_attribute_carries_a_name_or_id_number()
    {
        var county = await factory.CountyWithSchoolsAsync((SchoolType.Junior, Location.Urban, false), (SchoolType.Junior, Location.Rural, false));
        var people = Enumerable.Range(100, 5).Select(n => (Id: People.IdNumber(), Name: People.Name(n))).ToList();
        var csv = string.Join("\n", ["idNumber,name,schoolCode,section,fullTime,subjects,qualification,rank,backbone,certified,hireDate,atSchoolSince,ruralYears,annualPay,leftOn",
            .. people.Take(4).Select(p => $"{p.Id},{p.Name},{School(county, 1)},junior,true,体育;音乐,本科,一级,县级,是,2012-09-01,2012-09-01,0,96000,")]);

        var bulk = await _client.PutAsync($"/api/counties/{county}/teachers", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var single = await _client.PostAsJsonAsync("/api/teachers", People.Row(people[4].Id, people[4].Name, School(county, 2), section: "junior"), Ct);
        var outcome = (await bulk.Content.ReadApiAsync<TeacherOutcome>())!;
        var moved = await _client.PutAsJsonAsync($"/api/teachers/{outcome.TeacherIds[0]}",
            People.Row("", people[0].Name, School(county, 2), section: "junior"), Ct);
        var faulty = await _client.PutAsJsonAsync($"/api/counties/{county}/teachers",
            new[] { People.Row(people[1].Id, people[1].Name, "9999999999", section: "junior") }, Ct);
        var training = await _client.PostAsJsonAsync($"/api/teachers/{outcome.TeacherIds[1]}/training",
            new { course = "国培计划", startDate = "2026-07-01", endDate = "2026-07-05", hours = 40 }, Ct);
        await _client.GetAsync($"/api/teachers/{outcome.TeacherIds[1]}", Ct);
        await _client.GetAsync($"/api/counties/{county}/training-shortfall", Ct);
        // A client that puts a credential in the query string: its value must reach no span and no log.
        await _client.GetAsync($"/api/counties/{county}/training-shortfall?asOf=2026-09-01&access_token=sekret-{county}", Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK],
            [bulk.StatusCode, single.StatusCode, moved.StatusCode, faulty.StatusCode, training.StatusCode]);
        await factory.Events.WaitForAsync<TeacherRecorded>(e => outcome.TeacherIds.Contains(e.TeacherId), count: 5);
        await factory.Events.WaitForAsync<TrainingRecorded>(e => e.TeacherId == outcome.TeacherIds[1]);
        await Task.Delay(500, Ct); // the last spans end after the responses

        var secrets = people.SelectMany(p => new[] { p.Id, p.Name }).ToList();
        var outbox = await factory.QueryAsync<StaffingDbContext, List<string>>(db => db.Set<Messaging.Outbox.OutboxMessage>().Select(m => m.Body).ToListAsync(Ct));
        var logs = factory.Logs.ToList();
        List<Activity> spans;
        lock (factory.Spans)
        {
            spans = [.. factory.Spans];
        }
        var attributes = spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName)
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))).ToList();
        Assert.NotEmpty(logs);
        Assert.Contains(attributes, a => a.Contains("/api/teachers", StringComparison.Ordinal)); // the spans were captured
        Assert.Contains(outbox, b => b.Contains(outcome.TeacherIds[0].ToString(), StringComparison.Ordinal));
        // Nor the bearer tokens (every JWT begins "eyJ", the encoding of '{"').
        Assert.DoesNotContain(logs, l => l.Contains("eyJ", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.Contains("eyJ", StringComparison.Ordinal));
        Assert.Contains(attributes, a => a.Contains("access_token=REDACTED", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.Contains("sekret-", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("sekret-", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(outbox, b => b.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(attributes, a => a.Contains(secret, StringComparison.Ordinal));
        }
    }
}

/// <summary>A county's whole return in one call, in a class of its own (see <see cref="BulkStaffingFactory"/>).</summary>
public sealed class LargeTeacherReturnTests(BulkStaffingFactory factory) : IClassFixture<BulkStaffingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TeacherOutcome> ReturnAsync(string county, params TeacherRow[] rows) => TeacherApiTests.ReturnAsync(_client, county, rows);

    [Fact]
    public async Task A_50000_teacher_return_is_accepted_in_one_call()
    {
        _client.Timeout = TimeSpan.FromMinutes(5);
        var county = await factory.CountyWithSchoolsAsync([.. Enumerable.Range(0, 500).Select(i => (SchoolType.NineYear, i % 3 == 0 ? Location.Rural : Location.Town, false))]);
        var subjects = new[] { "chinese", "mathematics", "english", "physical-education", "music", "fine-art", "information-technology" };
        var rows = Enumerable.Range(0, 50_000).Select(i => People.Row(People.IdNumber(), People.Name(i), School(county, i % 500 + 1),
            section: i % 3 == 0 ? "junior" : "primary", subjects: [subjects[i % subjects.Length]], backbone: i % 9 == 0 ? "county" : "none",
            ruralYears: i % 20, pay: 80_000m + i % 30_000, atSchoolSince: new DateOnly(2012 + i % 14, 9, 1))).ToArray();

        var clock = Stopwatch.StartNew();
        var outcome = await ReturnAsync(county, rows);
        clock.Stop();

        Assert.Equal((50_000, 50_000), (outcome.Received, outcome.Hired));
        Assert.Equal(50_000, await factory.QueryAsync<StaffingDbContext, int>(db => db.Teachers.CountAsync(t => t.CountyCode == county, Ct)));
        Assert.Equal(50_000, await factory.QueryAsync<StaffingDbContext, int>(db => db.Set<Messaging.Outbox.OutboxMessage>()
            .CountAsync(m => m.MessageType.Contains(nameof(TeacherRecorded)) && m.Body.Contains("\"countyCode\":\"" + county), Ct)));
        var again = Stopwatch.StartNew();
        Assert.Equal(50_000, (await ReturnAsync(county, rows)).Unchanged);
        again.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"50,000-teacher return (JSON, new): {clock.ElapsedMilliseconds} ms; the same return again (nothing changes): {again.ElapsedMilliseconds} ms");
    }
}
