using System.Net;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// The sections' teacher counts the consumer keeps change by change (the old profile out, the new one in) equal a
/// count over the teachers as they end up — whatever order the versions arrive in, with teachers moving school,
/// section and county, leaving, and turning part-time — and a rebuild gives the same counts again.
/// </summary>
public sealed class SectionStaffTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task Kept_counts_equal_a_count_over_the_teachers_live_and_after_a_rebuild()
    {
        var ct = TestContext.Current.CancellationToken;
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, _bus,
            (SchoolType.Primary, Location.Town, false), (SchoolType.NineYear, Location.Rural, false), (SchoolType.Junior, Location.Rural, false));
        var other = "439999"; // a teacher may move to a school of another county
        string[] schools = [RegistryAnnouncer.School(county, 1), RegistryAnnouncer.School(county, 2), RegistryAnnouncer.School(county, 3),
            RegistryAnnouncer.School(other, 1)];
        var random = new Random(20261201);
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>();
        for (var t = 0; t < 40; t++)
        {
            var id = Guid.NewGuid();
            for (var version = 1; version <= 4; version++)
            {
                var school = schools[random.Next(schools.Length)];
                events.Add(new TeacherRecorded(id, version == 1 ? TeacherChange.Hired : TeacherChange.Updated, school, school[..6],
                    (Section)random.Next(2), random.Next(4) > 0,
                    [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => (Subject)random.Next(10))],
                    (Qualification)random.Next(5), (Rank)random.Next(6), (BackboneLevel)random.Next(3), random.Next(2) == 0, random.Next(20),
                    80_000m, random.Next(5) > 0, version, now));
                // Another kind of event between a teacher's versions: a rebuild applies each run of one kind before saving.
                events.Add(new TrainingRecorded(Guid.NewGuid(), id, school, school[..6], new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), 8m, now));
            }
        }
        // Versions arrive in any order: an older one arriving late must change nothing.
        foreach (var e in events.OrderBy(_ => random.Next()))
        {
            await (e is TeacherRecorded teacher ? _bus.PublishAsync(teacher) : _bus.PublishAsync((TrainingRecorded)e));
        }
        await Poll.UntilAsync(async () => await factory.QueryAsync<InspectionDbContext, int>(db => db.ConsumedEvents.CountAsync(ct)) == 4 + events.Count,
            TimeSpan.FromSeconds(60), "the teachers' events were never consumed");

        var counted = await CountedAsync(ct);
        Assert.True(counted.Count >= 4, $"only {counted.Count} sections have teachers");
        Assert.Equal(counted, await KeptAsync(ct));

        using var admin = factory.CreateClient();
        var rebuilt = await admin.PostAsync("/api/read-models/rebuild", null, ct);
        Assert.True(rebuilt.StatusCode == HttpStatusCode.OK, await rebuilt.Content.ReadAsStringAsync(ct));
        Assert.Equal(counted, await CountedAsync(ct));
        Assert.Equal(counted, await KeptAsync(ct));
    }

    /// <summary>The counts as the scorecard used to make them, over the teachers' rows (an independent count).</summary>
    private Task<List<string>> CountedAsync(CancellationToken ct) => factory.QueryAsync<InspectionDbContext, List<string>>(async db => (await db.Database.SqlQueryRaw<string>("""
        SELECT concat_ws(' ', county_code, school_code, section,
               count(*) FILTER (WHERE full_time),
               count(*) FILTER (WHERE full_time AND qualification >= CASE WHEN section = 0 THEN 1 ELSE 2 END),
               count(*) FILTER (WHERE backbone >= 1),
               count(*) FILTER (WHERE full_time AND subjects && ARRAY[4, 5, 6]),
               count(*) FILTER (WHERE full_time AND rank >= 3),
               (SELECT string_agg(s::text, ',' ORDER BY s) FROM (SELECT DISTINCT unnest(subjects) AS s FROM teachers i
                 WHERE i.active AND i.full_time AND i.county_code = t.county_code AND i.school_code = t.school_code AND i.section = t.section) d)) AS "Value"
        FROM teachers t WHERE active
        GROUP BY county_code, school_code, section
        HAVING count(*) FILTER (WHERE full_time OR backbone >= 1) > 0
        """).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList());

    private Task<List<string>> KeptAsync(CancellationToken ct) => factory.QueryAsync<InspectionDbContext, List<string>>(async db =>
        (await db.SectionStaff.AsNoTracking().ToListAsync(ct))
            .Select(s => string.Join(' ', s.CountyCode, s.SchoolCode, (int)s.Section, s.FullTime, s.Qualified, s.Backbone, s.PeAndArt, s.MidRank,
                string.Join(',', s.SubjectTeachers.Select((n, i) => (n, i)).Where(x => x.n > 0).Select(x => x.i))).TrimEnd())
            .Order(StringComparer.Ordinal).ToList());
}
