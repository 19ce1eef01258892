using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Tests;

/// <summary>
/// Versions of the same records delivered at once and out of order — as 16 consumers take them — must
/// leave every copy on the newest version, whatever the interleaving: the registry copy, a
/// one-by-one read model (facility returns) and a batched one (teachers).
/// </summary>
public sealed class ConvergenceTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    [Fact]
    public async Task Many_versions_published_at_once_in_any_order_leave_every_copy_on_the_newest()
    {
        const int versions = 20, rounds = 4;
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, _bus,
            (SchoolType.Primary, Location.Town, false), (SchoolType.Primary, Location.Rural, false), (SchoolType.Junior, Location.Urban, false));
        string[] schools = [RegistryAnnouncer.School(county, 1), RegistryAnnouncer.School(county, 2), RegistryAnnouncer.School(county, 3)];
        var teachers = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var random = new Random(16);
        var now = DateTimeOffset.UtcNow;
        for (var round = 0; round < rounds; round++)
        {
            var top = (round + 1) * versions + 1;
            var messages = new List<Func<Task>>();
            foreach (var v in Enumerable.Range(top - versions + 1, versions))
            {
                foreach (var school in schools)
                {
                    messages.Add(() => _bus.PublishAsync(new SchoolRecorded(school, county, $"学校{school[^1]}-v{v}", Location.Town, SchoolType.Primary, false,
                        SchoolStatus.Operating, v, now)));
                    messages.Add(() => _bus.PublishAsync(new FacilityReturnRecorded(school, county, 2026, Section.Primary, v, true, v, 600m, 0m, 150_000m, 2, 10, 3000,
                        [96m], [90m], 100m, 6, 6, 6, 61, now)));
                }
                foreach (var teacher in teachers)
                {
                    messages.Add(() => _bus.PublishAsync(new TeacherRecorded(teacher, TeacherChange.Updated, schools[0], county, Section.Primary, true, [], Qualification.Bachelor,
                        Rank.None, BackboneLevel.None, true, v, 100_000m + v, true, v, now)));
                }
            }
            await Task.WhenAll(messages.OrderBy(_ => random.Next()).Select(publish => publish()));

            var expected = (schools.Length, schools.Length, teachers.Length);
            var counts = (0, 0, 0);
            for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && counts != expected; await Task.Delay(200, Ct))
            {
                counts = await factory.QueryAsync<InspectionDbContext, (int, int, int)>(async db => (
                    await db.Set<RegistrySchool>().CountAsync(s => s.CountyCode == county && s.Version == top && s.Name.EndsWith($"-v{top}"), Ct),
                    await db.Facilities.CountAsync(f => schools.Contains(f.SchoolCode) && f.Year == 2026 && f.Revision == top && f.TeachingArea == top, Ct),
                    await db.Teachers.CountAsync(t => teachers.Contains(t.TeacherId) && t.Version == top && t.RuralYears == top, Ct)));
            }
            var seen = await factory.QueryAsync<InspectionDbContext, string>(async db => string.Join("; ",
                (await db.Set<RegistrySchool>().Where(s => s.CountyCode == county).Select(s => s.Code + " v" + s.Version + " " + s.Name).ToListAsync(Ct))
                .Concat(await db.Facilities.Where(f => schools.Contains(f.SchoolCode)).Select(f => f.SchoolCode + " r" + f.Revision + " " + f.TeachingArea).ToListAsync(Ct))));
            Assert.True(counts == expected, $"round {round}: (schools, returns, teachers) on version {top}: {counts}, expected {expected}; {seen}");
        }
    }
}
