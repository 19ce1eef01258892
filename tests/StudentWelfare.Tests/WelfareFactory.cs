using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.StudentWelfare.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.StudentWelfare.Tests;

/// <summary>The welfare service on real servers; its test bus stands in for facilities and collects what welfare publishes.</summary>
public sealed class WelfareFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.StudentWelfareDb)
{
    private static int _next;

    public EventCollector Events { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Events = await EventCollector.StartAsync(RabbitMqConnectionString, typeof(EnrolmentReported), typeof(CountyWelfareReported),
            typeof(SubsidyCoverageReported), typeof(SubsidyRateSet));
    }

    public override async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A new county and its schools (numbered 1..), announced as facilities would; returns once welfare has them.</summary>
    public async Task<string> CountyWithSchoolsAsync(params (SchoolType Type, Location Location, bool Boarding)[] schools)
    {
        // Welfare's queues must be bound before anything is published, or RabbitMQ drops the events.
        using var client = CreateClient();
        await Poll.UntilAsync(async () => (await client.GetAsync("/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "welfare never became healthy");
        var n = Interlocked.Increment(ref _next);
        var county = $"{4200 + n / 90}{10 + n % 90}";
        var now = DateTimeOffset.UtcNow;
        await Events.PublishAsync(new CountyRecorded(county, $"测试县{county}", 1, now));
        for (var i = 0; i < schools.Length; i++)
        {
            var (type, location, boarding) = schools[i];
            await Events.PublishAsync(new SchoolRecorded(School(county, i + 1), county, $"学校{i + 1}", location, type, boarding,
                SchoolStatus.Operating, 1, now));
        }
        await Poll.UntilAsync(async () => await QueryAsync<WelfareDbContext, int>(db => db.Schools.CountAsync(s => s.CountyCode == county))
                == schools.Length && await QueryAsync<WelfareDbContext, bool>(db => db.Counties.AnyAsync(c => c.Code == county)),
            TimeSpan.FromSeconds(30), "the registry events never reached welfare");
        return county;
    }

    public static string School(string county, int n) => $"{county}{n:D4}";
}
