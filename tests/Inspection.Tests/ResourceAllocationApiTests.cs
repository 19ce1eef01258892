using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static EduPlatform.Inspection.Apis.IndicatorApi;

namespace EduPlatform.Inspection.Tests;

/// <summary>Departments' events in, 资源配置 out: the read models, in any order, feed the engine.</summary>
public sealed class ResourceAllocationApiTests(InspectionFactory factory) : IClassFixture<InspectionFactory>, IAsyncLifetime
{
    private EventCollector _bus = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bus = await EventCollector.StartAsync(factory.RabbitMqConnectionString);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    /// <summary>
    /// Two primary schools of a new county, 2026, as the departments report them: A (urban) 500 students, 2,500 m² teaching
    /// and 4,000 m² sports area, 25 teachers above 专科 (6 backbone, 5 music); B (rural) 200 students, 600 m² and 2,000 m²,
    /// 8 teachers (6 above the required qualification, 1 backbone, 2 PE); and a late older return of B that changes nothing.
    /// Returns once inspection has consumed every event.
    /// </summary>
    internal static async Task<(string County, string A, string B)> PublishTwoSchoolsAsync(InspectionFactory factory, EventCollector bus)
    {
        var county = await RegistryAnnouncer.CountyWithSchoolsAsync<InspectionDbContext, InspectionDbContext>(factory, bus,
            (SchoolType.Primary, Location.Urban, false), (SchoolType.Primary, Location.Rural, false));
        string a = RegistryAnnouncer.School(county, 1), b = RegistryAnnouncer.School(county, 2);
        await bus.PublishAsync(new EnrolmentReported(a, county, 2026, Section.Primary, 1, [1], [500], [0], [0], [0], [0], [0], [0], [0], [0], DateTimeOffset.UtcNow));
        await bus.PublishAsync(new EnrolmentReported(b, county, 2026, Section.Primary, 1, [1], [200], [0], [0], [0], [0], [0], [0], [0], [0], DateTimeOffset.UtcNow));
        await bus.PublishAsync(Return(a, county, 2, teaching: 2500m, sports: 4000m));
        await bus.PublishAsync(Return(b, county, 2, teaching: 600m, sports: 2000m));
        await bus.PublishAsync(Return(b, county, 1, teaching: 9999m, sports: 9999m)); // an older revision arriving late
        // School A: 25 bachelor teachers, 6 of them county backbone, 5 teaching music. School B: 6 + 2 below 专科, 1 backbone, 2 PE.
        var teachers = Enumerable.Range(0, 25).Select(i => Teacher(a, county, Qualification.Bachelor, i < 6 ? BackboneLevel.County : BackboneLevel.None,
                i < 5 ? Subject.Music : Subject.Chinese))
            .Concat(Enumerable.Range(0, 8).Select(i => Teacher(b, county, i < 6 ? Qualification.Associate : Qualification.HighSchool,
                i < 1 ? BackboneLevel.City : BackboneLevel.None, i < 2 ? Subject.PhysicalEducation : Subject.Mathematics)));
        foreach (var teacher in teachers)
        {
            await bus.PublishAsync(teacher);
        }

        using var client = factory.CreateClient();
        await Poll.UntilAsync(async () =>
        {
            var result = await client.GetApiAsync<ResourceAllocationDto>($"/api/counties/{county}/years/2026/resource-allocation");
            return result!.Inputs.Sum(i => i.FullTimeTeachers) == 33 && result.Inputs.Any(i => i.SchoolCode == b && i.TeachingArea == 600m);
        }, TimeSpan.FromSeconds(30), "the events never reached the read models");
        // The late older return too has been consumed (and so had its chance to change something) before the figures are read.
        await Poll.UntilAsync(async () => await factory.QueryAsync<InspectionDbContext, int>(db =>
                db.ConsumedEvents.CountAsync(e => e.CountyCode == county && e.Type == nameof(FacilityReturnRecorded), Ct)) == 3,
            TimeSpan.FromSeconds(60), "the late older return was never consumed");
        return (county, a, b);
    }

    private static FacilityReturnRecorded Return(string school, string county, int revision, decimal teaching, decimal sports) =>
        new(school, county, 2026, Section.Primary, revision, revision > 1, teaching, sports, 0m, 1_000_000m, 12, 50, 10_000, [96m], [90m],
            100m, 12, 12, 10, 100, DateTimeOffset.UtcNow);

    private static TeacherRecorded Teacher(string school, string county, Qualification qualification, BackboneLevel backbone, Subject subject) =>
        new(Guid.NewGuid(), TeacherChange.Hired, school, county, Section.Primary, true, [subject], qualification, Rank.Second, backbone, true, 0,
            90_000m, true, 1, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Values_and_spreads_are_computed_from_the_events_and_a_late_older_return_changes_nothing()
    {
        var (county, a, b) = await PublishTwoSchoolsAsync(factory, _bus);
        using var client = factory.CreateClient();
        var result = await client.GetApiAsync<ResourceAllocationDto>($"/api/counties/{county}/years/2026/resource-allocation");

        var schools = result!.Primary.SchoolResults.ToDictionary(s => s.SchoolCode);
        Assert.Equal((5.0m, 1.2m, 1.0m, 5.0m, 8.0m), (schools[a].Values["RA1"], schools[a].Values["RA2"], schools[a].Values["RA3"],
            schools[a].Values["RA4"], schools[a].Values["RA5"]));
        Assert.Equal((3.0m, 0.5m, 1.0m, 3.0m, 10.0m), (schools[b].Values["RA1"], schools[b].Values["RA2"], schools[b].Values["RA3"],
            schools[b].Values["RA4"], schools[b].Values["RA5"]));
        Assert.True(schools[a].Passes);
        Assert.False(schools[b].Passes);
        // RA4: X̄ = 3,100 ÷ 700 = 4.4286; S² = 5/7 · 0.5714² + 2/7 · 1.4286² = 0.8163; CV = 0.9035 ÷ 4.4286 = 0.2040.
        var ra4 = result.Primary.Indicators.Single(i => i.Code == "RA4");
        Assert.Equal(4.4286, ra4.PooledValue, 4);
        Assert.Equal(0.2040, ra4.Cv!.Value, 4);
        Assert.Equal(Status.Met, ra4.Status);
        Assert.Equal(Status.NotMet, result.Primary.SchoolsStatus);
        Assert.Equal(Status.NoData, result.Junior.SchoolsStatus);
    }
}
