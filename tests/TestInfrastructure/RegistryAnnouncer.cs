using EduPlatform.Contracts.Facilities;
using EduPlatform.Registry;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace EduPlatform.Testing;

/// <summary>
/// Stands in for the facilities service when another department is under test: announces a county
/// and its schools on the department's broker and waits until the department's registry copy has them.
/// </summary>
public static class RegistryAnnouncer
{
    private static int _next;

    public static string School(string county, int n) => $"{county}{n:D4}";

    /// <returns>The new county's code; its schools are numbered 1.. in the order given.</returns>
    public static async Task<string> CountyWithSchoolsAsync<TProgram, TContext>(ServiceFactory<TProgram> service, EventCollector bus,
        params (SchoolType Type, Location Location, bool Boarding)[] schools)
        where TProgram : class where TContext : DbContext
    {
        // The department's queues must be bound before anything is published, or RabbitMQ drops the events.
        using var client = service.CreateClient();
        await Poll.UntilAsync(async () => (await client.GetAsync("/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the service never became healthy");
        var n = Interlocked.Increment(ref _next);
        var county = $"{4300 + n / 90}{10 + n % 90}";
        var now = DateTimeOffset.UtcNow;
        await bus.PublishAsync(new CountyRecorded(county, $"测试县{county}", 1, now));
        for (var i = 0; i < schools.Length; i++)
        {
            var (type, location, boarding) = schools[i];
            await bus.PublishAsync(new SchoolRecorded(School(county, i + 1), county, $"学校{i + 1}", location, type, boarding,
                SchoolStatus.Operating, 1, now));
        }
        await Poll.UntilAsync(async () =>
                await service.QueryAsync<TContext, int>(db => db.Set<RegistrySchool>().CountAsync(s => s.CountyCode == county)) == schools.Length
                && await service.QueryAsync<TContext, bool>(db => db.Set<RegistryCounty>().AnyAsync(c => c.Code == county)),
            TimeSpan.FromSeconds(30), "the registry events never reached the service");
        return county;
    }
}
